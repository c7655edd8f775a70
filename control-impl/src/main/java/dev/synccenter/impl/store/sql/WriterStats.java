package dev.synccenter.impl.store.sql;

/**
 * What the group-commit writer did since the store opened.
 *
 * @param commits transactions committed
 * @param changes writes committed in them (changes, ID reservations, prunes)
 * @param failedCommits transactions that failed because the database did (not refusals)
 * @param largestBatch the most writes one transaction committed
 */
public record WriterStats(long commits, long changes, long failedCommits, int largestBatch) {
}
