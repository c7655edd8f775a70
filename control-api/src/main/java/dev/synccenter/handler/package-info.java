/**
 * The handler author's side of Sync Center: the {@link dev.synccenter.handler.SyncHandler}
 * service ({@code ISyncMgrHandler}), its items, and the session callback the platform hands to
 * {@code synchronize} ({@code ISyncMgrSyncCallback}).
 */
@Export
@Version("1.2.0")
package dev.synccenter.handler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
