package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

/**
 * A seeded random storm against the engine (C17, C18): actors start, stop, enable, disable,
 * register, replace and unregister handlers whose behaviour is drawn at random (succeed, fail,
 * throw, hang until cancelled, ignore cancel, report illegal transitions, absorb queued items, call
 * the control service from synchronize). Afterwards every accepted request must have exactly one
 * result consistent with its items, nothing may be left queued or running, and no engine thread may
 * be left behind.
 *
 * <p>The seed fixes each actor's sequence of operations and the handlers' behaviours; thread
 * interleaving is the machine's. A failure prints the seed: run again with
 * {@code -Dinterleaving.seed=<seed>}. {@code -Dinterleaving.runs=N} and {@code -Dinterleaving.ops=N}
 * make the long version (see docs/RELIABILITY.md).
 */
class InterleavingTest {

    static final String[] HANDLERS = { "h0", "h1", "h2", "h3" };
    static final String[] ITEMS = { "a", "b", "c", "d", "e" };
    /** Operations that name no handler ID of their own: start or stop all, move the clock, a backoff's. */
    static final Set<Integer> NAMES_NO_HANDLER = Set.of(5, 8, 16, 19);
    /**
     * The refusals the storm causes itself (C7): it disables and deactivates handlers (C29, C30), and
     * a call that needs a service finds none while an ID is parked (C26). Nothing else may refuse.
     */
    static final Set<SyncRefusedException.Reason> REFUSALS = Set.of(SyncRefusedException.Reason.HANDLER_DISABLED,
            SyncRefusedException.Reason.HANDLER_INACTIVE, SyncRefusedException.Reason.HANDLER_UNAVAILABLE);

    // C17, C18
    @Test
    void c17_c18_everyAcceptedRequestGetsExactlyOneConsistentResultUnderAStorm() throws Exception {
        long firstSeed = Long.getLong("interleaving.seed", System.nanoTime());
        int runs = Integer.getInteger("interleaving.runs", 6);
        int ops = Integer.getInteger("interleaving.ops", 400);
        long totalOps = 0;
        long totalRequests = 0;
        long scheduled = 0;
        long retried = 0;
        for (int run = 0; run < runs; run++) {
            long seed = firstSeed + run;
            try {
                Storm storm = new Storm(seed, ops);
                storm.run();
                totalOps += storm.operations.get();
                totalRequests += storm.accepted.size();
                scheduled += storm.scheduledRuns.get();
                retried += storm.retried.get();
            } catch (Throwable t) {
                throw new AssertionError("Interleaving run failed; replay with -Dinterleaving.seed=" + seed
                        + " -Dinterleaving.runs=1 -Dinterleaving.ops=" + ops, t);
            }
        }
        System.out.printf("Interleaving: %d runs from seed %d, %d operations, %d accepted requests (%d with an item "
                + "tried more than once), %d scheduled runs started or coalesced, 0 violations%n", runs, firstSeed,
                totalOps, totalRequests, retried, scheduled);
    }

