package dev.synccenter.http;

import java.util.List;
import java.util.Set;

/**
 * Every operation of the JSON API under {@code /synccenter/api}, one line each, mapped 1:1 onto
 * {@code SyncControl}. openapi.json documents the same list; {@code OpenApiTest} keeps them equal.
 * Login, logout, the session and the event stream are served by servlets of their own
 * ({@link SessionServlet}, {@link StreamServlet}).
 */
final class Routes {

    private static final Set<String> NONE = Set.of();
    private static final Set<String> FLAGS = Set.of("flags");
    private static final Set<String> ITEMS = Set.of("itemIds", "flags");

    static final List<Route> ALL = List.of(
            get("/handlers", NONE, HandlerActions::handlers),
            get("/handlers/{handler}", NONE, HandlerActions::handler),
            get("/handlers/{handler}/items", NONE, HandlerActions::items),
            get("/handlers/{handler}/items/{item}", NONE, HandlerActions::item),
            post("/sync", NONE, HandlerActions::startSyncAll),
            post("/handlers/{handler}/sync", FLAGS, HandlerActions::startHandlerSync),
            post("/handlers/{handler}/items/sync", ITEMS, HandlerActions::startItemSync),
            post("/stop", NONE, HandlerActions::stopSyncAll),
            post("/handlers/{handler}/stop", NONE, HandlerActions::stopHandlerSync),
            post("/handlers/{handler}/items/stop", Set.of("itemIds"), HandlerActions::stopItemSync),
            post("/handlers/{handler}/enable", FLAGS, c -> HandlerActions.enableHandler(c, true)),
            post("/handlers/{handler}/disable", FLAGS, c -> HandlerActions.enableHandler(c, false)),
            post("/handlers/{handler}/activate", FLAGS, c -> HandlerActions.activateHandler(c, true)),
            post("/handlers/{handler}/deactivate", FLAGS, c -> HandlerActions.activateHandler(c, false)),
            post("/handlers/{handler}/items/{item}/enable", FLAGS, c -> HandlerActions.enableItem(c, true)),
            post("/handlers/{handler}/items/{item}/disable", FLAGS, c -> HandlerActions.enableItem(c, false)),
            post("/update", FLAGS, HandlerActions::updateHandlerCollection),
            post("/handlers/{handler}/update", FLAGS, HandlerActions::updateHandler),
            post("/handlers/{handler}/items/{item}/update", FLAGS, HandlerActions::updateItem),
            post("/handlers/{handler}/events/update", Set.of("itemId", "flags"),
                    c -> HandlerActions.updateEvents(c, false)),
            post("/handlers/{handler}/conflicts/update", Set.of("itemId", "flags"),
                    c -> HandlerActions.updateEvents(c, true)),
            new Route("GET", "/requests", union(Page.PARAMS, Set.of("handler", "state")), NONE,
                    RequestActions::requests),
            get("/requests/{id}", NONE, RequestActions::request),
            post("/requests/{id}/stop", NONE, RequestActions::stop),
            new Route("GET", "/history", union(Page.PARAMS, Set.of("handler", "state", "since", "until")), NONE,
                    RequestActions::history),
            new Route("GET", "/events", union(Page.PARAMS, Set.of("handler", "item", "level")), NONE,
                    ReportActions::events),
            new Route("GET", "/conflicts", union(Page.PARAMS, Set.of("handler", "item")), NONE,
                    ReportActions::conflicts),
            post("/conflicts/{handler}/resolve", ConflictActions.FIELDS, ConflictActions::resolve),
            new Route("GET", "/backoffs", union(Page.PARAMS, Set.of("handler")), NONE, RetryActions::backoffs),
            post("/backoffs/{handler}/{item}/retry", NONE, RetryActions::retryNow),
            post("/backoffs/{handler}/{item}/give-up", NONE, RetryActions::giveUp),
            new Route("GET", "/schedules", union(Page.PARAMS, Set.of("handler")), NONE, ScheduleActions::schedules),
            get("/schedules/{schedule}", NONE, ScheduleActions::schedule),
            new Route("PUT", "/schedules/{schedule}", NONE, ScheduleActions.FIELDS, ScheduleActions::put),
            new Route("DELETE", "/schedules/{schedule}", NONE, NONE, ScheduleActions::remove));

    private Routes() {
    }

    private static Route get(String pattern, Set<String> query, Route.Action action) {
        return new Route("GET", pattern, query, NONE, action);
    }

    private static Route post(String pattern, Set<String> body, Route.Action action) {
        return new Route("POST", pattern, NONE, body, action);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toSet());
    }
}
