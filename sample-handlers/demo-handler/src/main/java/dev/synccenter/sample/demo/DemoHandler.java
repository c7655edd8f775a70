package dev.synccenter.sample.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncHandlerId;
import dev.synccenter.handler.SyncItem;

/**
 * A sync handler that pretends to sync a configurable list of items: each item takes a number of
 * steps of simulated work, may fail at random, and honours cancellation between steps. Its bundle
 * version shows in its comment, its progress text and the test hooks, so that a reader (or a test)
 * can tell which build of the bundle served a session.
 *
 * <p>Test hooks travel in the start call's context object, which the platform hands over
 * unchanged (C5, C12). Only {@code java.*} types are used, so they cross bundle boundaries: if the
 * context is a {@link java.util.Map}, its key {@value Hooks#ENTERED} may hold a
 * {@link CountDownLatch} counted down when {@code synchronize} is entered, {@value Hooks#GATE} a
 * latch the handler waits on before it finishes each item, and {@value Hooks#SEEN} a
 * {@link java.util.Queue} of strings to which it appends {@code "<version>:<requestId>:<itemId>"}
 * for every item it finishes.
 */
@Component(service = SyncHandler.class, configurationPid = DemoHandler.PID)
@SyncHandlerId("demo")
@Designate(ocd = DemoHandler.Config.class)
public final class DemoHandler implements SyncHandler {

    /** The configuration PID. */
    public static final String PID = "dev.synccenter.sample.demo";

    /** The resource into which the build writes the bundle version (see bnd.bnd). */
    static final String VERSION_RESOURCE = "OSGI-INF/dev.synccenter.sample.demo.version";

    /** How often waits look at the cancel state, in milliseconds. */
    static final long POLL_MILLIS = 5;

    /** How long the handler waits for a test's gate before it gives the item up as FAILED. */
    static final long GATE_LIMIT_MILLIS = 60_000;

    @ObjectClassDefinition(name = "Sync Center demo handler",
            description = "A handler that simulates syncing a list of items, for demos and tests.")
    public @interface Config {

        @AttributeDefinition(description = "The handler ID; overrides the built-in 'demo' (C1, C3).")
        String sync_handler_id() default "demo";

        @AttributeDefinition(description = "The IDs of the items the handler offers.")
        String[] items() default { "alpha", "beta", "gamma" };

        @AttributeDefinition(description = "Simulated steps per item; 0 or more.")
        int steps() default 5;

        @AttributeDefinition(description = "Milliseconds of simulated work per step; 0 or more. The wait "
                + "ends early when the item or the session is cancelled.")
        long step_millis() default 20;

        @AttributeDefinition(description = "Probability, 0 to 1, that an item fails (with an error event).")
        double failure_rate() default 0;

        @AttributeDefinition(description = "How the handler behaves.", options = {
                @Option(value = "normal", label = "Syncs the items, honouring cancellation"),
                @Option(value = "hang", label = "Blocks in synchronize until its thread is interrupted"),
                @Option(value = "ignore-cancel", label = "Syncs the items and never checks cancellation"),
                @Option(value = "throw", label = "Throws from synchronize") })
        String behaviour() default "normal";
    }

    private final String version;
    /** Counted down when the component is deactivated: waits that honour cancellation end at once. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile DemoSettings settings;

    @Activate
    public DemoHandler(Config config) {
        this.version = readVersion();
        this.settings = DemoSettings.from(config);
    }

    @Modified
    void modified(Config config) {
        this.settings = DemoSettings.from(config);
    }

    @Deactivate
    void deactivate() {
        closed.countDown();
    }

    /** The bundle version, as the build wrote it; "unknown" outside a built bundle. */
    String version() {
        return version;
    }

    // ---- metadata

    @Override
    public String name() {
        return "Demo handler";
    }

    @Override
    public HandlerType type() {
        return HandlerType.APPLICATION;
    }

    @Override
    public String typeLabel() {
        return "Demo";
    }

    @Override
    public String comment() {
        return "Demo handler " + version;
    }

    @Override
    public List<SyncItem> items() {
        List<SyncItem> out = new ArrayList<>();
        for (String id : settings.items()) {
            out.add(SyncItem.of(id, Character.toUpperCase(id.charAt(0)) + id.substring(1)));
        }
        return out;
    }

