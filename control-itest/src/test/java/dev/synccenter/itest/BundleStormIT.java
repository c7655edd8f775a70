package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncHandler;

/**
 * The interleaving storm in a real Felix (C17, C26 to C28), as Karaf's {@code bundle:load-test}
 * does for bundles: while a producer streams item and handler syncs (with and without
 * IGNORE_IF_ALREADY_SYNCING), an operator thread updates the demo handler bundle between its two
 * versions, stops and starts it, uninstalls and installs it again, and stops, disables and enables
 * items and the handler. Afterwards every accepted request must have exactly one result, with
 * final items whose aggregate is its status. The operator's choices follow a seed printed on
 * failure; {@code -Dstorm.seed} replays them (the thread schedule is the machine's).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleStormIT extends ItestSupport {

    static final List<String> ITEMS = List.of("alpha", "beta", "gamma");

    @Test
    public void c17_c28_everyRequestGetsOneResultWhileBundlesComeGoAndAreReplaced() throws Exception {
        long seed = Long.getLong("storm.seed", System.nanoTime());
        try {
            storm(seed, Integer.getInteger("storm.operations", 40));
        } catch (Throwable t) {
            throw new AssertionError("Bundle storm failed; replay with -Dstorm.seed=" + seed, t);
        }
    }

    private void storm(long seed, int operations) throws Exception {
        configure(ENGINE_PID, SyncControl.class, Map.of("cancel.grace.ms", 50L, "park.timeout.ms", 2_000L));
        Bundle[] demo = { installDemo(DEMO_V1) };
        awaitDemoVersion("1.0.0");
        configure(DEMO_PID, SyncHandler.class, Map.of("steps", 2, "step.millis", 3L, "failure.rate", 0.1d));

        Results results = new Results();
        List<SyncRequest> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(8);
        Thread producer = new Thread(() -> {
            Random random = new Random(seed + 1);
            try {
                while (!stop.get()) {
                    if (!inFlight.tryAcquire(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new AssertionError("no result came back for " + Poll.WAIT);
                    }
                    Set<SyncControlFlag> flags = random.nextBoolean()
                            ? Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING) : Set.of();
                    try {
                        SyncRequest r = random.nextInt(5) == 0
                                ? control().startHandlerSync("demo", null, flags, result -> done(results, result, inFlight))
                                : control().startItemSync("demo", List.of(ITEMS.get(random.nextInt(3))), null, flags,
                                        result -> done(results, result, inFlight));
                        accepted.add(r);
                    } catch (SyncRefusedException | SyncArgumentException e) {
                        refused.incrementAndGet(); // disabled, or the ID unknown for a moment
                        inFlight.release();
                    }
                }
            } catch (Throwable t) {
                errors.add(t);
            }
        }, "storm-producer");
        producer.start();
        Random random = new Random(seed);
        try {
            for (int i = 0; i < operations && errors.isEmpty(); i++) {
                int before = accepted.size();
                Poll.until("requests to flow before operation " + i, () -> accepted.size() > before || !errors.isEmpty());
                operate(random, demo);
            }
        } finally {
            stop.set(true);
            producer.join(Poll.WAIT.toMillis());
        }
        // Let the handler serve again, everything enabled, so parked and queued work can end.
        if (demo[0].getState() == Bundle.UNINSTALLED) {
            demo[0] = installDemo(DEMO_V1);
        }
        if (demo[0].getState() != Bundle.ACTIVE) {
            demo[0].start();
        }
        control().enableHandler(true, "demo", Set.of(ControlFlag.WAIT));
        for (String item : ITEMS) {
            control().enableItem(true, "demo", item, Set.of(ControlFlag.WAIT));
        }

        assertTrue("producer: " + errors, errors.isEmpty());
        List<SyncRequest> all = List.copyOf(accepted);
        assertTrue("too few requests to show anything: " + all.size(), all.size() >= 40);
        for (SyncRequest r : all) {
            SyncResult result = Poll.done("the result of request " + r.id(), r.result());
            assertTrue("items of " + result + " are final", result.items().values().stream().allMatch(ProgressStatus::isFinal));
            if (!result.items().isEmpty()) {
                assertEquals("aggregate of " + result, SyncResult.aggregate(result.items().values()), result.status());
            }
        }
        for (SyncRequest r : all) {
            Poll.until("the listener's result of request " + r.id(), () -> results.count(r.id()) >= 1);
        }
        Results last = new Results();
        SyncRequest barrier = control().startItemSync("demo", List.of("alpha"), null, Set.of(), last);
        Poll.done("a last request through the whole pipeline", barrier.result());
        Poll.until("its listener call", () -> last.count(barrier.id()) == 1);
        assertEquals("requests told twice", Map.of(), results.duplicates());
        Poll.until("nothing left queued or running", () -> control().requests().isEmpty());
        System.out.println("Bundle storm (seed " + seed + "): " + operations + " operations, " + all.size()
                + " requests accepted, " + refused.get() + " refused, 0 violations");
    }

    private static void done(Results results, SyncResult result, Semaphore inFlight) {
        results.result(result);
        inFlight.release();
    }

    private void operate(Random random, Bundle[] demo) throws Exception {
        Bundle b = demo[0];
        switch (random.nextInt(9)) {
            case 0, 1, 2 -> {
                if (b.getState() != Bundle.UNINSTALLED) {
                    update(b, random.nextBoolean() ? DEMO_V2 : DEMO_V1); // C27, C28
                }
            }
            case 3 -> {
                if (b.getState() != Bundle.UNINSTALLED) {
                    b.uninstall(); // C26: parked until it is back
                }
                demo[0] = installDemo(random.nextBoolean() ? DEMO_V2 : DEMO_V1);
            }
            case 4 -> {
                if (b.getState() == Bundle.ACTIVE) {
                    b.stop();
                    b.start();
                }
            }
            case 5 -> quietly(() -> control().stopItemSync("demo", List.of(ITEMS.get(random.nextInt(3)))));
            case 6 -> quietly(() -> control().stopHandlerSync("demo"));
            case 7 -> {
                String item = ITEMS.get(random.nextInt(3));
                quietly(() -> control().enableItem(false, "demo", item, Set.of()));
                quietly(() -> control().enableItem(true, "demo", item, Set.of()));
            }
            default -> {
                quietly(() -> control().enableHandler(false, "demo", Set.of()));
                quietly(() -> control().enableHandler(true, "demo", Set.of()));
            }
        }
    }

    /** Operator calls may be refused while the handler is away; that is part of the storm. */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (SyncRefusedException | SyncArgumentException refusedWhileAway) {
            // refused: the handler is parked or unknown for a moment
        }
    }
}
