package dev.synccenter.http;

import java.util.Map;
import java.util.Set;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.SyncControl;

/** One call of a route: the control service, its checked path parameters, query and body. */
final class Call {

    final SyncControl control;
    final Map<String, String> path;
    final Query query;
    final Body body;

    Call(SyncControl control, Map<String, String> path, Query query, Body body) {
        this.control = control;
        this.path = path;
        this.query = query;
        this.body = body;
    }

    String handlerId() {
        return path.get("handler");
    }

    String itemId() {
        return path.get("item");
    }

    long requestId() {
        return Long.parseLong(path.get("id"));
    }

    /** The handler of the path, or a 404: a parked handler counts, as it accepts calls (C26). */
    HandlerSnapshot handler() {
        return control.handler(handlerId()).orElseThrow(() -> ApiException.notFound("handler",
                "handler: no handler '" + Text.clean(handlerId()) + "' is registered or parked"));
    }

    /** The control flags of the body; without them the call waits for the handler, as the shell does. */
    Set<ControlFlag> controlFlags() {
        return body.flags("flags", ControlFlag.class, Set.of(ControlFlag.WAIT));
    }
}
