package dev.synccenter.logging;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.log.LogLevel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;

/**
 * Keeps the OSGi LoggerAdmin's root context in step with Logback: every logger that has a level in
 * Logback's configuration gets the same level in the OSGi Log Service, at start and each time
 * Logback re-reads its file. So a bundle that logs through an OSGi {@code Logger} (SCR, Felix HTTP)
 * creates its debug entries only when etc/logback.xml asks for them, and one file sets every level.
 */
final class LevelMirror implements LoggerContextListener {

    private final LoggerContext logback;
    private final org.osgi.service.log.admin.LoggerContext osgi;
    private final Map<String, LogLevel> before;

    private LevelMirror(LoggerContext logback, org.osgi.service.log.admin.LoggerContext osgi) {
        this.logback = logback;
        this.osgi = osgi;
        this.before = osgi.getLogLevels();
    }

    /** Copies Logback's levels now and after every reconfiguration, until {@link #detach()}. */
    static LevelMirror attach(LoggerContext logback, org.osgi.service.log.admin.LoggerContext osgi) {
        LevelMirror mirror = new LevelMirror(logback, osgi);
        mirror.copy();
        logback.addListener(mirror);
        return mirror;
    }

    void detach() {
        logback.removeListener(this);
        osgi.setLogLevels(before);
    }

    /** The OSGi levels for Logback's configured loggers; OFF becomes ERROR, the quietest OSGi level. */
    static Map<String, LogLevel> levels(LoggerContext logback) {
        Map<String, LogLevel> levels = new HashMap<>();
        for (Logger logger : logback.getLoggerList()) {
            Level level = logger.getLevel();
            if (level != null) {
                String name = Logger.ROOT_LOGGER_NAME.equals(logger.getName())
                        ? org.osgi.service.log.Logger.ROOT_LOGGER_NAME : logger.getName();
                levels.put(name, osgiLevel(level));
            }
        }
        return levels;
    }

    static LogLevel osgiLevel(Level level) {
        switch (level.toInt()) {
            case Level.ALL_INT:
            case Level.TRACE_INT:
                return LogLevel.TRACE;
            case Level.DEBUG_INT:
                return LogLevel.DEBUG;
            case Level.INFO_INT:
                return LogLevel.INFO;
            case Level.WARN_INT:
                return LogLevel.WARN;
            default:
                return LogLevel.ERROR;
        }
    }

    private void copy() {
        osgi.setLogLevels(levels(logback));
    }

    @Override
    public boolean isResetResistant() {
        return true; // stays registered across Logback's re-reads of its file
    }

    @Override
    public void onStart(LoggerContext context) {
        copy();
    }

    @Override
    public void onReset(LoggerContext context) {
        // the new configuration's levels are not set yet; onStart and onLevelChange follow
    }

    @Override
    public void onStop(LoggerContext context) {
        // the framework's levels stay as they are
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
        copy();
    }
}
