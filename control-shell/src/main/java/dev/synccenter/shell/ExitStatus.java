package dev.synccenter.shell;

import java.io.EOFException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutionException;

import dev.synccenter.control.SyncRefusedException;

/**
 * The exit status of a command line, as the command endpoint reports it: 0 when it ran, 1 when it
 * was refused or its input was bad (a bad argument, an unknown command or option, a syntax error,
 * a call the platform refused), 2 for any other error.
 */
final class ExitStatus {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int ERROR = 2;

    private ExitStatus() {
    }

    static int of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof IllegalArgumentException // SyncArgumentException, UsageException, command not found
                || t instanceof SyncRefusedException
                || t instanceof EOFException // Gogo: an unclosed quote or bracket
                || t.getClass().getName().startsWith("org.apache.felix.gogo.runtime.")
                        && t.getClass().getSimpleName().endsWith("Error")) { // SyntaxError, EOFError
            return REFUSED;
        }
        return ERROR;
    }

    /** The failure's message as one line, without the wrapping Gogo adds. */
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