    // C24, C26: the storm's end found 'h1' forgotten when its last service had left more than the park
    // timeout (real time) before, under load; an ID the storm left without a service gets one first.
    @Test
    void c24_c26_anIdWhoseParkExpiredBeforeTheStormEndsIsRegisteredAgainAndItsCallsSucceed() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Storm storm = new Storm(20261202, 0);
        storm.registerEach();
        storm.services.removeOne("h1", 0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> storm.engine.handlers().stream().noneMatch(x -> x.id().equals("h1")));
        assertThatThrownBy(() -> storm.engine.enableHandler(true, "h1", Set.of()))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("no handler 'h1'");
        storm.finish(before);
        assertThat(storm.services.hasService("h1")).isTrue();
    }

    /** One run: a fresh engine, four actors, then the invariant checks. */
    static final class Storm {
        final long seed;
        final int opsPerActor;
        final SyncEngine engine;
        final java.nio.file.Path storeDir;
        final dev.synccenter.impl.store.sql.SqlStore store;
        final List<SyncRequest> accepted = new CopyOnWriteArrayList<>();
        final Map<Long, AtomicInteger> listenerCalls = new ConcurrentHashMap<>();
        final Map<Long, SyncResult> listenerResults = new ConcurrentHashMap<>();
        final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        final Set<Long> withoutListener = ConcurrentHashMap.newKeySet();
        /** The services the storm registered, and so which calls may find a handler ID unknown (C24, C26). */
        final StormServices services;
        final AtomicLong serviceIds = new AtomicLong();
        final AtomicInteger operations = new AtomicInteger();
        /** The engine's clock: actors move it, so backoffs end and schedules fall due (C43, C44). */
        final TestClock clock = new TestClock(java.time.Instant.parse("2026-12-05T08:00:00Z"));
        /** Every request the engine told listeners about, schedules' runs included, and its results. */
        final Map<Long, AtomicInteger> finishedNotices = new ConcurrentHashMap<>();
        final Set<Long> acceptedNotices = ConcurrentHashMap.newKeySet();
        static final int MAX_ATTEMPTS = 3;
        /** For the summary: runs schedules started or coalesced, and requests with an item tried more than once. */
        final AtomicLong scheduledRuns = new AtomicLong();
        final AtomicLong retried = new AtomicLong();

        Storm(long seed, int opsPerActor) {
            this.seed = seed;
            this.opsPerActor = opsPerActor;
            try {
                this.storeDir = java.nio.file.Files.createTempDirectory("storm-store");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            this.store = TestStores.sqlite(storeDir);
            this.engine = new SyncEngine(EngineSettings.defaults().withPoolSize(3).withConcurrentSessions(2)
                    .withCancelGrace(Duration.ofMillis(100)).withParkTimeout(Duration.ofMillis(150))
                    .withCallTimeout(Duration.ofMillis(500))
                    .withRetry(RetrySettings.DEFAULTS.withMaxAttempts(MAX_ATTEMPTS)), store, clock);
            engine.listenerAdded(new dev.synccenter.control.SyncListener() {
                @Override
                public void requestAccepted(dev.synccenter.control.RequestSnapshot request) {
                    acceptedNotices.add(request.id());
                }

                @Override
                public void requestFinished(SyncResult result) {
                    finishedNotices.computeIfAbsent(result.requestId(), k -> new AtomicInteger()).incrementAndGet();
                }
            });
            this.services = new StormServices(engine, HANDLERS);
        }

        void run() throws Exception {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            registerEach();
            List<Thread> actors = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                long actorSeed = seed * 31 + a;
                Thread t = new Thread(() -> act(new Random(actorSeed)), "storm-actor-" + a);
                actors.add(t);
                t.start();
            }
            for (Thread t : actors) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                if (t.isAlive()) {
                    throw new AssertionError("actor did not finish: " + dump());
                }
            }
            finish(before);
        }

        void registerEach() {
            Random setup = new Random(seed);
            for (String h : HANDLERS) {
                register(h, setup);
            }
        }

        /** After the actors: every handler ID syncs again, everything open finishes, then the checks. */
        void finish(Set<Thread> before) throws Exception {
            // An ID the storm left without a service is parked or, once its park timeout expired (150 ms of
            // real time, not of the storm's clock), forgotten (C26): give it a well-behaved service, so that
            // it is registered (C24) and the calls below must succeed, and what is parked runs on it.
            for (String h : HANDLERS) {
                if (!services.hasService(h)) {
                    TestHandler handler = new TestHandler(ITEMS);
                    handler.body(StormBehaviour.SUCCEED.body(engine, h, new Random(seed), clock, this::reentered));
                    services.add(new HandlerRef(serviceIds.incrementAndGet(), 0, h, "storm SUCCEED", handler));
                }
                engine.enableHandler(true, h, Set.of());
                engine.activateHandler(true, h, Set.of());
                for (String i : ITEMS) {
                    engine.enableItem(true, h, i, Set.of());
                }
            }
            // No schedule starts more; backoffs end as the clock runs on, until each request had its last attempt.
            engine.schedules().forEach(x -> {
                scheduledRuns.addAndGet(x.runs() + x.coalesced());
                engine.removeSchedule(x.spec().id());
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.requests().isEmpty() || engine.liveSessions() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("requests left unfinished: " + engine.requests() + "\n" + dump());
                }
                clock.advance(Duration.ofMinutes(10));
                engine.clockMoved();
                Thread.onSpinWait();
                Thread.yield();
            }
            while (!finishedNotices.keySet().containsAll(acceptedNotices)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("results not told to listeners: " + acceptedNotices);
                }
                Thread.yield();
            }
            engine.close();
            store.close();
            check();
            deleteStore();
            waitForThreadsToEnd(before);
        }

        void act(Random random) {
            for (int i = 0; i < opsPerActor; i++) {
                operations.incrementAndGet();
                String h = HANDLERS[random.nextInt(HANDLERS.length)];
                int op = random.nextInt(20);
                StormServices.Mark mark = services.mark(h);
                try {
                    switch (op) {
                        case 0, 1, 2, 3 -> startItems(h, random);
                        case 4 -> accept(engine.startHandlerSync(h, null, flags(random), this::onResult));
                        case 5 -> {
                            List<SyncRequest> all = engine.startSyncAll(); // no listener: Sync Center's StartSyncAll
                            all.forEach(r -> withoutListener.add(r.id()));
                            accepted.addAll(all);
                        }
                        case 6 -> engine.stopItemSync(h, List.of(ITEMS[random.nextInt(ITEMS.length)]));
                        case 7 -> engine.stopHandlerSync(h);
                        case 8 -> {
                            if (random.nextInt(4) == 0) {
                                engine.stopSyncAll();
                            }
                        }
                        case 9 -> engine.enableHandler(random.nextInt(3) > 0, h, waitFlag(random));
                        case 10 -> engine.enableItem(random.nextInt(3) > 0, h, ITEMS[random.nextInt(ITEMS.length)],
                                waitFlag(random));
                        case 11 -> engine.activateHandler(random.nextInt(3) > 0, h, waitFlag(random));
                        case 12 -> register(h, random);
                        case 13 -> unregister(h, random);
                        case 14 -> rerank(h, random);
                        case 15 -> engine.updateHandler(h, waitFlag(random));
                        case 16 -> {
                            clock.advance(Duration.ofSeconds(random.nextInt(120)));
                            engine.clockMoved();
                        }
                        case 17 -> engine.putSchedule(random.nextBoolean()
                                ? dev.synccenter.control.ScheduleSpec.every("s-" + h + random.nextInt(2), h,
                                        random.nextBoolean() ? List.of() : List.of(ITEMS[random.nextInt(ITEMS.length)]),
                                        Duration.ofSeconds(30 + random.nextInt(150)))
                                : dev.synccenter.control.ScheduleSpec.cron("c-" + h, h, List.of(), "0 * * * * ?", null));
                        case 18 -> engine.removeSchedule("s-" + h + random.nextInt(2));
                        default -> operateOnABackoff(random);
                    }
                } catch (SyncArgumentException e) {
                    // C7, C26: an ID is unknown only once its last service left and its park timeout expired.
                    if (!e.argument().equals("handlerId") || NAMES_NO_HANDLER.contains(op)
                            || !services.mayBeForgottenSince(mark)) {
                        unexpected.add(e);
                    }
                } catch (SyncRefusedException e) {
                    if (!REFUSALS.contains(e.reason())) {
                        unexpected.add(e);
                    }
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }
        }

        /** An operator's "retry now" or "give up" on an item in backoff, which may end meanwhile (C43). */
        void operateOnABackoff(Random random) {
            int pick = random.nextInt();
            boolean giveUp = random.nextInt(3) == 0;
            List<dev.synccenter.control.BackoffSnapshot> all = engine.backoffs();
            if (all.isEmpty()) {
                return;
            }
            dev.synccenter.control.BackoffSnapshot b = all.get(Math.floorMod(pick, all.size()));
            StormServices.Mark mark = services.mark(b.handlerId());
            try {
                if (giveUp) {
                    engine.giveUp(b.handlerId(), b.itemId());
                } else {
                    engine.retryNow(b.handlerId(), b.itemId());
                }
            } catch (SyncArgumentException e) {
                boolean ended = e.argument().equals("itemId");
                boolean forgotten = e.argument().equals("handlerId") && services.mayBeForgottenSince(mark);
                if (!ended && !forgotten) {
                    throw new AssertionError("retry now or give up on " + b, e);
                }
            }
        }

        void reentered(SyncRequest request) {
            withoutListener.add(request.id());
            accepted.add(request);
        }

        void startItems(String h, Random random) {
            List<String> items = new ArrayList<>();
            for (String i : ITEMS) {
                if (random.nextInt(3) == 0) {
                    items.add(i);
                }
            }
            if (items.isEmpty()) {
                items.add(ITEMS[random.nextInt(ITEMS.length)]);
            }
            accept(engine.startItemSync(h, items, null, flags(random), this::onResult));
        }

        void accept(SyncRequest request) {
            accepted.add(request);
        }

        void onResult(SyncResult result) {
            listenerCalls.computeIfAbsent(result.requestId(), k -> new AtomicInteger()).incrementAndGet();
            listenerResults.put(result.requestId(), result);
        }

        static Set<SyncControlFlag> flags(Random random) {
            return random.nextBoolean() ? Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING) : Set.of();
        }

        static Set<ControlFlag> waitFlag(Random random) {
            return random.nextBoolean() ? Set.of(ControlFlag.WAIT) : Set.of();
        }

        void register(String h, Random random) {
            StormBehaviour behaviour = StormBehaviour.values()[random.nextInt(StormBehaviour.values().length)];
            TestHandler handler = new TestHandler(ITEMS);
            handler.body(behaviour.body(engine, h, new Random(random.nextLong()), clock, this::reentered));
            if (random.nextInt(4) == 0) {
                handler.capabilities = Set.of(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS);
            }
            services.add(new HandlerRef(serviceIds.incrementAndGet(), random.nextInt(3), h, "storm " + behaviour,
                    handler));
        }

        // Draws the same numbers whatever the services are, so that the seed fixes each actor's operations.
        void unregister(String h, Random random) {
            services.removeOne(h, random.nextInt());
        }

        void rerank(String h, Random random) {
            int pick = random.nextInt();
            services.rerank(h, pick, random.nextInt(5));
        }

        private void deleteStore() {
            try (var files = java.nio.file.Files.list(storeDir)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
                java.nio.file.Files.delete(storeDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void check() {
            assertThat(unexpected).as("exceptions other than refusals (seed %d)", seed).isEmpty();
            for (SyncRequest r : accepted) {
                assertThat(r.result().toCompletableFuture().isDone()).as("request %d has a result", r.id()).isTrue();
                SyncResult result = r.result().toCompletableFuture().join();
                AtomicInteger calls = listenerCalls.get(r.id());
                if (withoutListener.contains(r.id())) {
                    assertThat(calls).as("listener calls of request %d, which has none", r.id()).isNull();
                } else {
                    // close() returned, so every delivery has run (C35).
                    assertThat(calls).as("listener of request %d was called (C17)", r.id()).isNotNull();
                    assertThat(calls.get()).as("listener calls of request %d (C17)", r.id()).isEqualTo(1);
                    assertThat(listenerResults.get(r.id())).isEqualTo(result);
                }
                assertThat(result.items().values()).as("items of request %d are final", r.id())
                        .allMatch(ProgressStatus::isFinal);
                if (!result.items().isEmpty()) {
                    assertThat(result.status()).as("aggregate of request %d (C18)", r.id())
                            .isEqualTo(SyncResult.aggregate(result.items().values()));
                }
                long failed = result.items().values().stream().filter(s -> s == ProgressStatus.FAILED).count();
                assertThat((long) result.errorCount()).as("errors of request %d cover its failed items (C18): %s", r.id(),
                        result)
                        .isGreaterThanOrEqualTo(failed);
            }
            // C17 for every request, schedules' runs included: one result, told once every item is final,
            // so never while an item waits for a retry (C43). Attempts beyond MAX_ATTEMPTS are possible: a
            // session whose service went away runs its items again (C27) whatever their count.
            finishedNotices.forEach((id, n) -> assertThat(n.get()).as("results told of request %d", id).isEqualTo(1));
            for (SyncRequest r : accepted) {
                SyncResult result = r.result().toCompletableFuture().join();
                if (result.attempts().values().stream().anyMatch(n -> n > 1)) {
                    retried.incrementAndGet();
                }
                result.items().forEach((item, status) -> assertThat(status != ProgressStatus.SUCCEEDED
                        || result.attemptsOf(item) >= 1).as("a succeeded item of request %d ran", r.id()).isTrue());
            }
            // No listener call for a request that was never accepted.
            Set<Long> acceptedIds = new java.util.HashSet<>();
            accepted.forEach(r -> acceptedIds.add(r.id()));
            assertThat(acceptedIds).containsAll(listenerCalls.keySet());
            assertThat(engine.requests()).isEmpty();
            assertThat(engine.liveSessions()).isZero();
        }

        static void waitForThreadsToEnd(Set<Thread> before) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                List<Thread> left = new ArrayList<>();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (!before.contains(t) && t.isAlive() && t.getName().startsWith("sync-")) {
                        left.add(t);
                    }
                }
                if (left.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("engine threads left behind: " + left + "\n" + dump());
                }
                Thread.yield();
            }
        }

        static String dump() {
            StringBuilder out = new StringBuilder("Thread dump:\n");
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                out.append(info);
            }
            return out.toString();
        }
    }
}
