package dev.synccenter.handler;

/**
 * What a resolution tells the platform about the next conflict ({@code SYNCMGR_RESOLUTION_FEEDBACK}, C46).
 *
 * @since 1.2.0
 */
public enum ResolutionFeedback {
    /** {@code SYNCMGR_RF_CONTINUE}: go on with the next conflict. */
    CONTINUE,
    /** {@code SYNCMGR_RF_REFRESH}: stop "apply to all"; the remaining conflicts it would have covered are left. */
    REFRESH,
    /** {@code SYNCMGR_RF_CANCEL}: stop resolving the remaining conflicts of this call. */
    CANCEL
}
