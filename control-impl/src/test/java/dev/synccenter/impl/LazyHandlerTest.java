package dev.synccenter.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sqlite.SQLiteDataSource;

import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/** C24, C4, C32: how the control component hands the engine a handler whose object it has not got yet. */
class LazyHandlerTest {

    private static final SyncHandler HANDLER = new SyncHandler() {
        @Override
        public String name() {
            return "Lazy";
        }

        @Override
        public List<SyncItem> items() {
            return List.of(SyncItem.of("a", "A"));
        }

        @Override
        public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
        }
    };

    // C24: nothing is got when the service is bound; the first call gets it, later calls reuse it.
    @Test
    void c24_theObjectIsGotOnTheFirstCallOnlyAndThenKept() {
        AtomicInteger gets = new AtomicInteger();
        HandlerRef ref = ref(7, r -> {
            gets.incrementAndGet();
            return HANDLER;
        });
        assertThat(gets).hasValue(0);
        assertThat(ref.handler()).isSameAs(HANDLER);
        assertThat(ref.handler()).isSameAs(HANDLER);
        assertThat(gets).hasValue(1);
    }

    // C24, C32: no object (the component failed to activate) is a clear IllegalStateException; a
    // later call tries again.
    @Test
    void c24_noObjectIsAnIllegalStateExceptionAndIsNotKept() {
        AtomicInteger gets = new AtomicInteger();
        HandlerRef ref = ref(8, r -> gets.incrementAndGet() == 1 ? null : HANDLER);
        assertThatThrownBy(ref::handler).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("service 8").hasMessageContaining("failed to activate");
        assertThat(ref.handler()).isSameAs(HANDLER);
    }

    // C4: getting the service while it is unregistered (or the bundle stops) may throw: it stays an
    // IllegalStateException for the engine's guard.
    @Test
    void c4_aGetThatThrowsBecomesAnIllegalStateException() {
        HandlerRef ref = ref(9, r -> {
            throw new IllegalArgumentException("ServiceReference is not from a framework");
        });
        assertThatThrownBy(ref::handler).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("getting handler service 9 failed")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    // The engine's equality of refs is unchanged: same service and properties, equal refs.
    @Test
    void refsOfTheSameServiceAreEqualAsBefore() {
        ServiceReference<SyncHandler> service = reference(10);
        HandlerRef one = new HandlerRef(10, 0, "h", "b 1", new LazyHandler(service, r -> HANDLER));
        HandlerRef again = new HandlerRef(10, 0, "h", "b 1", new LazyHandler(service, r -> HANDLER));
        assertThat(one).isEqualTo(again).hasSameHashCodeAs(again);
        assertThat(one).isNotEqualTo(new HandlerRef(10, 1, "h", "b 1", new LazyHandler(service, r -> HANDLER)));
        assertThat(one).isNotEqualTo(new HandlerRef(10, 0, "h", "b 1", new LazyHandler(reference(10), r -> HANDLER)));
        assertThat(new HandlerRef(1, 0, "h", "b 1", HANDLER)).isEqualTo(new HandlerRef(1, 0, "h", "b 1", HANDLER));
    }

    // C24, C32: the engine knows the ID at once; a handler without an object is unreadable, not listed.
    @Test
    void c24_c32_theEngineTakesAHandlerWithoutObjectAsUnreadableAndNeverThrows(@TempDir Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("sync-center.db");
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(url);
        SqlStore store = SqlStore.open(dataSource, StoreSettings.forUrl(url));
        SyncEngine engine = new SyncEngine(EngineSettings.defaults().withCallTimeout(Duration.ofSeconds(2)), store);
        try {
            engine.handlerAdded(ref(11, r -> null));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(
                    () -> engine.startItemSync("lazy", List.of("a"), null, Set.of(), null))
                    .isInstanceOf(SyncRefusedException.class).hasMessageContaining("C32")
                    .hasMessageContaining("failed to activate"));
            assertThat(engine.handlers()).isEmpty();
        } finally {
            engine.close();
            store.close();
        }
    }

    private static HandlerRef ref(long serviceId, Function<ServiceReference<SyncHandler>, SyncHandler> locate) {
        return new HandlerRef(serviceId, 0, "lazy", "test 1", new LazyHandler(reference(serviceId), locate));
    }

    /** A service reference with only a service ID, equal only to itself, as the framework's are. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<SyncHandler> reference(long serviceId) {
        return (ServiceReference<SyncHandler>) Proxy.newProxyInstance(LazyHandlerTest.class.getClassLoader(), new Class<?>[] { ServiceReference.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> Constants.SERVICE_ID.equals(args[0]) ? (Object) serviceId : null;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "reference to service " + serviceId;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
