package dev.synccenter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/** Logback's configured levels reach the OSGi LoggerAdmin's root context, at once and on every change. */
class LevelMirrorTest {

    private final LoggerContext logback = new LoggerContext();
    private final Levels osgi = new Levels();

    @Test
    void logbacksLevelsAreCopiedAtAttachAndOnEveryChangeAndRestoredAtDetach() {
        osgi.setLogLevels(Map.of("before", LogLevel.AUDIT));
        logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        logback.getLogger("dev.synccenter").setLevel(Level.WARN);

        LevelMirror mirror = LevelMirror.attach(logback, osgi);
        assertThat(osgi.getLogLevels()).containsOnly(Map.entry("ROOT", LogLevel.INFO),
                Map.entry("dev.synccenter", LogLevel.WARN));

        logback.getLogger("dev.synccenter").setLevel(Level.DEBUG);
        logback.getLogger("org.apache.felix.scr").setLevel(Level.OFF);
        assertThat(osgi.getLogLevels()).contains(Map.entry("dev.synccenter", LogLevel.DEBUG),
                Map.entry("org.apache.felix.scr", LogLevel.ERROR));

        logback.getLogger("dev.synccenter").setLevel(null); // the line removed from the file
        assertThat(osgi.getLogLevels()).doesNotContainKey("dev.synccenter");

        mirror.detach();
        logback.getLogger("dev.synccenter").setLevel(Level.TRACE);
        assertThat(osgi.getLogLevels()).containsOnly(Map.entry("before", LogLevel.AUDIT));
    }

    /** The root context of an OSGi LoggerAdmin: a map of levels, as Felix Log keeps it. */
    static final class Levels implements org.osgi.service.log.admin.LoggerContext {
        private Map<String, LogLevel> levels = new HashMap<>();

        @Override
        public String getName() {
            return null;
        }

        @Override
        public LogLevel getEffectiveLogLevel(String name) {
            return levels.getOrDefault(name, levels.getOrDefault("ROOT", LogLevel.WARN));
        }

        @Override
        public Map<String, LogLevel> getLogLevels() {
            return new HashMap<>(levels);
        }

        @Override
        public void setLogLevels(Map<String, LogLevel> logLevels) {
            levels = new HashMap<>(logLevels);
        }

        @Override
        public void clear() {
            levels.clear();
        }

        @Override
        public boolean isEmpty() {
            return levels.isEmpty();
        }
    }
}
