package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.control.ResolutionOutcome.Result;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.handler.ConflictResolver;
import dev.synccenter.handler.ResolutionFeedback;
import dev.synccenter.impl.guard.Guard;
import dev.synccenter.impl.validate.Args;

/**
 * Resolving conflicts (C46, C47): the conflicts and the choice are checked against what the
 * handler's store listed, then the handler's {@link ConflictResolver} runs for each, on a platform
 * thread under the call deadline, as Sync Center's resolution UI would call it, following its
 * feedback; then the store is read again, so a conflict stays listed until the handler's store no
 * longer reports it. A resolution that fails leaves its conflict listed, with an error event.
 *
 * <p>Lock rule: takes the engine lock for each step; never holds it while the handler runs.
 */
final class ConflictResolutions {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictResolutions.class);

    /** A conflict to resolve, and whether "apply to all" brought it in (REFRESH ends those). */
    private record Target(SyncConflict conflict, boolean byApplyToAll) {
    }

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final HandlerCalls calls;
    private final MetadataLoader metadata;
    private final Reporter reporter;

    ConflictResolutions(EngineLock lock, HandlerRegistry registry, Policies policies, HandlerCalls calls,
            MetadataLoader metadata, Reporter reporter) {
        this.lock = lock;
        this.registry = registry;
        this.policies = policies;
        this.calls = calls;
        this.metadata = metadata;
        this.reporter = reporter;
    }

    List<ResolutionOutcome> resolve(String handlerId, List<String> conflictIds, ConflictChoice choice,
            boolean applyToAll) {
        Args.id("handlerId", handlerId);
        checkIds(conflictIds);
        checkChoice(choice);
        HandlerRef[] ref = new HandlerRef[1];
        HandlerSlot[] slotOut = new HandlerSlot[1];
        List<Target> targets = lock.call(() -> {
            policies.refuseIfStopping();
            HandlerSlot slot = registry.served(handlerId);
            slotOut[0] = slot;
            ref[0] = slot.serving;
            return targets(slot, conflictIds, choice, applyToAll);
        });
        Guard.Outcome<ConflictResolver> got = calls.call(handlerId + " conflict resolver",
                () -> ref[0].handler().conflictResolver());
        if (!got.ok() || got.value() == null) {
            throw new SyncRefusedException(Reason.POLICY, "handler '" + handlerId + "' resolves no conflicts"
                    + (got.ok() ? " (its conflictResolver() is null)" : ": getting its resolver " + got.problem())
                    + " (C46)");
        }
        List<ResolutionOutcome> outcomes = run(handlerId, got.value(), targets, choice);
        metadata.updateConflicts(slotOut[0], Set.of(ControlFlag.WAIT)); // C47: the store says what is left
        return outcomes;
    }

    private List<ResolutionOutcome> run(String handlerId, ConflictResolver resolver, List<Target> targets,
            ConflictChoice choice) {
        List<ResolutionOutcome> outcomes = new ArrayList<>(targets.size());
        boolean cancelled = false;
        boolean refreshed = false;
        for (Target t : targets) {
            SyncConflict c = t.conflict();
            if (cancelled || refreshed && t.byApplyToAll()) {
                outcomes.add(new ResolutionOutcome(c.id(), Result.SKIPPED, cancelled
                        ? "an earlier resolution answered CANCEL" : "an earlier resolution answered REFRESH, which"
                                + " ends apply to all"));
                continue;
            }
            if (!c.abilities().contains(choice.ability())) { // only conflicts that "apply to all" brought in
                outcomes.add(new ResolutionOutcome(c.id(), Result.SKIPPED, "it does not offer " + choice.ability()));
                continue;
            }
            Guard.Outcome<ResolutionFeedback> done = calls.call(handlerId + " resolution of conflict " + c.id(),
                    () -> call(resolver, c, choice));
            if (done.ok()) {
                outcomes.add(new ResolutionOutcome(c.id(), Result.RESOLVED, ""));
                ResolutionFeedback feedback = done.value() == null ? ResolutionFeedback.CONTINUE : done.value();
                cancelled = feedback == ResolutionFeedback.CANCEL;
                refreshed |= feedback == ResolutionFeedback.REFRESH;
            } else {
                String why = "resolving it with " + choice.kind() + " " + done.problem();
                LOG.warn("Handler {}: conflict {} not resolved: {} (C47)", handlerId, c.id(), why);
                lock.run(() -> reporter.event(handlerId, c.itemId(), EventLevel.ERROR, "Conflict not resolved",
                        "Conflict '" + c.id() + "': " + why + "; it stays listed (C47).", 0, 0));
                outcomes.add(new ResolutionOutcome(c.id(), Result.FAILED, why));
            }
        }
        return outcomes;
    }

    private static ResolutionFeedback call(ConflictResolver resolver, SyncConflict c, ConflictChoice choice)
            throws Exception {
        return switch (choice.kind()) {
            case KEEP_RECENT -> resolver.keepRecent(c);
            case KEEP_ITEMS -> resolver.keepItems(c, choice.kept());
            case KEEP_OTHER -> resolver.keepOther(c, choice.other());
            case REMOVE_FROM_SYNC_SET -> resolver.removeFromSyncSet(c);
        };
    }

    /** The listed conflicts named, each offering the choice, then (apply to all) the others of the first's type. */
    private static List<Target> targets(HandlerSlot slot, List<String> ids, ConflictChoice choice, boolean applyToAll) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            SyncConflict c = listed(slot, ids.get(i));
            String argument = "conflictIds[" + i + "]";
            if (c == null) {
                throw new SyncArgumentException(argument, "handler '" + slot.id + "' lists no conflict '" + ids.get(i)
                        + "' now (C47: a conflict exists while its handler's store reports it)");
            }
            if (!c.abilities().contains(choice.ability())) {
                throw new SyncArgumentException(argument, "conflict '" + c.id() + "' offers " + c.abilities() + ", not "
                        + choice.ability() + " (C46)");
            }
            for (ConflictChoice.Kept k : choice.kept()) {
                if (k.index() < 0 || k.index() >= c.versions().size()) {
                    throw new SyncArgumentException("choice.kept", "conflict '" + c.id() + "' has "
                            + c.versions().size() + " versions; there is no version " + k.index());
                }
            }
            targets.add(new Target(c, false));
        }
        if (applyToAll) {
            String type = targets.get(0).conflict().type();
            Set<String> named = new HashSet<>(ids);
            for (SyncConflict c : slot.conflicts) {
                if (!named.contains(c.id()) && c.type().equals(type) && versionsFit(c, choice)) {
                    targets.add(new Target(c, true));
                }
            }
        }
        return targets;
    }

    private static boolean versionsFit(SyncConflict c, ConflictChoice choice) {
        return choice.kept().stream().allMatch(k -> k.index() < c.versions().size());
    }

    private static SyncConflict listed(HandlerSlot slot, String id) {
        for (SyncConflict c : slot.conflicts) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static void checkIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new SyncArgumentException("conflictIds", "name at least one conflict");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isEmpty()) {
                throw new SyncArgumentException("conflictIds[" + i + "]", "must not be empty");
            }
            if (!seen.add(id)) {
                throw new SyncArgumentException("conflictIds[" + i + "]", "names conflict '" + id + "' twice");
            }
        }
    }

    private static void checkChoice(ConflictChoice choice) {
        if (choice == null) {
            throw new SyncArgumentException("choice", "must not be null");
        }
        switch (choice.kind()) {
            case KEEP_ITEMS -> {
                if (choice.kept().isEmpty()) {
                    throw new SyncArgumentException("choice.kept", "name at least one version to keep");
                }
                Set<Integer> indexes = new HashSet<>();
                for (ConflictChoice.Kept k : choice.kept()) {
                    if (!indexes.add(k.index())) {
                        throw new SyncArgumentException("choice.kept", "names version " + k.index() + " twice");
                    }
                }
            }
            case KEEP_OTHER -> {
                if (choice.other() == null || choice.other().isBlank()) {
                    throw new SyncArgumentException("choice.other", "say where the version to keep is");
                }
            }
            default -> {
                // KEEP_RECENT and REMOVE_FROM_SYNC_SET take nothing more
            }
        }
    }
}
