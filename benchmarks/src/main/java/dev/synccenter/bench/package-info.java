/**
 * Benchmarks of the sync engine: JMH throughput benchmarks ({@code *Benchmark}) and stand-alone
 * measurement harnesses ({@code *Harness}, each with a {@code main}) for what JMH does not fit:
 * paced latency, hot-swap pauses, heap per queued request, bundle updates in Felix and start-up.
 * {@code run.sh} runs them all; {@code Summary} turns their output into one table. Durable dispatch
 * ({@code DurableDispatchHarness}: db-scheduler and Quartz's JDBC job store on PostgreSQL, against
 * the disk's fsync rate from {@code FsyncProbe}) needs a PostgreSQL and runs from {@code durable.sh}.
 */
package dev.synccenter.bench;
