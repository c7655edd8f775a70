/**
 * What the platform counts, for dashboards and alerts: the {@link
 * dev.synccenter.control.metrics.SyncMetrics} service answers a consistent snapshot, which the
 * platform also offers as a JMX MXBean and in Prometheus' text format.
 */
@Export
@Version("1.1.0")
package dev.synccenter.control.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
