package dev.synccenter.impl.metrics;

import java.util.Map;

/**
 * The platform's metrics over JMX, under {@value SyncCenterMBean#NAME}. Each attribute reads a
 * fresh snapshot. Maps are keyed by handler ID, or by {@code handler/STATUS} for results.
 */
public interface SyncCenterMXBean {

    long getOpenRequests();

    long getAbandonedSessions();

    long getDeliveryBacklog();

    boolean isStoreFailing();

    int getSessionThreads();

    /** Items in backoff after transient failures (C43). */
    long getItemsInBackoff();

    /** Items of requests waiting for their next attempt (C43). */
    long getWaitingRetries();

    /** Schedules that run (C44). */
    int getSchedules();

    long getStoreCommits();

    double getStoreCommitSecondsSum();

    Map<String, Long> getQueuedByHandler();

    Map<String, Long> getRunningByHandler();

    Map<String, Long> getResultsByHandlerAndStatus();
}
