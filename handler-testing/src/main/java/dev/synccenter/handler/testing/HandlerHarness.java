package dev.synccenter.handler.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.synccenter.control.SyncIds;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/**
 * Runs a {@link SyncHandler} in a unit test the way the platform does, without a framework:
 *
 * <pre>{@code
 * HandlerHarness.of(new MyHandler()).sync("alpha", "beta").assertSucceeded("alpha", "beta");
 * }</pre>
 *
 * <p>{@link #of} reads the handler's metadata as the platform does when its service appears (C31,
 * C32): a handler without a name cannot be run, items without a valid ID or a name are left out, as
 * the platform leaves them out. {@link #sync} leaves out disabled items (SKIPPED) and disconnected
 * ones (DISCONNECTED) as the platform does (C11), calls {@code synchronize} on a worker thread (C12)
 * with a recording {@link dev.synccenter.handler.SyncCallback}, and ends the items as the platform
 * ends them (C15, C18). A session that runs past the {@linkplain #withDeadline deadline} is asked to
 * cancel and, after the {@linkplain #withCancelGrace grace}, abandoned (C22). Every rule the handler
 * broke is in {@link SyncRun#violations()}, and every assertion of {@link SyncRun} fails on one.
 *
 * <p>Not thread-safe: configure it, then run syncs one after the other.
 */
public final class HandlerHarness {

    /** The default deadline of one {@code synchronize} call. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    /** The default time a session asked to cancel has to return: the platform's {@code cancel.grace.ms}. */
    public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(5);

    private final SyncHandler handler;
    private final String name;
    private final Map<String, SyncItem> items;
    private final List<Violation> metadataViolations;
    private final AtomicLong requestIds = new AtomicLong();
    private CancelScript cancels = new CancelScript();
    private Duration deadline = DEFAULT_DEADLINE;
    private Duration cancelGrace = DEFAULT_CANCEL_GRACE;

    private HandlerHarness(SyncHandler handler, String name, Map<String, SyncItem> items,
            List<Violation> metadataViolations) {
        this.handler = handler;
        this.name = name;
        this.items = items;
        this.metadataViolations = List.copyOf(metadataViolations);
    }

    /**
     * Reads the handler's name and items as the platform does.
     *
     * @throws NullPointerException if the handler is null
     * @throws AssertionError if {@code name()} throws or answers null: the platform neither lists nor
     *     syncs such a handler (C32)
     */
    public static HandlerHarness of(SyncHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<Violation> violations = new ArrayList<>();
        String name = read(handler::name, "name()", violations);
        if (name == null) {
            throw new AssertionError("C32: the handler's name() " + violations.stream().findFirst()
                    .map(Violation::message).orElse("answered null")
                    + ": the platform neither lists nor syncs a handler without a readable name");
        }
        List<SyncItem> listed = read(handler::items, "items()", violations);
        Map<String, SyncItem> items = new LinkedHashMap<>();
        for (SyncItem item : listed == null ? List.<SyncItem>of() : listed) {
            String id = item == null ? null : read(item::id, "an item's id()", violations);
            String problem = SyncIds.problem(id);
            if (problem != null) {
                violations.add(new Violation("C1", "items() lists an item whose ID " + problem
                        + "; the platform leaves it out"));
            } else if (read(item::name, "item '" + id + "': name()", violations) == null) {
                violations.add(new Violation("C32", "item '" + id + "' has no name; the platform leaves it out"));
            } else if (items.putIfAbsent(id, item) != null) {
                violations.add(new Violation("C1", "items() lists two items with the ID '" + id
                        + "'; item IDs are unique within a handler, and the platform keeps the first"));
            }
        }
        return new HandlerHarness(handler, name, items, violations);
    }

    /** How long one {@code synchronize} call may run before the harness asks it to cancel (C22). */
    public HandlerHarness withDeadline(Duration deadline) {
        this.deadline = positive(deadline, "deadline");
        return this;
    }

    /** How long a session asked to cancel may take to return before it is abandoned (C22). */
    public HandlerHarness withCancelGrace(Duration grace) {
        this.cancelGrace = positive(grace, "grace");
        return this;
    }

    /**
     * Asks the session to cancel this item once it made {@code reports} progress reports (0: from the
     * start), as {@code stopItemSync} would (C20): {@code canContinue(itemId)} turns false, and reports
     * answer {@code CANCEL_ITEM}.
     */
    public HandlerHarness cancelItemAfterReports(String itemId, int reports) {
        if (reports < 0) {
            throw new IllegalArgumentException("reports: must be 0 or more, was " + reports);
        }
        cancels.cancelItemAfter(Objects.requireNonNull(itemId, "itemId"), reports);
        return this;
    }

    /**
     * Asks the whole session to cancel once it made {@code reports} progress reports (0: from the
     * start), as {@code stopHandlerSync} would (C21): {@code canContinue()} turns false and reports
     * answer {@code CANCEL_ALL}.
     */
    public HandlerHarness cancelAllAfterReports(int reports) {
        if (reports < 0) {
            throw new IllegalArgumentException("reports: must be 0 or more, was " + reports);
        }
        cancels.cancelAllAfter(reports);
        return this;
    }

    /** The handler's name, as the platform read it. */
    public String name() {
        return name;
    }

    /** The IDs of the items the platform would list, in the handler's order. */
    public List<String> itemIds() {
        return List.copyOf(items.keySet());
    }

    /** Rules the handler's metadata broke (bad or duplicate item IDs, items without a name). */
    public List<Violation> metadataViolations() {
        return metadataViolations;
    }

    /** Syncs these items in one session, with no context object. */
    public SyncRun sync(String... itemIds) {
        return sync(List.of(itemIds), null);
    }

    /**
     * Syncs these items in one session, handing {@code context} to {@code synchronize} unchanged (C5,
     * C12). Returns when the session returned or was abandoned.
     *
     * @throws IllegalArgumentException if the list is empty, names an item twice or names an item the
     *     handler does not list
     * @throws IllegalStateException if the handler says it is inactive or disabled: the platform
     *     refuses to start its syncs (C7)
     */
    public SyncRun sync(List<String> itemIds, Object context) {
        Objects.requireNonNull(itemIds, "itemIds");
        if (itemIds.isEmpty()) {
            throw new IllegalArgumentException("itemIds: must not be empty (C7)");
        }
        Set<String> seen = new HashSet<>();
        for (String id : itemIds) {
            if (!items.containsKey(id)) {
                throw new IllegalArgumentException("itemIds: '" + id + "' is not an item of handler '" + name
                        + "'; its items are " + items.keySet());
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("itemIds: names '" + id + "' twice (C7)");
            }
        }
        if (Boolean.FALSE.equals(flag(handler::isActive)) || Boolean.FALSE.equals(flag(handler::isEnabled))) {
            throw new IllegalStateException("handler '" + name + "' says it is inactive or disabled (isActive(), "
                    + "isEnabled()): the platform refuses to start its syncs (C7)");
        }
        return new SessionRunner(handler, items, cancels.copy(), deadline, cancelGrace, metadataViolations)
                .run(itemIds, context, requestIds.incrementAndGet());
    }

    private static Boolean flag(Supplier<Optional<Boolean>> getter) {
        try {
            Optional<Boolean> answer = getter.get();
            return answer == null ? null : answer.orElse(null);
        } catch (RuntimeException e) {
            return null; // C32: a getter that throws gives its default
        }
    }

    private static <T> T read(Supplier<T> getter, String what, List<Violation> violations) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            violations.add(new Violation("C32", what + " threw " + e + "; the platform uses its default"));
            return null;
        }
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, was " + d);
        }
        return d;
    }
}
