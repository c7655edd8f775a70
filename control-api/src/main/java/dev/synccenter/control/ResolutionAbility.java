package dev.synccenter.control;

/**
 * What a conflict can be resolved with ({@code SYNCMGR_RESOLUTION_ABILITIES}, C46): the handler
 * declares them per conflict, and the control service refuses a choice the conflict does not offer.
 *
 * @since 1.4.0
 */
public enum ResolutionAbility {
    /** {@code SYNCMGR_RA_KEEPOTHER}: replace the versions with another one (a merged copy). */
    KEEP_OTHER,
    /** {@code SYNCMGR_RA_KEEPRECENT}: keep the most recent version. */
    KEEP_RECENT,
    /** {@code SYNCMGR_RA_REMOVEFROMSYNCSET}: stop syncing the item in conflict. */
    REMOVE_FROM_SYNC_SET,
    /** {@code SYNCMGR_RA_KEEP_SINGLE}: keep one of the versions. */
    KEEP_SINGLE,
    /** {@code SYNCMGR_RA_KEEP_MULTIPLE}: keep several of the versions, each but one under a new name. */
    KEEP_MULTIPLE
}
