/**
 * Unit tests for sync handlers without a framework: {@link dev.synccenter.handler.testing.HandlerHarness}
 * runs a {@link dev.synccenter.handler.SyncHandler} the way the platform does and
 * {@link dev.synccenter.handler.testing.SyncRun} tells what became of each item and which contract
 * rules the handler broke.
 */
@Export
@Version("1.0.0")
package dev.synccenter.handler.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
