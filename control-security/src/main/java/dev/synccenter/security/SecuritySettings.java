package dev.synccenter.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;

/**
 * The security service's settings, read from raw configuration properties (keys as in
 * {@link SecurityConfig}, with dots): a bad value is logged with its key and file and replaced by
 * its default.
 */
record SecuritySettings(Path credentialsDir, Duration sessionIdle, Duration sessionMax, int sessionMaxCount,
        int loginFreeFailures, Duration loginMaxDelay) {

    /** The distribution's folder; bin/sync-center passes it as a system property. */
    static final String HOME_PROPERTY = "sync.center.home";

    private static final Logger LOG = LoggerFactory.getLogger(SecuritySettings.class);

    /**
     * @param home      the distribution's folder, from the framework or system property; may be null
     * @param dataArea  the bundle's data area, used when there is no home
     */
    static SecuritySettings from(Map<String, ?> properties, String home, Supplier<Path> dataArea) {
        RawConfig config = new RawConfig(properties, SecurityComponent.PID, LOG::warn);
        String dir = config.text("credentials.dir", null);
        Path credentialsDir = dir != null ? Path.of(dir)
                : home != null && !home.isBlank() ? Path.of(home, "etc", "security") : dataArea.get();
        return new SecuritySettings(credentialsDir.toAbsolutePath(),
                Duration.ofMinutes(config.number("session.idle.minutes", 1, 1440, 30)),
                Duration.ofMinutes(config.number("session.max.minutes", 1, 10_080, 720)),
                config.number("session.max.count", 1, 100_000, 1000),
                config.number("login.free.failures", 0, 100, 3),
                Duration.ofSeconds(config.number("login.max.delay.seconds", 1, 86_400, 900)));
    }
}
