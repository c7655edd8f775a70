package dev.synccenter.shell;

/** A service a command needs is not there (yet): exit status {@value ExitStatus#NOT_READY}, not a fault. */
final class NotReadyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotReadyException(String message) {
        super(message);
    }
}
