package dev.tributary.ingest;

import java.util.List;

/**
 * How a source adapter turns one input, exactly as its tool delivers it (a distributor's file, a
 * page of a vendor's query answer), into the records it hands to {@link Intake}. Each adapter has
 * one, with a public no-argument constructor; the golden-case test runs every
 * {@code mappings/<adapter>/<case>.input.*} through it and intake's checks.
 */
public interface SourceMapping {

    /** The adapter's name: its folders are {@code adapters/<name>/} and {@code mappings/<name>/}. */
    String adapter();

    /**
     * The records of {@code input} (named {@code inputName}, whose extension may tell its format)
     * read for {@code region}, in input order.
     *
     * @throws UnreadableInputException when nothing of the input can be read, with the reason
     */
    List<IncomingRecord> map(String region, String inputName, byte[] input);
}
