package dev.synccenter.itest;

import static dev.synccenter.itest.StoreAccess.STORE;
import static dev.synccenter.itest.StoreAccess.call;
import static dev.synccenter.itest.StoreAccess.change;
import static dev.synccenter.itest.StoreAccess.factory;
import static dev.synccenter.itest.StoreAccess.jdbcBundles;
import static dev.synccenter.itest.StoreAccess.stored;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.jdbc.DataSourceFactory;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;

/**
 * The store inside a real Felix: SQLite through the DataSourceFactory service that pax-jdbc-sqlite
 * registers, opened by the store's OSGi factory method, written and read back, and still there
 * after reopening (C36, C40: embedded, nothing to install or start). control-impl exports nothing, so
 * the test reaches the store through that bundle's class loader; what it writes and reads back
 * are control-api types, the same classes on both sides.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreIT extends ItestSupport {

    @Override
    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(), jdbcBundles());
    }

    @Test
    public void c40_theEmbeddedStoreOpensThroughSqlitesDataSourceFactoryAndKeepsWhatItWrote() throws Exception {
        DataSourceFactory sqlite = factory(context, "org.sqlite.JDBC");
        Path dataArea = context.getDataFile("store-it").toPath();
        Bundle impl = bundleNamed(IMPL_BSN);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SyncResult result = new SyncResult(0, "it", ProgressStatus.SUCCEEDED, 0, 0, Map.of("a", ProgressStatus.SUCCEEDED),
                null, now, now, now, "it 1.0.0");
        SyncEvent event = new SyncEvent(UUID.randomUUID(), now, "it", "a", EventLevel.WARNING, "name", "description",
                null, null, null, 0, 0);

        long first;
        try (AutoCloseable store = open(impl, sqlite, dataArea)) {
            first = (Long) call(store, "reserveRequestIds", 2);
            result = new SyncResult(first, "it", result.status(), 0, 0, result.items(), null, now, now, now,
                    result.servedBy());
            stored(call(store, "submit", change(impl, "RequestAccepted", first, "it", RequestKind.ITEM_SYNC, Set.of(),
                    null, false, now, List.of("a"))));
            stored(call(store, "submit", change(impl, "RequestAccepted", first + 1, "it", RequestKind.ITEM_SYNC,
                    Set.of(), null, true, now, List.of("b"))));
            stored(call(store, "submit", change(impl, "RequestFinished", result)));
            stored(call(store, "submit", change(impl, "EventReported", event)));
        }
        assertTrue("the default SQLite file in the data area",
                Files.isRegularFile(dataArea.resolve("sync-center.db")));

        try (AutoCloseable store = open(impl, sqlite, dataArea)) {
            assertEquals(Optional.of(result), call(store, "result", first));
            assertEquals(List.of(event), call(store, "events", EventFilter.ALL));
            List<?> unfinished = (List<?>) call(store, "unfinished");
            assertEquals(1, unfinished.size());
            assertEquals(first + 1, call(unfinished.get(0), "requestId"));
            assertEquals("ok", call(store, "health").toString());
            assertTrue("IDs after the reserved ones", (Long) call(store, "reserveRequestIds", 1) >= first + 2);
        }
    }

    @Test
    public void postgresqlsDriverRegistersItsDataSourceFactoryToo() {
        assertNotNull(factory(context, "org.postgresql.Driver"));
        assertEquals(Bundle.ACTIVE, bundleNamed("org.xerial.sqlite-jdbc").getState());
    }

    /** {@code SqlStores.open(factory, properties, dataArea)}: no url, so the default file in the data area. */
    private static AutoCloseable open(Bundle impl, DataSourceFactory factory, Path dataArea) throws Exception {
        Class<?> stores = impl.loadClass(STORE + "sql.SqlStores");
        Method open = stores.getMethod("open", DataSourceFactory.class, Map.class, Path.class);
        return (AutoCloseable) open.invoke(null, factory,
                Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.sqlite.JDBC"), dataArea);
    }
}
