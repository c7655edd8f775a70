package dev.synccenter.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToIntFunction;
import java.util.stream.Collectors;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestFilter;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.WaitingItem;

/** The commands about requests: list the open ones, show one, follow one, wait for one. */
final class RequestCommands {

    /** Requests {@code requests} lists when no limit is given: a screenful, not ten thousand lines. */
    static final int DEFAULT_REQUEST_LIMIT = 100;
    /** Seconds {@code wait} waits when no timeout is given. */
    static final long DEFAULT_WAIT_SECONDS = 60;
    /** The phases an open request can be in; {@code requests} lists nothing else. */
    private static final Set<RequestPhase> OPEN = EnumSet.of(RequestPhase.QUEUED, RequestPhase.PARKED,
            RequestPhase.WAITING, RequestPhase.RUNNING);

    private final SyncControl control;
    private final LongToIntFunction resultsDelivered;
    private final Duration pollInterval;

    RequestCommands(SyncControl control, LongToIntFunction resultsDelivered, Duration pollInterval) {
        this.control = control;
        this.resultsDelivered = resultsDelivered;
        this.pollInterval = pollInterval;
    }

    void requests(Invocation in, PrintStream out) {
        String handler = in.option("handler");
        if (handler != null) {
            checkHandlerId(in, handler);
        }
        Set<RequestPhase> states = in.option("state") == null ? OPEN : states(in, in.option("state"));
        int limit = (int) (in.option("limit") == null ? DEFAULT_REQUEST_LIMIT
                : in.number("--limit", in.option("limit"), 1, RequestFilter.MAX_LIMIT));
        // Pages, not the whole list: with millions queued only what is shown, and a bounded count of
        // the rest, is copied (C41).
        RequestFilter page = new RequestFilter(handler, states, 0, limit);
        List<RequestSnapshot> matching = control.requests(page);
        if (matching.isEmpty()) {
            String filter = (handler == null ? "" : " --handler " + Table.clean(handler))
                    + (in.option("state") == null ? "" : " --state " + Table.clean(in.option("state")));
            out.println(filter.isEmpty() ? "no request is queued, parked, waiting or running"
                    : "no request matches" + filter);
            return;
        }
        // TEXT last: it is free text, and scripts read it as the rest of the line.
        Table table = new Table("REQUEST", "HANDLER", "KIND", "PHASE", "ACCEPTED", "ITEM", "STATUS", "PROGRESS",
                "RETRY AT", "TEXT");
        for (RequestSnapshot r : matching) {
            addRows(table, r);
        }
        table.print(out);
        if (matching.size() == limit) {
            int more = control.requests(page.page(limit, RequestFilter.MAX_LIMIT)).size();
            if (more > 0) {
                out.println(String.format(Locale.ROOT, "… %,d%s more not shown; use --limit", more,
                        more == RequestFilter.MAX_LIMIT ? " or" : ""));
            }
        }
    }

    /** The control service's own check of an ID, reported as a bad --handler. */
    private void checkHandlerId(Invocation in, String handler) {
        try {
            control.handler(handler); // unknown is fine: it just matches nothing
        } catch (SyncArgumentException e) {
            throw in.usage("--handler " + e.getMessage().substring(e.argument().length() + 2));
        }
    }

    private static Set<RequestPhase> states(Invocation in, String value) {
        Set<RequestPhase> states = EnumSet.noneOf(RequestPhase.class);
        for (String name : value.split(",", -1)) {
            RequestPhase phase = OPEN.stream().filter(p -> p.name().equalsIgnoreCase(name.strip())).findFirst()
                    .orElseThrow(() -> in.usage("--state must be QUEUED, PARKED, WAITING or RUNNING (or a list"
                            + " such as QUEUED,PARKED), was '" + Table.clean(value) + "'"));
            states.add(phase);
        }
        return states;
    }

    private static void addRows(Table table, RequestSnapshot r) {
        if (r.items().isEmpty()) {
            table.row(r.id(), r.handlerId(), r.kind(), r.phase(), Formats.TIME.format(r.acceptedAt()),
                    "(every enabled item)", "-", "-", "-", "-");
            return;
        }
        Map<String, WaitingItem> waiting = Formats.waiting(r);
        boolean first = true;
        for (ItemProgress item : r.items()) {
            Object blank = Table.BLANK;
            WaitingItem w = waiting.get(item.itemId());
            table.row(first ? r.id() : blank, first ? r.handlerId() : blank, first ? r.kind() : blank,
                    first ? r.phase() : blank, first ? Formats.TIME.format(r.acceptedAt()) : blank, item.itemId(),
                    w == null ? item.status() : Formats.WAITING, Formats.percent(item),
                    w == null ? "-" : Formats.iso(w.retryAt()), item.text());
            first = false;
        }
    }

