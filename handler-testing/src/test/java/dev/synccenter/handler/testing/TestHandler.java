package dev.synccenter.handler.testing;

import java.util.List;

import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/** A handler for the harness's own tests: named "Test", with the given items and body of synchronize. */
class TestHandler implements SyncHandler {

    /** The body of synchronize. */
    interface Body {
        void run(List<String> itemIds, SyncCallback callback) throws Exception;
    }

    private final List<SyncItem> items;
    private final Body body;

    TestHandler(Body body, SyncItem... items) {
        this.items = List.of(items);
        this.body = body;
    }

    static TestHandler withItems(Body body, String... itemIds) {
        return new TestHandler(body, java.util.Arrays.stream(itemIds).map(id -> SyncItem.of(id, id.toUpperCase()))
                .toArray(SyncItem[]::new));
    }

    @Override
    public String name() {
        return "Test";
    }

    @Override
    public List<SyncItem> items() {
        return items;
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId)
            throws Exception {
        body.run(itemIds, callback);
    }
}
