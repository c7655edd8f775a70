package dev.synccenter.control;

/**
 * The C1 check of handler and item IDs, for handlers that make IDs of their own (from
 * configuration, from file names) and want to know before the platform refuses them.
 *
 * @since 1.1.0
 */
public final class SyncIds {

    private SyncIds() {
    }

    /** Whether the ID is a valid handler or item ID (C1). */
    public static boolean valid(String id) {
        return problem(id) == null;
    }

    /**
     * Why a handler or item ID breaks C1, or null if it is valid: 1 to {@value Limits#MAX_ID_LENGTH}
     * characters, no control characters, no leading or trailing white space (any Unicode space).
     */
    public static String problem(String id) {
        if (id == null) {
            return "must not be null (C1)";
        }
        if (id.isEmpty()) {
            return "must not be empty (C1)";
        }
        if (id.length() > Limits.MAX_ID_LENGTH) {
            return "must be at most " + Limits.MAX_ID_LENGTH + " characters, was " + id.length() + " (C1)";
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return "must not contain control characters, found U+"
                        + String.format("%04X", (int) id.charAt(i)) + " at index " + i + " (C1)";
            }
        }
        if (isSpace(id.charAt(0)) || isSpace(id.charAt(id.length() - 1))) {
            return "must not have leading or trailing white space (C1)";
        }
        return null;
    }

    /**
     * Every Unicode space counts as white space for C1: {@link Character#isWhitespace} alone lets the
     * no-break spaces (U+00A0, U+2007, U+202F) through, which look exactly like a space in a listing.
     */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
