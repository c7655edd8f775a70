package dev.synccenter.handler.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncIds;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.PendingItems;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncItem;

/**
 * The {@link SyncCallback} a harnessed handler reports to: it answers as the platform's session does
 * (the same refusals, the same cancel answers, nothing accepted once the session ended) and records
 * every report, and every rule the handler broke, for {@link SyncRun}. Thread-safe: a handler may
 * report from threads of its own while {@code synchronize} runs.
 */
final class SessionRecorder implements SyncCallback {

    /** One item of the session, as reported so far. */
    static final class ItemState {
        final List<Report> reports = new ArrayList<>();
        ProgressStatus status; // null while open
        boolean byHandler;
        ItemFailure failure;
        boolean cancelRequested;
    }

    private final Map<String, SyncItem> handlerItems;
    private final Map<String, ItemState> items = new LinkedHashMap<>();
    private final Map<String, SyncItem> proposed = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final List<String> handlerTexts = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final CancelScript cancels;
    private int sessionReports;
    private boolean cancelAll;
    private boolean ended;
    private boolean manualSync;

    SessionRecorder(List<String> itemIds, Map<String, SyncItem> handlerItems, CancelScript cancels) {
        this.handlerItems = new LinkedHashMap<>(handlerItems);
        this.cancels = cancels;
        cancelAll = cancels.cancelsAllAfter(0);
        itemIds.forEach(this::join);
    }

    @Override
    public synchronized CancelRequest reportProgress(String itemId, String text, ProgressStatus status, long step,
            long maxStep) {
        if (afterEnd("reportProgress(" + quote(itemId) + ", " + status + ")")) {
            return CancelRequest.CANCEL_ALL;
        }
        if (status == null) {
            throw refuse(new IllegalArgumentException("status: must not be null"), "C14",
                    "reportProgress for item " + quote(itemId) + " without a status");
        }
        if (!status.isReportable()) {
            throw refuse(new IllegalArgumentException("status: " + status + " is set by the platform, not reported"),
                    "C14", "reported " + status + " for item " + quote(itemId) + "; only the platform sets it");
        }
        ItemState item = sessionItem(itemId, "reportProgress");
        if (status == ProgressStatus.UPDATING && (step < 0 || maxStep < 0 || step > maxStep)) {
            violations.add(new Violation("C13", "progress step " + step + " of " + maxStep + " for item "
                    + quote(itemId) + " is out of bounds (0 <= step <= maxStep); the platform shows it clamped"));
        }
        item.reports.add(new Report(text, status, step, maxStep));
        if (item.status != null && status != ProgressStatus.FAILED) {
            String transition = item.status + " -> " + status;
            item.status = ProgressStatus.FAILED;
            item.byHandler = false;
            item.failure = ItemFailure.permanent("The handler reported an illegal transition " + transition);
            throw refuse(new IllegalStateException("illegal progress transition " + transition + " for item '"
                    + itemId + "' (C14)"), "C14", "item " + quote(itemId) + " reported " + transition
                    + ": after a final status only FAILED is accepted; the platform fails the item");
        }
        if (status.isFinal()) {
            item.status = status;
            item.byHandler = true;
            item.failure = switch (status) {
                case FAILED -> ItemFailure.permanent(text); // C42: FAILED with no word is permanent
                case DISCONNECTED -> ItemFailure.transientFailure(text); // C42: DISCONNECTED is transient
                default -> null;
            };
        }
        counted(itemId, item);
        return answer(item);
    }

    @Override
    public synchronized CancelRequest reportFailure(String itemId, ItemFailure failure) {
        if (afterEnd("reportFailure(" + quote(itemId) + ")")) {
            return CancelRequest.CANCEL_ALL;
        }
        if (failure == null) {
            throw refuse(new IllegalArgumentException("failure: must not be null"), "C42",
                    "reportFailure for item " + quote(itemId) + " without a failure");
        }
        ItemState item = sessionItem(itemId, "reportFailure");
        item.reports.add(new Report(failure.reason(), ProgressStatus.FAILED, 0, 0));
        item.status = ProgressStatus.FAILED; // C14: FAILED is accepted after any status
        item.byHandler = true;
        item.failure = failure;
        counted(itemId, item);
        return answer(item);
    }

    @Override
    public synchronized CancelRequest setHandlerProgressText(String text) {
        if (afterEnd("setHandlerProgressText")) {
            return CancelRequest.CANCEL_ALL;
        }
        handlerTexts.add(text);
        return cancelAll ? CancelRequest.CANCEL_ALL : CancelRequest.NONE;
    }

    @Override
    public synchronized UUID reportEvent(String itemId, EventLevel level, String name, String description,
            String linkText, String linkReference, String context) {
        if (afterEnd("reportEvent(" + quote(itemId) + ", " + level + ", " + quote(name) + ")")) {
            return UUID.randomUUID();
        }
        if (level == null) {
            throw refuse(new IllegalArgumentException("level: must not be null"), "C13",
                    "reportEvent " + quote(name) + " without a level");
        }
        if (itemId != null && SyncIds.problem(itemId) != null) {
            throw refuse(new IllegalArgumentException("itemId: " + SyncIds.problem(itemId)), "C1",
                    "reportEvent for item " + quote(itemId) + ": the ID " + SyncIds.problem(itemId));
        }
        events.add(new Event(itemId, level, name == null ? "" : name, description, linkText, linkReference,
                context, false));
        return UUID.randomUUID();
    }

