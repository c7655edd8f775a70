package dev.synccenter.control.metrics;

/** The platform's counters and gauges; registered beside the control service. */
public interface SyncMetrics {

    /** The counters and gauges as they are now, taken together. */
    MetricsSnapshot snapshot();
}
