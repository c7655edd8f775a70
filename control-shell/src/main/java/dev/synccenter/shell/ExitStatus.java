package dev.synccenter.shell;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutionException;

import dev.synccenter.control.SyncRefusedException;

/**
 * The exit status of a command line, as the command endpoint reports it: 0 when it ran, 1 when it
 * was refused or its input was bad (a bad argument, an unknown command or option, an unclosed
 * quote, another scope than sync:, a call the platform refused), 2 for any other error, 4 when
 * the sync commands (or the security service) are not there because the control service is not
 * running (yet). The command endpoint also answers 1 for a caller it does not know or whose role
 * does not allow the command (C48, C49), and 2 for a command cut at its time or output bound
 * (C50). bin/sync adds 3 (no endpoint), 5 (no token to send) and 64 (bad use of the script).
 */
final class ExitStatus {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int ERROR = 2;
    static final int NOT_READY = 4;

    private ExitStatus() {
    }

    static int of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof NotReadyException) {
            return NOT_READY;
        }
        // SyncArgumentException and UsageException are IllegalArgumentExceptions
        return t instanceof IllegalArgumentException || t instanceof SyncRefusedException ? REFUSED : ERROR;
    }

    /** The failure's message as one line, without the wrapping a caller may add. */
    static String message(Throwable failure) {
        Throwable t = unwrap(failure);
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t.getClass().getName();
        }
        return Table.clean(message.strip());
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
