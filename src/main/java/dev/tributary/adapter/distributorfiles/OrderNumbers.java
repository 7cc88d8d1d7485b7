package dev.tributary.adapter.distributorfiles;

import dev.tributary.ingest.UnreadableInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The order numbers a file has shown so far, each with the data rows it came from, in fixed
 * memory per order (a 64-bit hash of the number and its first and last row, in two arrays): a
 * file of a million distinct orders costs tens of megabytes, not hundreds. Two numbers whose
 * hashes collide would read as one; with 64-bit hashes that is negligible at this size.
 */
final class OrderNumbers {

    /** Orders one file may hold; past it the file is refused so that its memory stays bounded. */
    static final int MAX_ORDERS = 1_000_000;
    private static final int INITIAL = 1024;

    private final int max;
    private long[] keys = new long[INITIAL];
    private long[] spans = new long[INITIAL];
    private boolean[] used = new boolean[INITIAL];
    private int size;

    OrderNumbers() {
        this(MAX_ORDERS);
    }

    OrderNumbers(int max) {
        this.max = max;
    }

    /** The rows where {@code number} appeared, e.g. {@code rows 3–5}, or null when it did not. */
    String earlier(String number) {
        int slot = slot(hash(number));
        if (!used[slot]) {
            return null;
        }
        int first = (int) (spans[slot] >>> 32);
        int last = (int) spans[slot];
        return first == last ? "row " + first : "rows " + first + "–" + last;
    }

    /** Remembers that {@code number} came from rows {@code first}..{@code last}. */
    void add(String number, int first, int last) {
        if (size >= max) {
            throw new UnreadableInputException("the file holds more than " + max
                    + " orders; split it into smaller files and send them one by one");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        long key = hash(number);
        int slot = slot(key);
        if (!used[slot]) {
            used[slot] = true;
            keys[slot] = key;
            spans[slot] = ((long) first << 32) | (last & 0xFFFFFFFFL);
            size++;
        }
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (used[slot] && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldSpans = spans;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        spans = new long[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = slot(oldKeys[i]);
                used[slot] = true;
                keys[slot] = oldKeys[i];
                spans[slot] = oldSpans[i];
            }
        }
    }

    private static long hash(String number) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(number.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                h = (h << 8) | (digest[i] & 0xFF);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
