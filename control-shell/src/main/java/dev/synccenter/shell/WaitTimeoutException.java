package dev.synccenter.shell;

/** {@code sync:wait} gave up: the request was not done within the timeout. Exit status 2. */
final class WaitTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WaitTimeoutException(String message) {
        super(message);
    }
}
