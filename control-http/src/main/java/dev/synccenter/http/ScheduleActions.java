package dev.synccenter.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncIds;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/**
 * Schedules (C44): list, read, create or replace ({@code PUT}, the ID is the path's), remove. The
 * body's fields are those of {@link ScheduleSpec}, named as the API names them; the control service
 * names them {@code spec.every} and so on, and its refusals are renamed to match. A schedule from a
 * configuration is the configuration's to change: a PUT or DELETE of one is refused with 409
 * {@value #CONFIGURED}, a refusal by policy rather than a bad argument (the same call is fine for an
 * ID that is not a configuration's).
 */
final class ScheduleActions {

    static final Set<String> FIELDS = Set.of("handlerId", "itemIds", "every", "cron", "zone");
    /** The reason of a 409: the schedule comes from a configuration, which alone changes or removes it. */
    static final String CONFIGURED = "SCHEDULE_FROM_CONFIGURATION";
    /** The shortest interval, as {@link ScheduleSpec} says; checked here so that it is refused before it is audited. */
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private ScheduleActions() {
    }

    /** Schedules ordered by ID, optionally of one handler, paged. */
    static Prepared schedules(Call c) {
        String handler = c.query.id("handler");
        Page page = new Page(c.query, 100);
        return new Prepared("", () -> Reply.ok(page.of(c.control.schedules().stream()
                .filter(s -> handler == null || s.spec().handlerId().equals(handler)).toList(), Json::schedule)));
    }

    static Prepared schedule(Call c) {
        ScheduleSnapshot s = existing(c);
        return new Prepared("", () -> Reply.ok(Json.schedule(s)));
    }

    static Prepared put(Call c) {
        String id = id(c);
        ScheduleSpec spec = spec(id, c.body);
        c.control.schedule(id).ifPresent(ScheduleActions::refuseIfConfigured);
        String target = "schedule=" + id + " " + HandlerActions.target(spec.handlerId(),
                spec.itemIds().isEmpty() ? null : spec.itemIds());
        return new Prepared(target, () -> {
            try {
                return Reply.ok(Json.schedule(c.control.putSchedule(spec)));
            } catch (SyncArgumentException e) {
                throw renamed(id, e);
            }
        });
    }

    static Prepared remove(Call c) {
        String id = id(c);
        refuseIfConfigured(existing(c));
        return new Prepared("schedule=" + id, () -> {
            boolean removed;
            try {
                removed = c.control.removeSchedule(id);
            } catch (SyncArgumentException e) {
                throw renamed(id, e);
            }
            if (!removed) {
                throw notFound(id); // removed meanwhile
            }
            return Reply.noContent();
        });
    }

    private static String id(Call c) {
        return c.path.get("schedule");
    }

    private static ScheduleSnapshot existing(Call c) {
        return c.control.schedule(id(c)).orElseThrow(() -> notFound(id(c)));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("schedule", "schedule: no schedule '" + Text.clean(id) + "'");
    }

    private static void refuseIfConfigured(ScheduleSnapshot s) {
        if (s.origin() == Origin.CONFIGURATION) {
            throw configured(s.spec().id());
        }
    }

    private static ApiException configured(String id) {
        return new ApiException(409, "schedule '" + Text.clean(id) + "' comes from a configuration"
                + " (etc/dev.synccenter.schedule-*.cfg); change or remove its configuration instead", "schedule",
                CONFIGURED);
    }

    /**
     * The spec a body describes, each field checked as far as the API can: IDs (C1, C7), an ISO-8601
     * interval of at least a second, a time zone, exactly one of every and cron. The cron expression's
     * syntax is the control service's to check (Quartz), after the call is recorded.
     */
    static ScheduleSpec spec(String id, Body body) {
        String handlerId = body.string("handlerId");
        if (handlerId == null) {
            throw ApiException.badArgument("handlerId", "is required: the handler the schedule syncs");
        }
        String problem = SyncIds.problem(handlerId);
        if (problem != null) {
            throw ApiException.badArgument("handlerId", problem);
        }
        List<String> items = body.strings("itemIds");
        items = items == null ? List.of() : HandlerActions.checkedItems(items);
        String every = body.string("every");
        String cron = body.string("cron");
        if ((every == null) == (cron == null)) {
            throw ApiException.badArgument("every", "give exactly one of every and cron");
        }
        ZoneId zone = zone(body.string("zone"));
        if (every == null) {
            return ScheduleSpec.cron(id, handlerId, items, cron, zone);
        }
        if (zone != null) {
            throw ApiException.badArgument("zone", "applies to cron schedules only");
        }
        return ScheduleSpec.every(id, handlerId, items, interval(every));
    }

    private static Duration interval(String every) {
        Duration d;
        try {
            d = Duration.parse(every.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badArgument("every", "must be an ISO-8601 duration such as PT15M or P1D, was '"
                    + Text.clean(every) + "'");
        }
        if (d.compareTo(SHORTEST) < 0) {
            throw ApiException.badArgument("every", "must be at least " + SHORTEST + ", was " + d);
        }
        return d;
    }

    private static ZoneId zone(String zone) {
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw ApiException.badArgument("zone", "must be a time zone such as Europe/Paris or +02:00, was '"
                    + Text.clean(zone) + "'");
        }
    }

    /**
     * The control service's refusal in the API's names: its {@code spec.cron} is the body's
     * {@code cron}; a refusal of the ID itself ({@code spec.id}, {@code scheduleId}: the path's ID
     * is valid, so it names a schedule of a configuration) is the 409 of {@link #configured}.
     */
    private static ApiException renamed(String id, SyncArgumentException e) {
        String argument = e.argument();
        if (argument.equals("spec.id") || argument.equals("scheduleId")) {
            return configured(id);
        }
        String field = argument.startsWith("spec.") ? argument.substring("spec.".length()) : argument;
        String message = e.getMessage().startsWith(argument + ": ")
                ? e.getMessage().substring(argument.length() + 2) : e.getMessage();
        return ApiException.badArgument(field, message);
    }
}
