/**
 * The caller's side of Sync Center: the {@link dev.synccenter.control.SyncControl} service
 * ({@code ISyncMgrControl}), its flags, results, snapshots for consoles, events and listeners.
 * Value types and enumerations that both callers and handlers use live here too.
 */
@Export
@Version("1.4.0")
package dev.synccenter.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
