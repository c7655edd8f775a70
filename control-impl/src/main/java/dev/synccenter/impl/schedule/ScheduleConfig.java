package dev.synccenter.impl.schedule;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One schedule's configuration, factory PID {@code dev.synccenter.schedule}, as metatype documents
 * it. The component reads the raw properties instead ({@link ScheduleConfigReader}), so that a bad
 * value is logged with its key and file rather than failing the component.
 */
@ObjectClassDefinition(name = "Sync Center schedule",
        description = "Starts syncs of a handler, or of some of its items, every fixed interval or by a cron "
                + "expression (C44). One configuration per schedule.")
public @interface ScheduleConfig {

    @AttributeDefinition(required = false, description = "The schedule's ID: 1 to 63 letters, digits, '.', '_', "
            + "'-' or '~'. Default: the configuration's name (nightly for dev.synccenter.schedule~nightly, or for "
            + "the file dev.synccenter.schedule-nightly.cfg), else its PID.")
    String id();

    @AttributeDefinition(description = "The handler to sync. A handler that is not there (yet) is no error: "
            + "its runs are held until it is.")
    String handler();

    @AttributeDefinition(required = false, description = "The items to sync (a list, or comma-separated); "
            + "none to sync the whole handler.")
    String[] items();

    @AttributeDefinition(required = false, description = "The interval, at least one second: ISO-8601 (PT15M, "
            + "P1D) or a number with s, m, h or d (30s, 15m, 1h30m, 1d). Give this or cron, not both.")
    String every();

    @AttributeDefinition(required = false, description = "A Quartz cron expression with seconds (0 0 3 * * ? "
            + "is 03:00 every day). Give this or every, not both.")
    String cron();

    @AttributeDefinition(required = false, description = "The time zone the cron expression is read in "
            + "(Europe/Paris); UTC when empty. Only read with cron.")
    String zone();
}
