package dev.synccenter.http;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncIds;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/**
 * The operations on handlers and items, one for each {@code SyncControl} method: read them, start
 * and stop their syncs, enable, activate and update them. Start calls answer 202 with the request,
 * stop calls 202 (cancelling is cooperative, C22), the others 204 once done.
 */
final class HandlerActions {

    private HandlerActions() {
    }

    static Prepared handlers(Call c) {
        return new Prepared("", () -> Reply.ok(Page.all(c.control.handlers(), h -> Json.handler(h, false))));
    }

    static Prepared handler(Call c) {
        return new Prepared("", () -> Reply.ok(Json.handler(c.handler(), true)));
    }

    static Prepared items(Call c) {
        return new Prepared("", () -> Reply.ok(Page.all(c.handler().items(), Json::item)));
    }

    static Prepared item(Call c) {
        return new Prepared("", () -> Reply.ok(Json.item(item(c.handler(), c.itemId()))));
    }

    private static ItemSnapshot item(HandlerSnapshot h, String itemId) {
        return h.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow(() ->
                ApiException.notFound("item", "item: handler '" + Text.clean(h.id()) + "' has no item '"
                        + Text.clean(itemId) + "'"));
    }

    // ---- starting and stopping (C5 to C8, C20, C21)

    static Prepared startHandlerSync(Call c) {
        c.handler();
        Set<SyncControlFlag> flags = c.body.flags("flags", SyncControlFlag.class, Set.of());
        return new Prepared(target(c.handlerId(), null), () ->
                accepted(c.control.startHandlerSync(c.handlerId(), null, flags, null)));
    }

    static Prepared startItemSync(Call c) {
        c.handler();
        List<String> items = requiredItems(c);
        Set<SyncControlFlag> flags = c.body.flags("flags", SyncControlFlag.class, Set.of());
        return new Prepared(target(c.handlerId(), items), () ->
                accepted(c.control.startItemSync(c.handlerId(), items, null, flags, null)));
    }

    static Prepared startSyncAll(Call c) {
        return new Prepared("", () -> {
            ObjectNode o = Json.object();
            ArrayNode requests = o.putArray("requests");
            c.control.startSyncAll().forEach(r -> requests.add(request(r)));
            return new Reply(202, o, null);
        });
    }

    private static Reply accepted(SyncRequest r) {
        return new Reply(202, request(r), RequestActions.location(r.id()));
    }

    private static ObjectNode request(SyncRequest r) {
        ObjectNode o = Json.object();
        o.put("requestId", r.id());
        o.put("handlerId", r.handlerId());
        o.put("location", RequestActions.location(r.id()));
        return o;
    }

    /**
     * The body's {@code itemIds}, named as the Java API names them, checked here as the control
     * service would (C1, C7) so that a bad list is refused before anything is recorded; whether the
     * handler has the items is the control service's to say.
     */
    private static List<String> requiredItems(Call c) {
        List<String> items = c.body.strings("itemIds");
        if (items == null) {
            throw ApiException.badArgument("itemIds", "is required: the item IDs, at least one");
        }
        if (items.isEmpty()) {
            throw ApiException.badArgument("itemIds", "must name at least one item (C7)");
        }
        return checkedItems(items);
    }

    /** Item IDs of a body's {@code itemIds}, each checked (C1) and none twice (C7), named {@code itemIds[i]}. */
    static List<String> checkedItems(List<String> items) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String problem = SyncIds.problem(items.get(i));
            if (problem != null) {
                throw ApiException.badArgument("itemIds[" + i + "]", problem);
            }
            if (!seen.add(items.get(i))) {
                throw ApiException.badArgument("itemIds[" + i + "]", "names item '" + Text.clean(items.get(i))
                        + "' twice (C7)");
            }
        }
        return items;
    }

    static Prepared stopHandlerSync(Call c) {
        c.handler();
        return new Prepared(target(c.handlerId(), null), () -> {
            c.control.stopHandlerSync(c.handlerId());
            return new Reply(202, null, null);
        });
    }

    static Prepared stopItemSync(Call c) {
        c.handler();
        List<String> items = requiredItems(c);
        return new Prepared(target(c.handlerId(), items), () -> {
            c.control.stopItemSync(c.handlerId(), items);
            return new Reply(202, null, null);
        });
    }

    static Prepared stopSyncAll(Call c) {
        return new Prepared("", () -> {
            c.control.stopSyncAll();
            return new Reply(202, null, null);
        });
    }

    // ---- state and metadata (C29 to C31)

    static Prepared enableHandler(Call c, boolean enable) {
        c.handler();
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared(target(c.handlerId(), null), () -> {
            c.control.enableHandler(enable, c.handlerId(), flags);
            return Reply.noContent();
        });
    }

    static Prepared activateHandler(Call c, boolean activate) {
        c.handler();
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared(target(c.handlerId(), null), () -> {
            c.control.activateHandler(activate, c.handlerId(), flags);
            return Reply.noContent();
        });
    }

    static Prepared enableItem(Call c, boolean enable) {
        c.handler();
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared(target(c.handlerId(), List.of(c.itemId())), () -> {
            c.control.enableItem(enable, c.handlerId(), c.itemId(), flags);
            return Reply.noContent();
        });
    }

    static Prepared updateHandlerCollection(Call c) {
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared("", () -> {
            c.control.updateHandlerCollection(flags);
            return Reply.noContent();
        });
    }

    static Prepared updateHandler(Call c) {
        c.handler();
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared(target(c.handlerId(), null), () -> {
            c.control.updateHandler(c.handlerId(), flags);
            return Reply.noContent();
        });
    }

    static Prepared updateItem(Call c) {
        c.handler();
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared(target(c.handlerId(), List.of(c.itemId())), () -> {
            c.control.updateItem(c.handlerId(), c.itemId(), flags);
            return Reply.noContent();
        });
    }

    /** {@code updateEvents} or {@code updateConflicts}: the body may name an item. */
    static Prepared updateEvents(Call c, boolean conflicts) {
        c.handler();
        String item = c.body.string("itemId");
        if (item != null) {
            String problem = SyncIds.problem(item);
            if (problem != null) {
                throw ApiException.badArgument("itemId", problem);
            }
        }
        Set<ControlFlag> flags = c.controlFlags();
        return new Prepared(target(c.handlerId(), item == null ? null : List.of(item)), () -> {
            if (conflicts) {
                c.control.updateConflicts(c.handlerId(), item, flags);
            } else {
                c.control.updateEvents(c.handlerId(), item, flags);
            }
            return Reply.noContent();
        });
    }

    /** What the audit trail records as a call's target: {@code handler=demo items=alpha,beta}. */
    static String target(String handlerId, List<String> items) {
        return "handler=" + handlerId + (items == null ? "" : " items=" + String.join(",", items));
    }
}