    void request(Invocation in, PrintStream out) {
        RequestSnapshot r = snapshot(requestId(in, in.arg(0)));
        Table facts = new Table("REQUEST", String.valueOf(r.id()));
        facts.row("handler", r.handlerId());
        facts.row("kind", r.kind());
        facts.row("flags", r.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        facts.row("phase", r.phase());
        facts.row("accepted", Formats.DATE_TIME.format(r.acceptedAt()));
        facts.row("started", r.startedAt() == null ? "-" : Formats.DATE_TIME.format(r.startedAt()));
        facts.row("served by", r.servedBy() == null ? "-" : r.servedBy());
        SyncResult result = r.result();
        if (result != null) {
            facts.row("finished", result.finishedAt() == null ? "-" : Formats.DATE_TIME.format(result.finishedAt()));
            facts.row("result", result.status());
            facts.row("errors", result.errorCount());
            facts.row("conflicts", result.conflictCount());
            facts.row("reason", result.reason());
            facts.row("results delivered", resultsDelivered.applyAsInt(r.id()));
        }
        facts.print(out);
        Map<String, WaitingItem> waiting = Formats.waiting(r);
        Table items = new Table("ITEM", "STATUS", "PROGRESS", "ATTEMPTS", "TEXT");
        for (ItemProgress item : r.items()) {
            String id = item.itemId();
            Object status = result != null && result.items().containsKey(id) ? result.items().get(id)
                    : waiting.containsKey(id) ? Formats.WAITING : item.status();
            items.row(id, status, Formats.percent(item), attempts(result, waiting.get(id), id), item.text());
        }
        if (result != null) {
            for (Map.Entry<String, ProgressStatus> e : result.items().entrySet()) {
                if (r.items().stream().noneMatch(i -> i.itemId().equals(e.getKey()))) {
                    items.row(e.getKey(), e.getValue(), "100%", attempts(result, null, e.getKey()), "-");
                }
            }
        }
        if (!items.isEmpty()) {
            out.println();
            items.print(out);
        }
        if (!waiting.isEmpty()) {
            Table retries = new Table("WAITING", "RETRY AT", "REASON");
            waiting.values().forEach(w -> retries.row(w.itemId(), Formats.iso(w.retryAt()), w.reason()));
            out.println();
            retries.print(out);
        }
    }

    /**
     * The sessions that started an item so far (C43): the result's count once it is done, the
     * waiting item's while it waits; "-" where the control service does not say (a running item, a
     * result kept from before retries existed).
     */
    private static Object attempts(SyncResult result, WaitingItem waiting, String itemId) {
        if (result != null) {
            return result.attempts().containsKey(itemId) ? result.attemptsOf(itemId) : "-";
        }
        return waiting == null ? "-" : waiting.attempts();
    }

    void follow(Invocation in, PrintStream out) throws InterruptedException {
        long id = requestId(in, in.arg(0));
        String last = null;
        while (true) {
            RequestSnapshot r = snapshot(id);
            String line = Formats.progressLine(r);
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
            if (r.phase() == RequestPhase.DONE || out.checkError()) {
                return; // done, or nobody reads any more
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    void await(Invocation in, PrintStream out) throws InterruptedException {
        long id = requestId(in, in.arg(0));
        long seconds = in.size() > 1 ? in.number("timeout-seconds", in.arg(1), 0, 86_400) : DEFAULT_WAIT_SECONDS;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (true) {
            RequestSnapshot r = snapshot(id);
            if (r.phase() == RequestPhase.DONE) {
                out.println(Formats.progressLine(r));
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new WaitTimeoutException("wait: request " + id + " is still " + r.phase() + " after "
                        + seconds + " s");
            }
            Thread.sleep(Math.min(pollInterval.toMillis(),
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private RequestSnapshot snapshot(long id) {
        return control.request(id).orElseThrow(() -> new UsageException("id: no request " + id
                + " is known (finished requests are kept up to the engine's request.history)"));
    }

    private static long requestId(Invocation in, String id) {
        return in.number("id", id, 1, Long.MAX_VALUE);
    }
}
