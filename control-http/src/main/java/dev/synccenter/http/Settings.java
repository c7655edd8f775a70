package dev.synccenter.http;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;

/**
 * The HTTP surface's configuration PID, {@value #PID} (usually {@code etc/dev.synccenter.http.cfg}),
 * which four components share. Each reads it raw ({@link RawConfig}): DS would fail to activate a
 * component on a value such as {@code max.body.bytes=abc}, while here a bad value is logged with
 * its key and file and its default is used.
 */
final class Settings {

    static final String PID = "dev.synccenter.http";

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private Settings() {
    }

    static RawConfig of(Map<String, ?> properties) {
        return new RawConfig(properties, PID, LOG::warn);
    }
}
