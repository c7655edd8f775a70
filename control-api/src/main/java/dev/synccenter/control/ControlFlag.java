package dev.synccenter.control;

/** Sync Center's {@code SYNCMGR_CONTROL_FLAGS}, for the update, activate and enable operations. */
public enum ControlFlag {
    /**
     * {@code SYNCMGR_CF_WAIT}: return only after the handler has been called and the new values
     * are in place. Without it ({@code SYNCMGR_CF_NOWAIT}) that work runs in the background.
     */
    WAIT,
    /**
     * {@code SYNCMGR_CF_NOUI}: do not ask the handler to show UI. The platform is headless and never
     * asks a handler for UI, so the flag is accepted and changes nothing.
     */
    NOUI
}
