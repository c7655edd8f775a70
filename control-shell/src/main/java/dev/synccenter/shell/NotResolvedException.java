package dev.synccenter.shell;

/**
 * {@code sync:resolve} ran, but the handler's resolution of some conflicts failed: they stay listed
 * with an error event (C47). The outcomes are printed first; exit status 2.
 */
final class NotResolvedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotResolvedException(String message) {
        super(message);
    }
}