    @Override
    public synchronized boolean canContinue(String itemId) {
        if (afterEnd("canContinue(" + quote(itemId) + ")")) {
            return false;
        }
        if (itemId == null || itemId.isEmpty()) {
            return !cancelAll;
        }
        return !cancelAll && !sessionItem(itemId, "canContinue").cancelRequested;
    }

    @Override
    public synchronized PendingItems queryForAdditionalItems() {
        afterEnd("queryForAdditionalItems");
        return new PendingItems(List.of(), List.of()); // the harness queues no requests behind a session
    }

    @Override
    public synchronized void addItemToSession(String itemId) {
        if (afterEnd("addItemToSession(" + quote(itemId) + ")")) {
            return;
        }
        if (items.containsKey(itemId)) {
            throw refuse(new IllegalArgumentException("itemId: '" + itemId + "' is already in this session (C16)"),
                    "C16", "addItemToSession(" + quote(itemId) + "): the item is already in the session");
        }
        if (!handlerItems.containsKey(itemId)) {
            throw refuse(new IllegalArgumentException("itemId: '" + itemId + "' is not an item of the handler"),
                    "C16", "addItemToSession(" + quote(itemId) + "): not an item of the handler");
        }
        if (disabled(handlerItems.get(itemId))) {
            throw refuse(new IllegalArgumentException("itemId: '" + itemId + "' is disabled"), "C16",
                    "addItemToSession(" + quote(itemId) + "): the item is disabled (isEnabled() answers false)");
        }
        join(itemId);
    }

    @Override
    public synchronized void proposeItem(SyncItem item) {
        if (afterEnd("proposeItem")) {
            return;
        }
        String id = item == null ? null : item.id();
        if (item == null || SyncIds.problem(id) != null || item.name() == null) {
            throw refuse(new IllegalArgumentException("item: has no valid ID or no name (C1, C32)"), "C1",
                    "proposeItem(" + quote(id) + "): an item needs a valid ID and a name");
        }
        if (handlerItems.containsKey(id) || proposed.containsKey(id)) {
            throw refuse(new IllegalArgumentException("item: an item '" + id + "' exists already"), "C13",
                    "proposeItem(" + quote(id) + "): an item with that ID exists already");
        }
        proposed.put(id, item);
    }

    @Override
    public synchronized void commitItem(String itemId) {
        if (afterEnd("commitItem(" + quote(itemId) + ")")) {
            return;
        }
        SyncItem item = proposed.remove(itemId);
        if (item == null) {
            throw refuse(new IllegalArgumentException("itemId: '" + itemId + "' was not proposed first"), "C13",
                    "commitItem(" + quote(itemId) + ") without proposeItem first");
        }
        handlerItems.put(itemId, item);
    }

    @Override
    public synchronized void reportManualSync() {
        if (!afterEnd("reportManualSync")) {
            manualSync = true;
        }
    }

    /** Asks the session to cancel all, as a stop or the deadline does (C21, C22). */
    synchronized void cancelAll() {
        cancelAll = true;
    }

    /** Ends the session: from now on, every call is ignored and recorded as a violation (C13, C22). */
    synchronized void end() {
        ended = true;
    }

    synchronized Map<String, ItemState> items() {
        return items;
    }

    synchronized boolean cancelRequested(ItemState item) {
        return cancelAll || item.cancelRequested;
    }

    synchronized void addPlatformEvent(String itemId, String name, String description) {
        events.add(new Event(itemId, EventLevel.ERROR, name, description, null, null, null, true));
    }

    synchronized void addViolation(Violation violation) {
        violations.add(violation);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    synchronized List<String> handlerTexts() {
        return List.copyOf(handlerTexts);
    }

    synchronized List<String> committedItems() {
        return handlerItems.keySet().stream().toList();
    }

    synchronized boolean manualSync() {
        return manualSync;
    }

    private void join(String itemId) {
        ItemState item = new ItemState();
        item.cancelRequested = cancels.cancelsItemAfter(itemId, 0);
        items.put(itemId, item);
    }

    private ItemState sessionItem(String itemId, String call) {
        ItemState item = items.get(itemId);
        if (item == null) {
            throw refuse(new IllegalArgumentException("itemId: '" + itemId + "' is not in this session (C14)"),
                    "C14", call + " for item " + quote(itemId) + ", which is not in this session " + items.keySet());
        }
        return item;
    }

    private void counted(String itemId, ItemState item) {
        sessionReports++;
        cancelAll |= cancels.cancelsAllAfter(sessionReports);
        item.cancelRequested |= cancels.cancelsItemAfter(itemId, item.reports.size());
    }

    private CancelRequest answer(ItemState item) {
        if (cancelAll) {
            return CancelRequest.CANCEL_ALL;
        }
        return item.cancelRequested ? CancelRequest.CANCEL_ITEM : CancelRequest.NONE;
    }

    private boolean afterEnd(String call) {
        if (ended) {
            violations.add(new Violation("C13", call + " after synchronize returned (or was abandoned): the "
                    + "callback is valid only until then, and the platform ignores the call"));
        }
        return ended;
    }

    private RuntimeException refuse(RuntimeException refusal, String rule, String what) {
        violations.add(new Violation(rule, what + " (the platform throws " + refusal + ")"));
        return refusal;
    }

    private static boolean disabled(SyncItem item) {
        try {
            return item.isEnabled() != null && item.isEnabled().equals(java.util.Optional.of(false));
        } catch (RuntimeException e) {
            return false; // C32: a getter that throws gives its default
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
