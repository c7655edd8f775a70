package dev.synccenter.impl.storeservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.synccenter.impl.store.StoreException;
import dev.synccenter.impl.store.SyncStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/**
 * The keeper with fake factories (named by strings), stores and a fake service registry: what is
 * opened with what, the order of publishing, unpublishing and closing, and the retries (C40).
 */
class StoreKeeperTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SQLITE = StoreSettings.SQLITE_DRIVER;
    private static final String PG = StoreSettings.POSTGRESQL_DRIVER;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger mostPublished = new AtomicInteger();
    /** When set, openings fail with this message. */
    private volatile String down;
    /** When set, openings wait for it. */
    private volatile CountDownLatch hang;
    private StoreKeeper<String> keeper;

    private StoreKeeper<String> keeper(StoreSettings settings, StoreKeeper.Timing timing) {
        keeper = new StoreKeeper<>(this::open, this::publish, Comparator.naturalOrder(), settings, "test", timing,
                new StoreKeeper.Log(warnings::add, infos::add));
        return keeper;
    }

    private StoreKeeper<String> keeper() {
        return keeper(StoreSettings.defaults(), StoreKeeper.Timing.DEFAULT);
    }

    @AfterEach
    void closeKeeper() {
        if (keeper != null) {
            keeper.close(WAIT);
        }
        assertThat(mostPublished.get()).as("SyncStore services at once, at most").isLessThanOrEqualTo(1);
    }

    @Test
    void c40_opensThroughAFactoryOfTheConfiguredDriverOnlyAndPublishesItOnce() {
        StoreKeeper<String> k = keeper();
        k.factoryAdded("pg", PG);
        k.start();
        k.factoryAdded("sqlite", SQLITE);
        awaitEvent("publish sqlite:default");
        assertThat(events).containsExactly("open sqlite:default", "publish sqlite:default");
        await().atMost(WAIT).until(() -> !infos.isEmpty()); // said once published
        assertThat(infos).containsExactly("sqlite:default is open and published as the SyncStore service");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFactoryThatLeavesIsLetGoBeforeItsUnbindReturnsUnpublishedFirstThenClosed() {
        StoreKeeper<String> k = keeper();
        k.factoryAdded("sqlite", SQLITE);
        k.start();
        awaitEvent("publish sqlite:default");
        k.factoryRemoved("sqlite", WAIT);
        assertThat(events).containsExactly("open sqlite:default", "publish sqlite:default", "unpublish sqlite:default",
                "close sqlite:default");
        assertThat(k.published()).isFalse();
        assertThat(infos).last().isEqualTo("sqlite:default is closed: its DataSourceFactory service went away");
    }

    @Test
    void theBestFactoryIsUsedAndKeptUntilItLeaves() {
        StoreKeeper<String> k = keeper();
        k.factoryAdded("a", SQLITE);
        k.factoryAdded("b", SQLITE);
        k.start();
        awaitEvent("publish b:default");
        k.factoryAdded("c", SQLITE); // a better one later does not replace a working store
        k.factoryRemoved("b", WAIT);
        awaitEvent("publish c:default");
        assertThat(events).containsExactly("open b:default", "publish b:default", "unpublish b:default",
                "close b:default", "open c:default", "publish c:default");
    }

    @Test
    void aConfigurationChangeReplacesTheStoreOldOneGoneFirst() {
        StoreKeeper<String> k = keeper();
        k.factoryAdded("sqlite", SQLITE);
        k.factoryAdded("pg", PG);
        k.start();
        awaitEvent("publish sqlite:default");
        k.configure(StoreSettings.forUrl("jdbc:postgresql://db/sc"), "etc/dev.synccenter.store.cfg");
        awaitEvent("publish pg:jdbc:postgresql://db/sc");
        assertThat(events).containsExactly("open sqlite:default", "publish sqlite:default", "unpublish sqlite:default",
                "close sqlite:default", "open pg:jdbc:postgresql://db/sc", "publish pg:jdbc:postgresql://db/sc");
        assertThat(infos)
                .contains("sqlite:default is closed: its configuration changed (etc/dev.synccenter.store.cfg)");
    }

    @Test
    void c40_aFailingOpeningIsLoggedOnceRetriedWithADoublingDelayAndPublishedOnceItWorks() {
        StoreKeeper<String> k = keeper(StoreSettings.forUrl("jdbc:postgresql://db/sc?password=hunter22"),
                new StoreKeeper.Timing(Duration.ofMillis(20), Duration.ofMillis(80), WAIT));
        down = "Connection to db:5432 refused (password=hunter22)";
        k.factoryAdded("pg", PG);
        k.start();
        await().atMost(WAIT).until(() -> attempts.size() >= 6);
        assertThat(published.get()).isZero();
        assertThat(warnings).containsExactly("Cannot open the store (osgi.jdbc.driver.class=org.postgresql.Driver, "
                + "url=jdbc:postgresql://db/sc): Connection to db:5432 refused (password=****). There is no SyncStore "
                + "service until it opens; trying again in 20 ms, then at most every 80 ms");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < 6; i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(attempts.get(i) - attempts.get(i - 1)));
        }
        assertThat(gaps).as("gaps between attempts, ms").satisfies(g -> {
            assertThat(g.get(0)).isGreaterThanOrEqualTo(20);
            assertThat(g.get(1)).isGreaterThanOrEqualTo(40);
            assertThat(g.get(2)).isGreaterThanOrEqualTo(80);
            assertThat(g.get(3)).isGreaterThanOrEqualTo(80);
        });

        down = null;
        awaitEvent("publish pg:jdbc:postgresql://db/sc?password=hunter22");
        await().atMost(WAIT).until(() -> !infos.isEmpty());
        assertThat(infos).last().asString().startsWith("pg:jdbc:postgresql://db/sc?password=hunter22 is open and "
                + "published as the SyncStore service, after ").contains(" failed attempts since ")
                .endsWith("(Connection to db:5432 refused (password=****))");
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aCorrectedConfigurationIsTriedAtOnceWhateverTheBackoff() {
        StoreKeeper<String> k = keeper(StoreSettings.forUrl("jdbc:postgresql://db:1/sc"),
                new StoreKeeper.Timing(Duration.ofHours(1), Duration.ofHours(1), WAIT));
        down = "refused";
        k.factoryAdded("pg", PG);
        k.start();
        await().atMost(WAIT).until(() -> attempts.size() == 1);
        down = null;
        k.configure(StoreSettings.forUrl("jdbc:postgresql://db:5432/sc"), "test");
        awaitEvent("publish pg:jdbc:postgresql://db:5432/sc");
    }

    @Test
    void closingUnpublishesThenClosesAndIsBoundedWhileAnOpeningHangs() throws Exception {
        StoreKeeper<String> k = keeper();
        hang = new CountDownLatch(1);
        k.factoryAdded("sqlite", SQLITE);
        k.start();
        await().atMost(WAIT).until(() -> attempts.size() == 1);
        long start = System.nanoTime();
        k.close(Duration.ofMillis(100));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(WAIT.toMillis());
        assertThat(warnings).containsExactly("The store was not closed within 100 ms; it closes by itself when its "
                + "opening ends");
        hang.countDown();
        awaitEvent("close sqlite:default");
        assertThat(events).containsExactly("open sqlite:default", "close sqlite:default"); // never published
    }

    @Test
    void aMissingFactoryIsSaidOnceAfterTheGrace() {
        StoreKeeper<String> k = keeper(StoreSettings.defaults(),
                new StoreKeeper.Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(50)));
        k.factoryAdded("pg", PG);
        k.start();
        await().atMost(WAIT).until(() -> !warnings.isEmpty());
        assertThat(warnings).singleElement().asString().startsWith("No DataSourceFactory service with "
                + "osgi.jdbc.driver.class=org.sqlite.JDBC for 50 ms: is its driver bundle installed and started");
        k.factoryAdded("sqlite", SQLITE);
        awaitEvent("publish sqlite:default");
        assertThat(warnings).hasSize(1);
    }

    // ---- fakes

    private SyncStore open(String factory, StoreSettings settings) {
        attempts.add(System.nanoTime());
        String name = factory + ":" + (settings.url() == null ? "default" : settings.url());
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String failure = down;
        if (failure != null) {
            throw new StoreException(failure);
        }
        events.add("open " + name);
        return (SyncStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SyncStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name", "toString" -> name;
                    case "close" -> events.add("close " + name) ? null : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Runnable publish(SyncStore store, StoreSettings settings) {
        mostPublished.accumulateAndGet(published.incrementAndGet(), Math::max);
        events.add("publish " + store.name());
        return () -> {
            published.decrementAndGet();
            events.add("unpublish " + store.name());
        };
    }

    private void awaitEvent(String event) {
        await().atMost(WAIT).until(() -> events.contains(event));
    }
}
