package dev.synccenter.impl.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {

    final ExecutorService pool = Executors.newCachedThreadPool();
    final DeliveryQueue queue = new DeliveryQueue(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    // C17
    @Test
    void c17_callbacksRunInOrderAndABurstNeedsOneThread() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch allQueued = new CountDownLatch(1);
        queue.submit(() -> {
            try {
                allQueued.await(10, TimeUnit.SECONDS); // so that the 10,000 below are one burst
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            queue.submit(() -> {
                order.add(n);
                threads.add(Thread.currentThread());
            });
        }
        allQueued.countDown();
        assertThat(queue.close(TimeUnit.SECONDS.toNanos(10))).isTrue();
        assertThat(order).hasSize(10_000).isSorted();
        assertThat(threads).as("threads used for a burst of 10,000 callbacks").hasSize(1);
    }

    // C19
    @Test
    void c19_aBlockedCallbackIsLeftOnItsOwnAndTheOthersGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch after = new CountDownLatch(100);
        try {
            queue.submit(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 100; i++) {
                queue.submit(after::countDown);
            }
            queue.submit(() -> {
                throw new IllegalStateException("a callback that throws is contained");
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (after.getCount() > 0 && System.nanoTime() < deadline) {
                queue.detachStuck(TimeUnit.MILLISECONDS.toNanos(20)); // what the engine's timer does
                after.await(10, TimeUnit.MILLISECONDS);
            }
            assertThat(after.getCount()).as("callbacks behind the blocked one that have not run").isZero();
            assertThat(queue.close(TimeUnit.SECONDS.toNanos(10))).isTrue();
        } finally {
            release.countDown();
        }
    }
}
