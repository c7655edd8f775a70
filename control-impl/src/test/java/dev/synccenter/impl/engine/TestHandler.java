package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/** A handler whose metadata and synchronize body each test sets. Records every synchronize call. */
class TestHandler implements SyncHandler {

    /** The body of synchronize. */
    @FunctionalInterface
    interface Body {
        void run(List<String> itemIds, SyncCallback callback, Object context, long requestId) throws Exception;
    }

    /** One call of synchronize, as the handler saw it. */
    record Call(List<String> itemIds, Object context, long requestId, Thread thread) {
    }

    volatile String name = "Test handler";
    volatile List<SyncItem> items;
    volatile Set<HandlerCapability> capabilities = Set.of();
    volatile Set<HandlerPolicy> policies = Set.of();
    volatile Optional<Boolean> ownEnabled = Optional.empty();
    volatile Body body = (ids, cb, ctx, req) -> { };
    volatile List<dev.synccenter.control.SyncConflict> conflicts = List.of();
    volatile dev.synccenter.handler.ConflictResolver resolver;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Boolean> enableCalls = new CopyOnWriteArrayList<>();

    TestHandler(String... itemIds) {
        List<SyncItem> list = new ArrayList<>();
        for (String id : itemIds) {
            list.add(SyncItem.of(id, "Item " + id));
        }
        this.items = list;
    }

    /** An item with policies, for the policy rules (C7, C23, C29). */
    static SyncItem item(String id, dev.synccenter.control.ItemPolicy... policies) {
        Set<dev.synccenter.control.ItemPolicy> set = Set.of(policies);
        return new SyncItem() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String name() {
                return "Item " + id;
            }

            @Override
            public Set<dev.synccenter.control.ItemPolicy> policies() {
                return set;
            }
        };
    }

    TestHandler body(Body newBody) {
        this.body = newBody;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SyncItem> items() {
        return items;
    }

    @Override
    public Set<HandlerCapability> capabilities() {
        return capabilities;
    }

    @Override
    public Set<HandlerPolicy> policies() {
        return policies;
    }

    @Override
    public Optional<Boolean> isEnabled() {
        return ownEnabled;
    }

    @Override
    public void enable(boolean enable) {
        enableCalls.add(enable);
    }

    @Override
    public dev.synccenter.handler.ConflictResolver conflictResolver() {
        return resolver;
    }

    @Override
    public List<dev.synccenter.control.SyncConflict> conflicts() {
        return conflicts;
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId)
            throws Exception {
        calls.add(new Call(itemIds, context, requestId, Thread.currentThread()));
        body.run(itemIds, callback, context, requestId);
    }
}
