package dev.synccenter.control;

/** Sync Center's {@code SYNCMGR_HANDLER_TYPE}. */
public enum HandlerType {
    UNSPECIFIED, APPLICATION, DEVICE, FOLDER, SERVICE, COMPUTER
}
