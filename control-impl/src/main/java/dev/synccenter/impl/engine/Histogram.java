package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import dev.synccenter.control.metrics.Timings;

/**
 * Durations counted into fixed buckets, from a millisecond to half an hour, as Prometheus
 * histograms are. Safe from any thread without a lock: adders, so that the store's acknowledgement
 * thread never waits for a scrape.
 */
final class Histogram {

    static final double[] BOUNDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void add(long nanos) {
        double seconds = Math.max(0, nanos) / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    /** Cumulative per bound, as {@link Timings} has them. */
    Timings timings() {
        List<Double> bounds = new ArrayList<>(BOUNDS.length);
        List<Long> cumulative = new ArrayList<>(BOUNDS.length);
        long running = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            running += buckets[i].sum();
            bounds.add(BOUNDS[i]);
            cumulative.add(running);
        }
        return new Timings(bounds, cumulative, Math.max(running, count.sum()), sum.sum());
    }
}
