package dev.synccenter.handler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.ItemFailure;

/**
 * What one {@link HandlerHarness#sync} did: each item's outcome, the session's events, and the rules
 * the handler broke. Every {@code assert} method first checks that the handler kept the contract
 * ({@link #assertContractKept()}), so that no test passes on a handler that broke a rule, and answers
 * this run for the next assertion. Reports that arrive after {@code synchronize} returned are added to
 * {@link #violations()} as they arrive (C13).
 */
public final class SyncRun {

    private final long requestId;
    private final Map<String, ItemOutcome> outcomes;
    private final SessionRecorder session;
    private final List<Violation> metadataViolations;
    private final Throwable thrown;
    private final boolean abandoned;

    SyncRun(long requestId, Map<String, ItemOutcome> outcomes, SessionRecorder session,
            List<Violation> metadataViolations, Throwable thrown, boolean abandoned) {
        this.requestId = requestId;
        this.outcomes = Map.copyOf(outcomes);
        this.session = session;
        this.metadataViolations = metadataViolations;
        this.thrown = thrown;
        this.abandoned = abandoned;
    }

    /** The request ID the handler was given (1, 2, ... per harness). */
    public long requestId() {
        return requestId;
    }

    /** The outcome of one item of this sync, items added to the session included (C16). */
    public ItemOutcome item(String itemId) {
        ItemOutcome outcome = outcomes.get(itemId);
        if (outcome == null) {
            throw new IllegalArgumentException("itemId: '" + itemId + "' was not part of this sync; its items are "
                    + outcomes.keySet());
        }
        return outcome;
    }

    /** The final status of one item. */
    public ProgressStatus status(String itemId) {
        return item(itemId).status();
    }

    /** The events of the session, the handler's and those the platform adds (C15, C18), in order. */
    public List<Event> events() {
        return session.events();
    }

    /** The events of one item. */
    public List<Event> events(String itemId) {
        return events().stream().filter(e -> itemId.equals(e.itemId())).toList();
    }

    /** Error-level events, as the request's result counts them (C18). */
    public int errorCount() {
        return (int) events().stream().filter(e -> e.level() == EventLevel.ERROR).count();
    }

    /** What the handler set with {@code setHandlerProgressText}, in order. */
    public List<String> handlerProgressTexts() {
        return session.handlerTexts();
    }

    /** The handler's items after the session: those it listed and those it committed (C13). */
    public List<String> itemsAfterSession() {
        return session.committedItems();
    }

    /** Whether the handler called {@code reportManualSync}. */
    public boolean reportedManualSync() {
        return session.manualSync();
    }

    /** What {@code synchronize} threw, or null. */
    public Throwable thrown() {
        return thrown;
    }

    /** Whether the session was abandoned after the deadline and the cancel grace (C22). */
    public boolean abandoned() {
        return abandoned;
    }

    /** Every rule the handler broke so far: its metadata's, and this session's. */
    public List<Violation> violations() {
        List<Violation> all = new ArrayList<>(metadataViolations);
        all.addAll(session.violations());
        return all;
    }

    /** Fails unless the handler kept every rule of the contract it can break. */
    public SyncRun assertContractKept() {
        List<Violation> broken = violations();
        if (!broken.isEmpty()) {
            throw new AssertionError("the handler broke the contract (docs/CONTRACT.md):\n  "
                    + broken.stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
        }
        return this;
    }

    public SyncRun assertSucceeded(String... itemIds) {
        return assertStatus(ProgressStatus.SUCCEEDED, itemIds);
    }

    public SyncRun assertFailed(String... itemIds) {
        return assertStatus(ProgressStatus.FAILED, itemIds);
    }

    public SyncRun assertCanceled(String... itemIds) {
        return assertStatus(ProgressStatus.CANCELED, itemIds);
    }

    public SyncRun assertDisconnected(String... itemIds) {
        return assertStatus(ProgressStatus.DISCONNECTED, itemIds);
    }

    public SyncRun assertSkipped(String... itemIds) {
        return assertStatus(ProgressStatus.SKIPPED, itemIds);
    }

    /** Fails unless each item ended with this status (and the contract was kept). */
    public SyncRun assertStatus(ProgressStatus expected, String... itemIds) {
        assertContractKept();
        if (itemIds.length == 0) {
            throw new IllegalArgumentException("itemIds: name at least one item");
        }
        for (String id : itemIds) {
            ItemOutcome outcome = item(id);
            if (outcome.status() != expected) {
                throw new AssertionError("item '" + id + "': expected " + expected + ", was " + describe(outcome));
            }
        }
        return this;
    }

    /** Fails unless the item FAILED in a way the platform retries (C42, C43). */
    public SyncRun assertTransientFailure(String itemId) {
        return assertFailure(itemId, ItemFailure.Kind.TRANSIENT);
    }

    /** Fails unless the item FAILED in a way the platform does not retry (C42). */
    public SyncRun assertPermanentFailure(String itemId) {
        return assertFailure(itemId, ItemFailure.Kind.PERMANENT);
    }

    /** Fails unless the handler itself reported a final status for each item, rather than leaving it open (C15). */
    public SyncRun assertReportedFinalStatus(String... itemIds) {
        assertContractKept();
        for (String id : itemIds) {
            ItemOutcome outcome = item(id);
            if (!outcome.byHandler()) {
                throw new AssertionError("item '" + id + "': the handler reported no final status; " + describe(outcome));
            }
        }
        return this;
    }

    private SyncRun assertFailure(String itemId, ItemFailure.Kind kind) {
        assertStatus(ProgressStatus.FAILED, itemId);
        ItemFailure failure = item(itemId).failure();
        if (failure == null || failure.kind() != kind) {
            throw new AssertionError("item '" + itemId + "': expected a " + kind + " failure, was "
                    + describe(item(itemId)));
        }
        return this;
    }

    private String describe(ItemOutcome outcome) {
        StringBuilder s = new StringBuilder().append(outcome.status())
                .append(outcome.byHandler() ? " (reported by the handler)" : " (set by the platform)");
        if (outcome.failure() != null) {
            s.append(", ").append(outcome.failure().kind()).append(" failure: ").append(outcome.failure().reason());
        }
        if (thrown != null) {
            s.append("; synchronize threw ").append(thrown);
        }
        if (abandoned) {
            s.append("; the session was abandoned");
        }
        List<Report> reports = outcome.reports();
        if (!reports.isEmpty()) {
            s.append("; last report: ").append(reports.get(reports.size() - 1));
        }
        return s.toString();
    }
}
