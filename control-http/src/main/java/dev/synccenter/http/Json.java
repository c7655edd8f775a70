package dev.synccenter.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.WaitingItem;

/**
 * The control API's values as JSON, field by field. Written out rather than left to Jackson's
 * record mapping, so that the JSON is the documented one (openapi.json) whatever the records gain,
 * and times are ISO-8601 strings without the jsr310 module: instants as {@code 2026-01-01T10:00:00Z},
 * durations as {@code PT15M}, the form a schedule's {@code every} is given in. Null values are left out.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ArrayNode strings(Collection<?> values) {
        ArrayNode a = array();
        values.stream().map(String::valueOf).sorted().forEach(a::add);
        return a;
    }

    /** A handler with its state; its items only when asked (the list answers with a count). */
    static ObjectNode handler(HandlerSnapshot h, boolean withItems) {
        ObjectNode o = object();
        o.put("id", h.id());
        o.put("name", h.name());
        o.put("type", h.type() == null ? null : h.type().name());
        putText(o, "typeLabel", h.typeLabel());
        putText(o, "comment", h.comment());
        o.put("availability", h.availability().name());
        o.put("enabled", h.enabled());
        o.put("active", h.active());
        o.put("connected", h.connected());
        putTime(o, "lastSyncTime", h.lastSyncTime());
        o.set("capabilities", strings(h.capabilities()));
        o.set("policies", strings(h.policies()));
        o.put("itemCount", h.items().size());
        o.put("queued", h.queued());
        o.put("running", h.running());
        putText(o, "bundle", h.bundle());
        o.put("standbys", h.standbys());
        if (withItems) {
            ArrayNode items = o.putArray("items");
            h.items().forEach(i -> items.add(item(i)));
        }
        return o;
    }

    static ObjectNode item(ItemSnapshot i) {
        ObjectNode o = object();
        o.put("id", i.id());
        o.put("name", i.name());
        putText(o, "typeLabel", i.typeLabel());
        putText(o, "comment", i.comment());
        o.put("enabled", i.enabled());
        o.put("connected", i.connected());
        o.put("syncing", i.syncing());
        putTime(o, "lastSyncTime", i.lastSyncTime());
        o.set("capabilities", strings(i.capabilities()));
        o.set("policies", strings(i.policies()));
        return o;
    }

    static ObjectNode request(RequestSnapshot r) {
        ObjectNode o = object();
        o.put("id", r.id());
        o.put("handlerId", r.handlerId());
        putText(o, "kind", r.kind() == null ? null : r.kind().name()); // none for a request known from the history only
        o.set("flags", strings(r.flags()));
        o.put("phase", r.phase().name());
        putTime(o, "acceptedAt", r.acceptedAt());
        putTime(o, "startedAt", r.startedAt());
        putText(o, "servedBy", r.servedBy());
        ArrayNode items = o.putArray("items");
        r.items().forEach(p -> items.add(progress(p, r.result())));
        ArrayNode waiting = o.putArray("waiting");
        r.waiting().forEach(w -> waiting.add(waiting(w)));
        if (r.result() != null) {
            o.set("result", result(r.result()));
        }
        return o;
    }

    /** An item of a request that waits for its next attempt after a transient failure (C43). */
    static ObjectNode waiting(WaitingItem w) {
        ObjectNode o = object();
        o.put("itemId", w.itemId());
        o.put("attempts", w.attempts());
        putTime(o, "retryAt", w.retryAt());
        o.put("reason", w.reason());
        return o;
    }

    /** An item's progress; once the request has its result, the item's final status is the result's (C17). */
    static ObjectNode progress(ItemProgress p, SyncResult result) {
        ProgressStatus status = result != null && result.items().containsKey(p.itemId())
                ? result.items().get(p.itemId()) : p.status();
        ObjectNode o = object();
        o.put("itemId", p.itemId());
        o.put("status", status.name());
        o.put("text", p.text());
        o.put("step", p.step());
        o.put("maxStep", p.maxStep());
        double fraction = status.isFinal() ? 1 : p.fraction();
        if (fraction >= 0) {
            o.put("fraction", fraction);
        }
        return o;
    }

    static ObjectNode result(SyncResult r) {
        ObjectNode o = object();
        o.put("requestId", r.requestId());
        o.put("handlerId", r.handlerId());
        o.put("status", r.status().name());
        o.put("errorCount", r.errorCount());
        o.put("conflictCount", r.conflictCount());
        ObjectNode items = o.putObject("items");
        for (Map.Entry<String, ProgressStatus> e : r.items().entrySet()) {
            items.put(e.getKey(), e.getValue().name());
        }
        putText(o, "reason", r.reason());
        putTime(o, "acceptedAt", r.acceptedAt());
        putTime(o, "startedAt", r.startedAt());
        putTime(o, "finishedAt", r.finishedAt());
        putText(o, "servedBy", r.servedBy());
        ObjectNode attempts = o.putObject("attempts");
        r.attempts().forEach(attempts::put);
        return o;
    }

    /** An item in backoff (C43), with the requests whose next attempt waits for it. */
    static ObjectNode backoff(BackoffSnapshot b) {
        ObjectNode o = object();
        o.put("handlerId", b.handlerId());
        o.put("itemId", b.itemId());
        o.put("failures", b.failures());
        putDuration(o, "delay", b.delay());
        putTime(o, "retryAt", b.retryAt());
        o.put("reason", b.reason());
        ArrayNode waiting = o.putArray("waitingRequests");
        b.waitingRequests().forEach(waiting::add);
        return o;
    }

    /** A schedule (C44): its spec's fields as PUT takes them, then where it stands. */
    static ObjectNode schedule(ScheduleSnapshot s) {
        ScheduleSpec spec = s.spec();
        ObjectNode o = object();
        o.put("id", spec.id());
        o.put("handlerId", spec.handlerId());
        ArrayNode items = o.putArray("itemIds");
        spec.itemIds().forEach(items::add);
        putDuration(o, "every", spec.every());
        putText(o, "cron", spec.cron());
        putText(o, "zone", spec.zone() == null ? null : spec.zone().getId());
        o.put("origin", s.origin().name());
        putTime(o, "nextRunAt", s.nextRunAt());
        putTime(o, "lastRunAt", s.lastRunAt());
        if (s.lastRequestId() != 0) {
            o.put("lastRequestId", s.lastRequestId());
        }
        o.put("held", s.held());
        o.put("runs", s.runs());
        o.put("coalesced", s.coalesced());
        return o;
    }

    static ObjectNode event(SyncEvent e) {
        ObjectNode o = object();
        o.put("id", e.id().toString());
        putTime(o, "time", e.time());
        o.put("handlerId", e.handlerId());
        putText(o, "itemId", e.itemId());
        o.put("level", e.level().name());
        o.put("name", e.name());
        putText(o, "description", e.description());
        putText(o, "linkText", e.linkText());
        putText(o, "linkReference", e.linkReference());
        putText(o, "context", e.context());
        if (e.requestId() != 0) {
            o.put("requestId", e.requestId());
        }
        if (e.sessionId() != 0) {
            o.put("sessionId", e.sessionId());
        }
        return o;
    }

    static ObjectNode conflict(SyncConflict c) {
        ObjectNode o = object();
        o.put("id", c.id());
        o.put("handlerId", c.handlerId());
        putText(o, "itemId", c.itemId());
        putText(o, "name", c.name());
        putText(o, "description", c.description());
        o.put("type", c.type());
        ArrayNode versions = o.putArray("versions");
        for (int i = 0; i < c.versions().size(); i++) {
            ConflictVersion v = c.versions().get(i);
            ObjectNode version = versions.addObject();
            version.put("index", i);
            version.put("name", v.name());
            version.put("location", v.location());
            putTime(version, "modifiedAt", v.modifiedAt());
            if (v.size() >= 0) {
                version.put("size", v.size());
            }
            version.put("alternateName", v.alternateName());
        }
        ArrayNode abilities = o.putArray("abilities");
        c.abilities().forEach(a -> abilities.add(a.name()));
        return o;
    }

    /** What became of one conflict in a resolution (C46, C47). */
    static ObjectNode outcome(ResolutionOutcome r) {
        ObjectNode o = object();
        o.put("conflictId", r.conflictId());
        o.put("result", r.result().name());
        o.put("message", r.message());
        return o;
    }

    static ObjectNode error(ApiException e) {
        ObjectNode o = object();
        o.put("error", e.getMessage());
        putText(o, "argument", e.argument);
        putText(o, "reason", e.reason);
        return o;
    }

    private static void putText(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void putTime(ObjectNode o, String field, Instant value) {
        if (value != null) {
            o.put(field, value.toString());
        }
    }

    private static void putDuration(ObjectNode o, String field, Duration value) {
        if (value != null) {
            o.put(field, value.toString());
        }
    }
}