    // ---- sync

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId)
            throws Exception {
        DemoSettings s = settings;
        Hooks hooks = Hooks.from(context);
        hooks.signalEntered();
        switch (s.behaviour()) {
            case HANG -> {
                new CountDownLatch(1).await(); // ignores everything; ends only by an interrupt
                return;
            }
            case THROW -> throw new IllegalStateException(
                    "demo handler " + version + " is configured to throw (behaviour=throw)");
            default -> {
                // sync below
            }
        }
        boolean honour = s.behaviour() != DemoSettings.Behaviour.IGNORE_CANCEL;
        for (String itemId : itemIds) {
            if (syncItem(itemId, s, honour, callback, hooks, requestId) == CancelRequest.CANCEL_ALL) {
                // Leave the unfinished items to the platform: it ends them CANCELED, or, when this
                // service went away, syncs them again on the next one (C27).
                return;
            }
        }
    }

    /**
     * Syncs one item. Answers CANCEL_ALL when the session is to stop (the item then has no final
     * status), NONE otherwise (the item has one).
     */
    private CancelRequest syncItem(String itemId, DemoSettings s, boolean honour, SyncCallback callback, Hooks hooks,
            long requestId) throws InterruptedException {
        int steps = s.steps();
        for (int step = 1; step <= steps; step++) {
            CancelRequest answer = callback.reportProgress(itemId, text(itemId, "step " + step + "/" + steps),
                    ProgressStatus.UPDATING, step, steps);
            if (honour && answer != CancelRequest.NONE) {
                return cancelled(itemId, answer, step, steps, callback, hooks, requestId);
            }
            answer = work(s.stepMillis(), itemId, honour, callback);
            if (answer != CancelRequest.NONE) {
                return cancelled(itemId, answer, step, steps, callback, hooks, requestId);
            }
        }
        if (hooks.gate() != null) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATE_LIMIT_MILLIS);
            while (!hooks.gate().await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                CancelRequest answer = honour ? cancelState(itemId, callback) : CancelRequest.NONE;
                if (answer != CancelRequest.NONE) {
                    return cancelled(itemId, answer, steps, steps, callback, hooks, requestId);
                }
                if (System.nanoTime() - deadline > 0) {
                    callback.reportEvent(itemId, EventLevel.ERROR, "Gate timed out", "Demo handler " + version
                            + " waited " + GATE_LIMIT_MILLIS + " ms for the test's gate on item '" + itemId + "'.");
                    finish(itemId, ProgressStatus.FAILED, "gate timed out", steps, callback, hooks, requestId);
                    return CancelRequest.NONE;
                }
            }
        }
        // A cancel may have come while the last step or the gate ended: look once more.
        CancelRequest answer = honour ? cancelState(itemId, callback) : CancelRequest.NONE;
        if (answer != CancelRequest.NONE) {
            return cancelled(itemId, answer, steps, steps, callback, hooks, requestId);
        }
        if (s.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < s.failureRate()) {
            callback.reportEvent(itemId, EventLevel.ERROR, "Demo failure", "Demo handler " + version
                    + " failed item '" + itemId + "' at random (failure rate " + s.failureRate() + ").");
            finish(itemId, ProgressStatus.FAILED, "failed", steps, callback, hooks, requestId);
        } else {
            finish(itemId, ProgressStatus.SUCCEEDED, "done", steps, callback, hooks, requestId);
        }
        return CancelRequest.NONE;
    }

    /** A cancel of the item ends it CANCELED; a cancel of the session leaves it to the platform. */
    private CancelRequest cancelled(String itemId, CancelRequest answer, long step, long steps, SyncCallback callback,
            Hooks hooks, long requestId) {
        if (answer == CancelRequest.CANCEL_ITEM) {
            finish(itemId, ProgressStatus.CANCELED, "canceled", step, steps, callback, hooks, requestId);
            return CancelRequest.NONE;
        }
        return CancelRequest.CANCEL_ALL;
    }

    private void finish(String itemId, ProgressStatus status, String what, long steps, SyncCallback callback,
            Hooks hooks, long requestId) {
        finish(itemId, status, what, steps, steps, callback, hooks, requestId);
    }

    private void finish(String itemId, ProgressStatus status, String what, long step, long steps,
            SyncCallback callback, Hooks hooks, long requestId) {
        callback.reportProgress(itemId, text(itemId, what), status, step, steps);
        hooks.recordSeen(version + ":" + requestId + ":" + itemId);
    }

    /**
     * One step of simulated work: a timed wait that ends early when the component is deactivated
     * or (if cancellation is honoured) the item or the session is cancelled.
     */
    private CancelRequest work(long millis, String itemId, boolean honour, SyncCallback callback)
            throws InterruptedException {
        if (!honour) {
            // This behaviour never looks at cancellation (nor at deactivation): the step takes its time.
            if (millis > 0) {
                new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
            }
            return CancelRequest.NONE;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            CancelRequest answer = cancelState(itemId, callback);
            if (answer != CancelRequest.NONE) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return CancelRequest.NONE;
            }
            // Ends at once when the component is deactivated; cancelState then answers CANCEL_ALL.
            closed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
        }
    }

    /** What the platform and the component's own state say about going on with an item. */
    private CancelRequest cancelState(String itemId, SyncCallback callback) {
        if (closed.getCount() == 0 || !callback.canContinue()) {
            return CancelRequest.CANCEL_ALL;
        }
        return callback.canContinue(itemId) ? CancelRequest.NONE : CancelRequest.CANCEL_ITEM;
    }

    private String text(String itemId, String what) {
        return "v" + version + " " + itemId + " " + what;
    }

    private static String readVersion() {
        try (InputStream in = DemoHandler.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: the version is only for display
        }
        return "unknown";
    }
}
