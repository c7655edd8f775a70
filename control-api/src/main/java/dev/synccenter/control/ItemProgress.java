package dev.synccenter.control;

/**
 * An item's progress in a request or session (C13, C14).
 *
 * @param text the last progress text, possibly empty
 * @param step the current step; meaningless for UPDATING_INDETERMINATE
 * @param maxStep the last step
 */
public record ItemProgress(String itemId, ProgressStatus status, String text, long step, long maxStep) {

    /** The progress as a fraction from 0 to 1, or -1 when it cannot be told. */
    public double fraction() {
        if (status.isFinal()) {
            return 1;
        }
        if (status != ProgressStatus.UPDATING || maxStep <= 0) {
            return -1;
        }
        return Math.min(1, Math.max(0, (double) step / maxStep));
    }
}
