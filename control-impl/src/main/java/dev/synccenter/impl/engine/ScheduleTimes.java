package dev.synccenter.impl.engine;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;

import org.quartz.CronExpression;

import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.impl.validate.Args;

/**
 * When a schedule runs (C44): a checked spec and its times. An interval schedule runs on slots
 * {@code every} apart, counted from the slot before, so that late wake-ups do not add up to drift;
 * a cron schedule runs at the expression's times in its zone (Quartz's {@link CronExpression}, the
 * only class of Quartz the platform uses).
 */
final class ScheduleTimes {

    static final Duration SHORTEST = Duration.ofSeconds(1);
    /** The next run of a cron expression with no time left: never, but a time the timer can count to. */
    static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    final ScheduleSpec spec;
    /** Parsed once; not thread-safe, used under the engine lock only. */
    private final CronExpression cron;

    private ScheduleTimes(ScheduleSpec spec, CronExpression cron) {
        this.spec = spec;
        this.cron = cron;
    }

    /** Checks a spec and names the first bad field (C44). */
    static ScheduleTimes of(ScheduleSpec spec) {
        if (spec == null) {
            throw new SyncArgumentException("spec", "must not be null");
        }
        Args.id("spec.id", spec.id());
        Args.id("spec.handlerId", spec.handlerId());
        if (!spec.itemIds().isEmpty()) {
            Args.itemIds("spec.itemIds", spec.itemIds());
        }
        if ((spec.every() == null) == (spec.cron() == null)) {
            throw new SyncArgumentException("spec.every", "give exactly one of every and cron");
        }
        if (spec.every() != null) {
            if (spec.every().compareTo(SHORTEST) < 0) {
                throw new SyncArgumentException("spec.every", "must be at least " + SHORTEST + ", was " + spec.every());
            }
            if (spec.zone() != null) {
                throw new SyncArgumentException("spec.zone", "applies to cron schedules only");
            }
            return new ScheduleTimes(spec, null);
        }
        try {
            CronExpression expression = new CronExpression(spec.cron());
            expression.setTimeZone(TimeZone.getTimeZone(spec.zone() == null ? ZoneOffset.UTC : spec.zone()));
            if (expression.getNextValidTimeAfter(new Date()) == null) {
                throw new SyncArgumentException("spec.cron", "'" + spec.cron() + "' has no time in the future");
            }
            return new ScheduleTimes(spec, expression);
        } catch (ParseException | RuntimeException e) {
            if (e instanceof SyncArgumentException sae) {
                throw sae;
            }
            String hint = spec.cron() != null && spec.cron().trim().split("\\s+").length == 5
                    ? " (a Unix cron expression? Quartz's begin with seconds and put '?' in the day of month or"
                            + " of week: '0 0 3 * * ?' is every day at 3:00)" : "";
            throw new SyncArgumentException("spec.cron", "'" + spec.cron() + "' is not a Quartz cron expression: "
                    + e.getMessage() + hint);
        }
    }

    /** The first run of a new schedule: one interval from now, or the expression's next time. */
    Instant first(Instant now) {
        return cron == null ? now.plus(spec.every()) : after(now);
    }

    /**
     * The run after the one planned for {@code slot}, which ran at {@code now}: the next slot of the
     * interval or expression; a slot missed while late or down is not made up, past the one run now.
     */
    Instant next(Instant slot, Instant now) {
        if (cron != null) {
            return after(now);
        }
        Instant next = slot.plus(spec.every());
        if (!next.isAfter(now)) {
            long behind = Duration.between(slot, now).toMillis() / spec.every().toMillis();
            next = slot.plus(spec.every().multipliedBy(behind + 1));
        }
        return next;
    }

    private Instant after(Instant now) {
        Date next = cron.getNextValidTimeAfter(Date.from(now));
        return next == null ? NEVER : next.toInstant();
    }
}
