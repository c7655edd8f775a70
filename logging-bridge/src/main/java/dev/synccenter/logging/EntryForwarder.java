package dev.synccenter.logging;

import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogLevel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * Writes each OSGi Log Service entry through the Logback logger of the same name, with the entry's
 * own time and thread (it is delivered later, on the Log Service's thread). The Log Service's
 * generic loggers get the bundle's symbolic name appended ({@code Events.Bundle.org.apache.felix.scr},
 * {@code LogService.org.apache.felix.fileinstall}), and an OSGi logger named ROOT becomes the
 * bundle's symbolic name, so that their levels can be set per bundle.
 * Logback's level for that name decides whether the entry is written.
 */
final class EntryForwarder implements LogListener {

    /** The Log Service's own logger names: one for all bundles, so made per bundle here. */
    private static final String[] GENERIC = {"Events.Bundle", "Events.Framework", "Events.Service", "LogService"};

    private final LoggerContext logback;

    EntryForwarder(LoggerContext logback) {
        this.logback = logback;
    }

    @Override
    public void logged(LogEntry entry) {
        String name = loggerName(entry);
        Logger logger = logback.getLogger(name);
        Level level = level(entry.getLogLevel());
        if (!logger.isEnabledFor(level)) {
            return;
        }
        String message = entry.getMessage();
        if (entry.getServiceReference() != null && name.startsWith("Events.Service")) {
            message = message + " " + entry.getServiceReference();
        }
        LoggingEvent event = new LoggingEvent(EntryForwarder.class.getName(), logger, level, message,
                entry.getException(), null);
        event.setTimeStamp(entry.getTime());
        event.setThreadName(entry.getThreadInfo() == null ? "unknown" : entry.getThreadInfo());
        logger.callAppenders(event);
    }

    static String loggerName(LogEntry entry) {
        String name = entry.getLoggerName();
        Bundle bundle = entry.getBundle();
        String bsn = bundle == null ? null : bundle.getSymbolicName();
        if (name == null || name.isEmpty() || org.osgi.service.log.Logger.ROOT_LOGGER_NAME.equals(name)) {
            // an OSGi Logger named ROOT (SCR uses one) would otherwise be Logback's root logger
            return bsn == null ? "LogService" : bsn;
        }
        for (String generic : GENERIC) {
            if (generic.equals(name) && bsn != null) {
                return name + "." + bsn;
            }
        }
        return name;
    }

    /** OSGi's AUDIT is always logged (R7 101.4): as ERROR, the one Logback level never turned off by default. */
    static Level level(LogLevel level) {
        switch (level) {
            case AUDIT:
            case ERROR:
                return Level.ERROR;
            case WARN:
                return Level.WARN;
            case INFO:
                return Level.INFO;
            case DEBUG:
                return Level.DEBUG;
            case TRACE:
            default:
                return Level.TRACE;
        }
    }
}
