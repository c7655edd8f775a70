package dev.synccenter.logging;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Shows the warnings and errors Logback raises about its configuration on standard error, in the
 * log's shape and naming the file: without it, an edited etc/logback.xml that does not parse is
 * reported nowhere (Logback keeps its previous configuration and records the reason only in its
 * status manager). Logback itself prints the problems of the first configuration at start.
 */
final class ConfigurationProblems implements StatusListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final String file;
    private final PrintStream out;

    ConfigurationProblems(String file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() >= Status.WARN) {
            out.println(line(status));
        }
    }

    String line(Status status) {
        Throwable t = status.getThrowable();
        return TIME.format(Instant.ofEpochMilli(status.getTimestamp()))
                + (status.getEffectiveLevel() >= Status.ERROR ? " ERROR" : " WARN ") + " [logback] " + file + " - "
                + status.getMessage() + (t == null ? "" : ": " + t);
    }

    @Override
    public boolean isResetResistant() {
        return true; // it must outlive the reset that a re-read of the file begins with
    }
}
