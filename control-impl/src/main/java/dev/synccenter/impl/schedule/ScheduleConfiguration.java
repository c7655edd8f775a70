package dev.synccenter.impl.schedule;

import java.util.Map;

import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;

/**
 * One schedule from one factory configuration (C44): PID {@code dev.synccenter.schedule~<name>},
 * with FileInstall a file {@code etc/dev.synccenter.schedule-<name>.cfg}. It puts the schedule into
 * the engine when activated or modified, and removes it when its configuration is deleted.
 *
 * <p>It takes the raw properties, not {@link ScheduleConfig}, and never throws: a bad value is
 * logged with its key, value and file ({@link ScheduleConfigReader}) and the component stays
 * active without a schedule, so that fixing the file is all it takes.
 *
 * <p>Schedules are durable, and the engine keeps a schedule's last run to tell a missed run after
 * downtime (C44). So a deactivation that is about the platform (the engine going away with its
 * store, the bundle stopping) leaves the schedule in place; one that is about the configuration
 * (deleted, or the component disabled) removes it.
 */
@Component(configurationPid = ScheduleConfigReader.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScheduleConfig.class, factory = true)
public final class ScheduleConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleConfiguration.class);

    private final ConfiguredSchedules schedules;
    private final ScheduleOwners owners;
    /** The ID of the schedule this configuration put, or null; SCR calls one method at a time. */
    private String current;
    private String source;

    @Activate
    public ScheduleConfiguration(@Reference(name = "schedules") ConfiguredSchedules schedules,
            @Reference(name = "owners") ScheduleOwners owners, Map<String, Object> properties) {
        this.schedules = schedules;
        this.owners = owners;
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    @Deactivate
    void deactivate(int reason) {
        if (reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED
                || reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED
                || reason == ComponentConstants.DEACTIVATION_REASON_DISABLED) {
            withdraw();
        } else {
            release(); // the schedule stays in the engine, and this configuration claims it again when back
        }
    }

    private void apply(Map<String, Object> properties) {
        ScheduleConfigReader.Reading reading = ScheduleConfigReader.read(properties);
        source = reading.source();
        if (!reading.ok()) {
            reading.problems().forEach(LOG::error);
            withdraw(); // a configuration that became bad schedules nothing, not its former self
            return;
        }
        ScheduleSpec spec = reading.spec();
        if (current != null && !current.equals(spec.id())) {
            withdraw();
        }
        String owner = owners.claim(spec.id(), source);
        if (owner != null) {
            LOG.error("Configuration id={} in {}: the schedule {} already comes from {}; the schedule is not "
                    + "created", spec.id(), source, spec.id(), owner);
            return;
        }
        current = spec.id();
        try {
            ScheduleSnapshot snapshot = schedules.put(spec);
            LOG.info("Schedule {} from {}: {}; next run at {}", spec.id(), source, describe(spec),
                    snapshot.nextRunAt());
        } catch (SyncArgumentException e) {
            LOG.error(ScheduleConfigReader.refused(properties, spec, e));
            withdraw(); // nothing changed in the engine: a former spec under this ID must not live on
        } catch (RuntimeException e) {
            // The store failed (C40) or the engine is stopping. The ID stays claimed, so that deleting the
            // file still removes whatever the engine has under it; the next change of the file tries again.
            LOG.error("Schedule {} from {} could not be created: {}", spec.id(), source, e.toString());
        }
    }

    /** Removes the schedule this configuration put, if any. */
    private void withdraw() {
        if (current == null) {
            return;
        }
        try {
            schedules.remove(current);
            LOG.info("Schedule {} from {} removed", current, source);
        } catch (RuntimeException e) {
            LOG.warn("Schedule {} from {} could not be removed: {}", current, source, e.toString());
        }
        release();
    }

    private void release() {
        if (current != null) {
            owners.release(current, source);
        }
        current = null;
    }

    private static String describe(ScheduleSpec spec) {
        String what = spec.syncsHandler() ? "handler " + spec.handlerId()
                : "items " + String.join(",", spec.itemIds()) + " of handler " + spec.handlerId();
        String when = spec.every() != null ? "every " + spec.every()
                : "at " + spec.cron() + (spec.zone() == null ? " UTC" : " " + spec.zone());
        return what + " " + when;
    }
}
