package dev.synccenter.shell;

/**
 * A {@code sync:} command's failure as the Gogo console shows it: Gogo prints a failed command's
 * exception with {@code toString()}, which would be the exception's class name and message; this
 * one is the line bin/sync prints for the same failure ({@code error: <message>}). The original
 * failure is the cause, so Gogo's {@code $exception printStackTrace} still shows where it came from.
 */
final class ConsoleError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConsoleError(Throwable failure) {
        super("error: " + ExitStatus.message(failure), failure);
    }

    ConsoleError(String message) {
        super("error: " + message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
