package dev.synccenter.http;

import java.util.EnumSet;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/** What happened: the event store (C33) and the conflicts last read from handlers (read-only). */
final class ReportActions {

    private ReportActions() {
    }

    static Prepared events(Call c) {
        String handler = c.query.id("handler");
        String item = c.query.id("item");
        EventLevel level = c.query.oneOf("level", EventLevel.class, EnumSet.allOf(EventLevel.class));
        Page page = new Page(c.query, 50);
        EventFilter filter = new EventFilter(handler, item, level, page.readCount());
        return new Prepared("", () -> Reply.ok(page.of(c.control.events(filter), Json::event)));
    }

    static Prepared conflicts(Call c) {
        String handler = c.query.id("handler");
        String item = c.query.id("item");
        if (item != null && handler == null) {
            throw ApiException.badArgument("item", "needs handler: item IDs are unique within a handler only");
        }
        Page page = new Page(c.query, 100);
        return new Prepared("", () -> Reply.ok(page.of(c.control.conflicts(handler, item), Json::conflict)));
    }
}
