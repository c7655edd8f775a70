package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.PendingItems;
import dev.synccenter.handler.SyncCallback;

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

    enum Behaviour { SUCCEED, FAIL, THROW, HANG_UNTIL_CANCELLED, IGNORE_CANCEL, ILLEGAL, ABSORB, REENTER }

    // C17, C18
    @Test
    void c17_c18_everyAcceptedRequestGetsExactlyOneConsistentResultUnderAStorm() throws Exception {
        long firstSeed = Long.getLong("interleaving.seed", System.nanoTime());
        int runs = Integer.getInteger("interleaving.runs", 6);
        int ops = Integer.getInteger("interleaving.ops", 400);
        long totalOps = 0;
        long totalRequests = 0;
        for (int run = 0; run < runs; run++) {
            long seed = firstSeed + run;
            try {
                Storm storm = new Storm(seed, ops);
                storm.run();
                totalOps += storm.operations.get();
                totalRequests += storm.accepted.size();
            } catch (Throwable t) {
                throw new AssertionError("Interleaving run failed; replay with -Dinterleaving.seed=" + seed
                        + " -Dinterleaving.runs=1 -Dinterleaving.ops=" + ops, t);
            }
        }
        System.out.printf("Interleaving: %d runs from seed %d, %d operations, %d accepted requests, 0 violations%n",
                runs, firstSeed, totalOps, totalRequests);
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
        final Map<String, List<HandlerRef>> services = new ConcurrentHashMap<>();
        final AtomicLong serviceIds = new AtomicLong();
        final AtomicInteger operations = new AtomicInteger();

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
                    .withCallTimeout(Duration.ofMillis(500)), store);
            for (String h : HANDLERS) {
                services.put(h, new CopyOnWriteArrayList<>());
            }
        }

        void run() throws Exception {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            Random setup = new Random(seed);
            for (String h : HANDLERS) {
                register(h, setup);
            }
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
            // Let every handler ID be served by a well-behaved service, so parked work can finish.
            for (String h : HANDLERS) {
                engine.enableHandler(true, h, Set.of());
                engine.activateHandler(true, h, Set.of());
                for (String i : ITEMS) {
                    engine.enableItem(true, h, i, Set.of());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.requests().isEmpty() || engine.liveSessions() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("requests left unfinished: " + engine.requests() + "\n" + dump());
                }
                Thread.onSpinWait();
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
                try {
                    switch (random.nextInt(16)) {
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
                        default -> engine.updateHandler(h, waitFlag(random));
                    }
                } catch (SyncArgumentException | SyncRefusedException expected) {
                    // Refusals are part of the storm: unknown while parked too long, disabled, inactive.
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }
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
            Behaviour behaviour = Behaviour.values()[random.nextInt(Behaviour.values().length)];
            TestHandler handler = new TestHandler(ITEMS);
            handler.body(body(h, behaviour, new Random(random.nextLong())));
            if (random.nextInt(4) == 0) {
                handler.capabilities = Set.of(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS);
            }
            HandlerRef ref = new HandlerRef(serviceIds.incrementAndGet(), random.nextInt(3), h, "storm " + behaviour,
                    handler);
            services.get(h).add(ref);
            engine.handlerAdded(ref);
        }

        void unregister(String h, Random random) {
            List<HandlerRef> list = services.get(h);
            if (list.isEmpty()) {
                return;
            }
            HandlerRef ref;
            synchronized (list) {
                if (list.isEmpty()) {
                    return;
                }
                ref = list.remove(random.nextInt(list.size()));
            }
            engine.handlerRemoved(ref);
        }

        void rerank(String h, Random random) {
            List<HandlerRef> list = services.get(h);
            synchronized (list) {
                if (list.isEmpty()) {
                    return;
                }
                int index = random.nextInt(list.size());
                HandlerRef old = list.get(index);
                HandlerRef changed = new HandlerRef(old.serviceId(), random.nextInt(5), h, old.bundle(), old.handler());
                list.set(index, changed);
                engine.handlerModified(changed);
            }
        }

        TestHandler.Body body(String h, Behaviour behaviour, Random random) {
            return (ids, cb, ctx, req) -> {
                switch (behaviour) {
                    case SUCCEED -> eachItem(ids, cb, ProgressStatus.SUCCEEDED);
                    case FAIL -> {
                        cb.reportEvent(ids.get(0), EventLevel.ERROR, "fail", "storm");
                        eachItem(ids, cb, ProgressStatus.FAILED);
                    }
                    case THROW -> throw new IllegalStateException("storm handler throws");
                    case HANG_UNTIL_CANCELLED -> {
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                        while (cb.canContinue() && System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                    }
                    case IGNORE_CANCEL -> {
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(150));
                        while (System.nanoTime() < end) {
                            if (Thread.currentThread().isInterrupted()) {
                                throw new InterruptedException();
                            }
                            Thread.onSpinWait();
                        }
                    }
                    case ILLEGAL -> {
                        String first = ids.get(0);
                        cb.reportProgress(first, "", ProgressStatus.SUCCEEDED, 0, 0);
                        cb.reportProgress(first, "", ProgressStatus.UPDATING, 1, 2); // throws, item FAILED
                    }
                    case ABSORB -> {
                        PendingItems pending = cb.queryForAdditionalItems();
                        for (String more : pending.itemIds()) {
                            try {
                                cb.addItemToSession(more);
                            } catch (IllegalArgumentException refused) {
                                // already in the session, or disabled meanwhile
                            }
                        }
                        eachItem(ids, cb, ProgressStatus.SUCCEEDED);
                    }
                    case REENTER -> {
                        try {
                            accept(engine.startItemSync(h, List.of(ids.get(0)), null,
                                    Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), this::onResult));
                        } catch (SyncRefusedException | SyncArgumentException refused) {
                            // disabled or stopping meanwhile
                        }
                    }
                }
            };
        }

        static void eachItem(List<String> ids, SyncCallback cb, ProgressStatus status) {
            for (String id : ids) {
                if (!cb.canContinue(id)) {
                    cb.reportProgress(id, "", ProgressStatus.CANCELED, 0, 0);
                    continue;
                }
                cb.reportProgress(id, "step", ProgressStatus.UPDATING, 1, 2);
                cb.reportProgress(id, "", status, 2, 2);
            }
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
                assertThat((long) result.errorCount()).as("errors of request %d cover its failed items (C18)", r.id())
                        .isGreaterThanOrEqualTo(failed);
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
