package dev.synccenter.handler.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/**
 * One session of a harnessed handler, run as the platform runs it: the items it never passes to the
 * handler (C11), {@code synchronize} on a worker thread of its own (C12) under a deadline, then
 * cancel and abandon (C22), and the platform's ending of the items left open (C15, C18).
 */
final class SessionRunner {

    private final SyncHandler handler;
    private final Map<String, SyncItem> items;
    private final CancelScript cancels;
    private final Duration deadline;
    private final Duration cancelGrace;
    private final List<Violation> metadataViolations;

    SessionRunner(SyncHandler handler, Map<String, SyncItem> items, CancelScript cancels, Duration deadline,
            Duration cancelGrace, List<Violation> metadataViolations) {
        this.handler = handler;
        this.items = items;
        this.cancels = cancels;
        this.deadline = deadline;
        this.cancelGrace = cancelGrace;
        this.metadataViolations = metadataViolations;
    }

    SyncRun run(List<String> itemIds, Object context, long requestId) {
        Map<String, ItemOutcome> outcomes = new LinkedHashMap<>();
        List<String> sessionIds = new ArrayList<>();
        boolean handlerConnected = connected(handler::isConnected);
        for (String id : itemIds) {
            SyncItem item = items.get(id);
            if (!handlerConnected || !connected(item::isConnected)) {
                outcomes.put(id, platformEnded(id, ProgressStatus.DISCONNECTED, null));
            } else if (Boolean.FALSE.equals(enabled(item))) {
                outcomes.put(id, platformEnded(id, ProgressStatus.SKIPPED, null));
            } else {
                sessionIds.add(id);
            }
        }
        SessionRecorder recorder = new SessionRecorder(sessionIds, items, cancels);
        if (sessionIds.isEmpty()) {
            recorder.end();
            return new SyncRun(requestId, outcomes, recorder, metadataViolations, null, false);
        }
        FutureTask<Void> session = new FutureTask<>(() -> {
            handler.synchronize(List.copyOf(sessionIds), recorder, context, requestId);
            return null;
        });
        Thread worker = new Thread(session, "sync-harness-request-" + requestId);
        worker.setDaemon(true);
        worker.start();

        Throwable thrown = null;
        boolean abandoned = false;
        try {
            thrown = await(session, deadline);
        } catch (TimeoutException late) {
            recorder.cancelAll();
            try {
                thrown = await(session, cancelGrace);
                recorder.addViolation(new Violation("C22", "synchronize ran past the deadline of " + deadline
                        + "; asked to cancel all, it returned within the grace of " + cancelGrace));
            } catch (TimeoutException hung) {
                abandoned = true;
                recorder.end();
                worker.interrupt();
                recorder.addViolation(new Violation("C22", "synchronize ran past the deadline of " + deadline
                        + " and did not return within the grace of " + cancelGrace + " after a cancel: the "
                        + "platform abandons the session, ends its open items CANCELED and interrupts its thread"));
            }
        }
        recorder.end();
        endOpenItems(recorder, thrown, abandoned, outcomes);
        return new SyncRun(requestId, outcomes, recorder, metadataViolations, thrown, abandoned);
    }

    /** C15, C18, C22: the items the handler left without a final status, and an error event per failed item. */
    private static void endOpenItems(SessionRecorder recorder, Throwable thrown, boolean abandoned,
            Map<String, ItemOutcome> outcomes) {
        if (thrown != null) {
            recorder.addPlatformEvent(null, "synchronize threw", String.valueOf(thrown));
        }
        List<Event> events = recorder.events();
        for (Map.Entry<String, SessionRecorder.ItemState> e : recorder.items().entrySet()) {
            SessionRecorder.ItemState state = e.getValue();
            ItemOutcome outcome;
            if (state.status != null) {
                outcome = new ItemOutcome(e.getKey(), state.status, state.byHandler, state.reports, state.failure);
            } else if (thrown != null) {
                outcome = new ItemOutcome(e.getKey(), ProgressStatus.FAILED, false, state.reports,
                        ItemFailure.transientFailure("synchronize threw " + thrown)); // C42: transient
            } else {
                ProgressStatus end = abandoned || recorder.cancelRequested(state) ? ProgressStatus.CANCELED
                        : ProgressStatus.SUCCEEDED;
                outcome = new ItemOutcome(e.getKey(), end, false, state.reports, null);
            }
            if (outcome.status() == ProgressStatus.FAILED && events.stream()
                    .noneMatch(ev -> e.getKey().equals(ev.itemId()) && ev.level() == EventLevel.ERROR)) {
                recorder.addPlatformEvent(e.getKey(), "Item failed", outcome.failure() == null ? ""
                        : outcome.failure().reason());
            }
            outcomes.put(e.getKey(), outcome);
        }
    }

    private static Throwable await(FutureTask<Void> session, Duration limit) throws TimeoutException {
        try {
            session.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the test thread was interrupted while synchronize ran", e);
        }
    }

    private static ItemOutcome platformEnded(String id, ProgressStatus status, ItemFailure failure) {
        return new ItemOutcome(id, status, false, List.of(), failure);
    }

    private static boolean connected(java.util.function.BooleanSupplier getter) {
        try {
            return getter.getAsBoolean();
        } catch (RuntimeException e) {
            return true; // a throw counts as connected
        }
    }

    private static Boolean enabled(SyncItem item) {
        try {
            Optional<Boolean> answer = item.isEnabled();
            return answer == null ? null : answer.orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
