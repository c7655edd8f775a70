package dev.synccenter.control.metrics;

import java.util.List;

/**
 * A histogram of durations in seconds, as Prometheus keeps them: for each upper bound, how many
 * were at most that long (cumulative), and the count and sum of all.
 *
 * @param upperBounds  bucket bounds in seconds, increasing; the implicit last bucket is +Inf
 * @param cumulative   for each bound, how many durations were at most it
 * @param count        how many durations in all
 * @param sum          their sum, in seconds
 */
public record Timings(List<Double> upperBounds, List<Long> cumulative, long count, double sum) {

    public Timings {
        upperBounds = List.copyOf(upperBounds);
        cumulative = List.copyOf(cumulative);
        if (upperBounds.size() != cumulative.size()) {
            throw new IllegalArgumentException("one cumulative count per bound: " + upperBounds.size() + " bounds, "
                    + cumulative.size() + " counts");
        }
    }
}
