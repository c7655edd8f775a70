package dev.synccenter.control;

/** Sync Center's size limits (C1, C2), in characters, without the C string's terminating NUL. */
public final class Limits {
    /** {@code MAX_SYNCMGR_ID} is 64 with the NUL: IDs are 1 to 63 characters. */
    public static final int MAX_ID_LENGTH = 63;
    /** {@code MAX_SYNCMGR_NAME} is 128 with the NUL: names and comments are cut to 127. */
    public static final int MAX_NAME_LENGTH = 127;
    /** {@code MAX_SYNCMGR_PROGRESSTEXT} is 260 with the NUL: progress text is cut to 259. */
    public static final int MAX_PROGRESS_TEXT_LENGTH = 259;
    /**
     * Event descriptions and contexts are cut to this many characters (C41): Sync Center sets no limit,
     * but a handler that reports megabytes per event must not run the platform out of memory.
     *
     * @since 1.1.0
     */
    public static final int MAX_EVENT_TEXT_LENGTH = 8_192;
    /** Event link references (a URL or a path) are cut to this many characters (C41). @since 1.1.0 */
    public static final int MAX_LINK_LENGTH = 2_048;

    private Limits() {
    }
}
