package dev.synccenter.http;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestFilter;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/** The operations on requests: the open ones, one with its items' progress, the history (C38), stopping one. */
final class RequestActions {

    static final String API = "/synccenter/api";
    private static final Set<RequestPhase> OPEN = EnumSet.of(RequestPhase.QUEUED, RequestPhase.PARKED,
            RequestPhase.RUNNING, RequestPhase.WAITING);
    private static final Set<ProgressStatus> FINAL = EnumSet.of(ProgressStatus.SUCCEEDED, ProgressStatus.FAILED,
            ProgressStatus.CANCELED, ProgressStatus.DISCONNECTED, ProgressStatus.SKIPPED);

    private RequestActions() {
    }

    static String location(long requestId) {
        return API + "/requests/" + requestId;
    }

    /** Open requests (queued, parked, running, waiting for a retry: C43), oldest first, by handler and phase. */
    static Prepared requests(Call c) {
        String handler = c.query.id("handler");
        Set<RequestPhase> phases = c.query.enums("state", RequestPhase.class, OPEN, OPEN);
        Page page = new Page(c.query, 100);
        // Only the page is copied by the engine, however many requests are queued (C41).
        RequestFilter filter = new RequestFilter(handler, phases, page.offset, page.limit + 1);
        return new Prepared("", () -> Reply.ok(page.fromOffset(c.control.requests(filter), Json::request)));
    }

    static Prepared request(Call c) {
        return new Prepared("", () -> Reply.ok(Json.request(snapshot(c))));
    }

    private static RequestSnapshot snapshot(Call c) {
        return c.control.request(c.requestId()).orElseThrow(() -> ApiException.notFound("id", "id: no request "
                + c.requestId() + " is known (finished ones are kept as the engine's history retention says)"));
    }

    /** Finished requests, newest first (C38). */
    static Prepared history(Call c) {
        String handler = c.query.id("handler");
        ProgressStatus status = c.query.oneOf("state", ProgressStatus.class, FINAL);
        Instant since = c.query.instant("since");
        Instant until = c.query.instant("until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.badArgument("until", "must be after since");
        }
        Page page = new Page(c.query, 50);
        HistoryFilter filter = new HistoryFilter(handler, status, since, until, page.readCount());
        return new Prepared("", () -> Reply.ok(page.of(c.control.history(filter), Json::result)));
    }

    /**
     * Stops a request's unfinished items with {@code stopItemSync} (C20): Sync Center stops items, not
     * requests, so they also leave the handler's other queued requests. A finished request, and a
     * handler sync whose items are not decided yet (its session has not started), are refused with 409.
     */
    static Prepared stop(Call c) {
        RequestSnapshot r = snapshot(c);
        if (r.phase() == RequestPhase.DONE) {
            throw new ApiException(409, "request " + r.id() + " has finished", "id", "REQUEST_FINISHED");
        }
        List<String> items = r.items().stream().filter(p -> !p.status().isFinal()).map(ItemProgress::itemId)
                .toList();
        if (items.isEmpty()) {
            throw new ApiException(409, "request " + r.id() + " is a handler sync whose items are decided when its"
                    + " session starts; stop the handler instead", "id", "ITEMS_NOT_DECIDED");
        }
        return new Prepared(HandlerActions.target(r.handlerId(), items) + " request=" + r.id(), () -> {
            c.control.stopItemSync(r.handlerId(), items);
            return new Reply(202, null, null);
        });
    }
}
