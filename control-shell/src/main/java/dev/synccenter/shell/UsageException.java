package dev.synccenter.shell;

/**
 * A command line the shell cannot run: a missing or surplus argument, an unknown option, a value
 * that is not a number. The message is one line that names the command and shows its usage.
 */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
