package dev.tributary.rejects;

import dev.tributary.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Bounds the reasons stored with a rejection: how many, and how long each one is. */
final class Reasons {

    static final int MAX_REASONS = 100;
    static final int MAX_CHARS = 1000;
    /** The field of the last stored reason when some were left out. */
    static final String LEFT_OUT = "(more)";

    private Reasons() {
    }

    /**
     * At most {@link #MAX_REASONS} reasons, each field and message cut at {@link #MAX_CHARS} chars;
     * when there are more, the last one says how many were left out.
     */
    static List<FieldError> bounded(List<FieldError> reasons) {
        if (reasons == null) {
            return List.of();
        }
        int kept = reasons.size() <= MAX_REASONS ? reasons.size() : MAX_REASONS - 1;
        List<FieldError> bounded = new ArrayList<>(kept + 1);
        for (int i = 0; i < kept; i++) {
            FieldError reason = reasons.get(i);
            bounded.add(reason == null ? new FieldError(null, null)
                    : new FieldError(cut(reason.field()), cut(reason.message())));
        }
        if (kept < reasons.size()) {
            bounded.add(new FieldError(LEFT_OUT, (reasons.size() - kept) + " more reasons were left out"));
        }
        return bounded;
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return Text.storable(text);
        }
        return Text.cutToChars(text, MAX_CHARS - 1) + "…";
    }
}
