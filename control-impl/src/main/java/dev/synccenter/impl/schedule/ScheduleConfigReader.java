package dev.synccenter.impl.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

import dev.synccenter.config.Durations;
import dev.synccenter.config.RawConfig;
import dev.synccenter.control.Limits;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncIds;

/**
 * Turns one schedule configuration's raw properties ({@link ScheduleConfig}) into a
 * {@link ScheduleSpec}, or into the reasons there is none: one line per bad value, naming the key,
 * the value and the file (or PID) it came from. No OSGi here, so that plain tests can read maps.
 *
 * <p>A handler that is not registered is no problem: handlers come and go, and the engine holds a
 * schedule's runs until its handler is there (C45).
 */
public final class ScheduleConfigReader {

    public static final String FACTORY_PID = "dev.synccenter.schedule";
    static final String ID = "id";
    static final String HANDLER = "handler";
    static final String ITEMS = "items";
    static final String EVERY = "every";
    static final String CRON = "cron";
    static final String ZONE = "zone";
    /** Configuration Admin's property; named here to keep OSGi out. */
    static final String SERVICE_PID = "service.pid";
    /** ScheduleSpec's rule for schedule IDs, with C1's length. */
    private static final Pattern SCHEDULE_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + Limits.MAX_ID_LENGTH + "}");
    private static final String NOT_CREATED = "; the schedule is not created";

    /** What a configuration gives: a spec, or the problems that kept it from being one. */
    public record Reading(ScheduleSpec spec, List<String> problems, String source) {

        public Reading {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return spec != null;
        }
    }

    private ScheduleConfigReader() {
    }

    public static Reading read(Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        String source = source(properties);
        // Only text() and list() are used: they report nothing, so the sink never runs.
        RawConfig raw = new RawConfig(properties, pid(properties), problems::add);

        String id = raw.text(ID, null);
        boolean derived = id == null;
        if (derived) {
            id = defaultId(properties);
        }
        if (id == null) {
            problems.add("Configuration " + source + " has no " + ID + " and no name to take one from" + NOT_CREATED);
        } else if (!SCHEDULE_ID.matcher(id).matches()) {
            problems.add(problem(ID, id, source, (derived ? "(taken from the configuration's name) " : "")
                    + "is not a schedule ID: 1 to " + Limits.MAX_ID_LENGTH + " letters, digits, '.', '_', '-' or '~'"
                    + (derived ? "; set id" : "")));
        }

        String handler = raw.text(HANDLER, null);
        if (handler == null) {
            problems.add("Configuration " + source + " has no " + HANDLER + ": name the handler to sync" + NOT_CREATED);
        } else if (SyncIds.problem(handler) != null) {
            problems.add(problem(HANDLER, handler, source, "is not a handler ID: it " + SyncIds.problem(handler)));
        }

        List<String> items = raw.list(ITEMS);
        Set<String> seen = new HashSet<>();
        for (String item : items) {
            String why = SyncIds.problem(item);
            if (why != null || !seen.add(item)) {
                problems.add(problem(ITEMS, String.join(",", items), source, why != null
                        ? "has '" + item + "', which is not an item ID: it " + why
                        : "names item '" + item + "' twice"));
            }
        }

        ZoneId zone = null;
        String zoneText = raw.text(ZONE, null);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add(problem(ZONE, zoneText, source, "is not a time zone (UTC, Europe/Paris, +02:00)"));
            }
        }

        String every = raw.text(EVERY, null);
        String cron = raw.text(CRON, null);
        Duration interval = null;
        if (every != null && cron != null) {
            problems.add("Configuration " + EVERY + "=" + every + " and " + CRON + "=" + cron + " in " + source
                    + ": give one of " + EVERY + " and " + CRON + ", not both" + NOT_CREATED);
        } else if (every == null && cron == null) {
            problems.add("Configuration " + source + " has neither " + EVERY + " nor " + CRON
                    + ": give one of them" + NOT_CREATED);
        } else if (every != null) {
            try {
                interval = duration(every);
            } catch (IllegalArgumentException e) {
                problems.add(problem(EVERY, every, source, e.getMessage()));
            }
        } else {
            String why = cronProblem(cron, zone);
            if (why != null) {
                problems.add(problem(CRON, cron, source, why));
            }
        }

        if (!problems.isEmpty()) {
            return new Reading(null, problems, source);
        }
        ScheduleSpec spec = interval != null ? ScheduleSpec.every(id, handler, items, interval)
                : ScheduleSpec.cron(id, handler, items, cron, zone);
        return new Reading(spec, List.of(), source);
    }

    /**
     * The schedule's ID when the configuration has none: its name, as Configuration Admin
     * ({@code dev.synccenter.schedule~nightly}) or FileInstall ({@code dev.synccenter.schedule-nightly.cfg})
     * gives it, else its PID. Null if there is nothing to take it from.
     */
    static String defaultId(Map<String, ?> properties) {
        Object pid = properties.get(SERVICE_PID);
        if (pid instanceof String p && p.startsWith(FACTORY_PID + "~")) {
            return p.substring(FACTORY_PID.length() + 1);
        }
        Object file = properties.get(RawConfig.FILE_PROPERTY);
        if (file != null) {
            // A file: URI or a path; either way the name is after the last separator.
            String name = file.toString().replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1);
            name = name.replaceFirst("\\.(cfg|config)$", "");
            int dash = name.indexOf('-');
            if (dash >= 0) {
                return name.substring(dash + 1);
            }
        }
        return pid == null ? null : pid.toString();
    }

    /**
     * An interval of at least one second, in the forms config-values' {@link Durations} reads
     * ({@code PT15M}, {@code 1h30m}), which the shell's {@code sync:schedule} reads too.
     *
     * @throws IllegalArgumentException saying what is wrong, to follow "every=... in file"
     */
    static Duration duration(String text) {
        Duration d = Durations.parse(text);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("is shorter than one second");
        }
        return d;
    }

    /** Why a cron expression is unusable, or null. The zone only matters for "never fires". */
    static String cronProblem(String cron, ZoneId zone) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            String hint = cron.strip().split("\\s+").length == 5
                    ? " (it has 5 fields: Quartz's cron begins with the seconds and has '?' in day-of-month or"
                            + " day-of-week, as in 0 0 3 * * ?)"
                    : " (seconds minutes hours day-of-month month day-of-week [year], as in 0 0 3 * * ?)";
            return "is not a Quartz cron expression: " + e.getMessage() + hint;
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone == null ? ZoneId.of("UTC") : zone));
        if (expression.getNextValidTimeAfter(new Date()) == null) {
            return "never fires again";
        }
        return null;
    }

    /**
     * The line to log when the engine refused a spec this reader accepted: its message names a
     * field of the spec ({@code spec.cron}), which is told here as the configuration's key and value.
     */
    static String refused(Map<String, ?> properties, ScheduleSpec spec, SyncArgumentException e) {
        String field = e.argument() == null ? "" : e.argument().replaceFirst("^spec\\.", "").replaceFirst("\\[.*", "");
        String key = switch (field) {
            case "handlerId" -> HANDLER;
            case "itemIds" -> ITEMS;
            case ID, EVERY, CRON, ZONE -> field;
            default -> null;
        };
        String source = source(properties);
        if (key == null) {
            return "Configuration " + source + " was refused: " + e.getMessage() + NOT_CREATED;
        }
        Object value = key.equals(ID) ? spec.id() : properties.get(key); // an ID may have been derived
        String shown = value == null ? "(none)" : value instanceof String[] a ? String.join(",", a) : value.toString();
        return problem(key, shown, source, "was refused: " + e.getMessage());
    }

    /** Where the configuration came from, for log lines: its file, or its PID. */
    static String source(Map<String, ?> properties) {
        return RawConfig.source(properties, pid(properties));
    }

    private static String pid(Map<String, ?> properties) {
        Object pid = properties.get(SERVICE_PID);
        return pid == null ? FACTORY_PID : pid.toString();
    }

    private static String problem(String key, String value, String source, String why) {
        return "Configuration " + key + "=" + value + " in " + source + " " + why + NOT_CREATED;
    }
}
