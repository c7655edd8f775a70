/**
 * The audit trail (C51): every state-changing call from a remote surface is recorded, with who
 * made it, when, from where and what, in the platform's store, before it takes effect.
 */
@Export
@Version("1.0.0")
package dev.synccenter.control.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
