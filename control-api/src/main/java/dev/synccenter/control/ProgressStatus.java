package dev.synccenter.control;

/**
 * Sync Center's {@code SYNCMGR_PROGRESS_STATUS}, plus two values only the platform sets:
 * {@link #PENDING} for an item not yet started and {@link #SKIPPED} for an item that was not synced
 * because it is disabled (C11).
 */
public enum ProgressStatus {
    /** Platform only: the item waits for its session. */
    PENDING(false, false),
    /** {@code SYNCMGR_PS_UPDATING}: syncing, the step values are meaningful. */
    UPDATING(false, true),
    /** {@code SYNCMGR_PS_UPDATING_INDETERMINATE}: syncing, the step values are ignored. */
    UPDATING_INDETERMINATE(false, true),
    /** {@code SYNCMGR_PS_SUCCEEDED}. */
    SUCCEEDED(true, true),
    /** {@code SYNCMGR_PS_FAILED}; the only status accepted after another final one (C14). */
    FAILED(true, true),
    /** {@code SYNCMGR_PS_CANCELED}. */
    CANCELED(true, true),
    /** {@code SYNCMGR_PS_DISCONNECTED}: the device went away before the sync completed. */
    DISCONNECTED(true, true),
    /** Platform only: the item was disabled when its session started and was not synced. */
    SKIPPED(true, false);

    private final boolean isFinal;
    private final boolean reportable;

    ProgressStatus(boolean isFinal, boolean reportable) {
        this.isFinal = isFinal;
        this.reportable = reportable;
    }

    /** True for the statuses that end an item's sync. */
    public boolean isFinal() {
        return isFinal;
    }

    /** True for the statuses a handler may report; PENDING and SKIPPED are the platform's. */
    public boolean isReportable() {
        return reportable;
    }
}
