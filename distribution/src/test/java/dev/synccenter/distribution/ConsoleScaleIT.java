package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.synccenter.distribution.fixture.ManyHandlers;
import dev.synccenter.testsupport.Poll;

/**
 * The web console against a platform with 102 handlers and more than 10,000 requests in its
 * history, in headless Chromium: every list is a page of the API's (or, for handlers, of the
 * browser's) and the page's element count stays bounded, the deepest history page the API serves
 * is reachable, and a load running while the page is open shows up live without growing it. Load
 * times are printed (MEASURED lines), not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleScaleIT {

    private static final Duration LOAD = Duration.ofMinutes(5);
    private static final int HISTORY = 10_000;
    /** The history kept must hold the load; the rest of the engine's settings are its defaults. */
    private static final String ENGINE_CFG = "request.history=50000\n";
    /** A page of the DOM stays in the low thousands of elements, whatever the platform holds. */
    private static final long MAX_ELEMENTS = 3_000;

    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private ConsoleRig rig;
    private Distribution dist;
    private ApiClient api;
    private Browser browser;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        rig = ConsoleRig.start("console-scale", Map.of("dev.synccenter.engine.cfg", ENGINE_CFG));
        dist = rig.dist;
        dist.dropHandler(FixtureBundle.build(work.resolve("many-handlers.jar"), ManyHandlers.class,
                "dev.synccenter.test.manyhandlers", "TEST FIXTURE: 100 handlers that succeed at once (ConsoleScaleIT)",
                "dev.synccenter.handler;version=\"[1.0,2)\",dev.synccenter.control;version=\"[1.1,2)\","
                        + "org.osgi.framework;version=\"[1.8,2)\""), "many-handlers.jar");
        operator = rig.operator;
        api = rig.api;
        Poll.until("102 handlers", ConsoleRig.STARTUP, () -> api.get("/handlers", operator),
                a -> a.status() == 200 && a.json().get("entries").size() == ManyHandlers.COUNT + 2);
        long t0 = System.nanoTime();
        dist.ok("load fx-000 " + HISTORY + " a b --in-flight 500");
        Poll.until(HISTORY + " results in the history", LOAD, () -> api.get("/history?handler=fx-000&limit=1&offset="
                + (HISTORY - 1), operator), a -> a.status() == 200 && a.json().get("entries").size() == 1);
        System.out.printf("MEASURED: %,d requests of fx-000 accepted and finished in %.1f s%n", HISTORY,
                (System.nanoTime() - t0) / 1e9);
        assertThat(api.post("/sync", operator, null).status()).as("a sync of all handlers too").isEqualTo(202);
        browser = rig.browser();
        browser.open("");
        browser.logIn(rig.user, rig.password);
    }

    @AfterAll
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private double timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    @Test
    @Order(1)
    void oneHundredHandlersArePagedAndFound() throws Exception {
        double ms = timed(() -> {
            browser.open("#/handlers?offset=0");
            browser.text("p.count", "102 of 102 handlers");
        });
        System.out.printf("MEASURED: handlers page with 102 handlers shown in %.0f ms%n", ms);
        assertThat(browser.all("#handlers tbody tr")).hasSize(50);
        assertThat(browser.elementCount()).isLessThan(MAX_ELEMENTS);
        browser.screenshot("11-scale-handlers");
        browser.open("#/handlers?offset=100");
        browser.until("the last page", d -> browser.all("#handlers tbody tr").size() == 2);
        browser.open("#/handlers?q=fx-042");
        browser.find("#handlers tr[data-handler-id=fx-042]");
        assertThat(browser.all("#handlers tbody tr")).hasSize(1);
    }

    @Test
    @Order(2)
    void tenThousandResultsArePagedByTheApi() throws Exception {
        browser.open("#/handlers");
        browser.find("#handlers");
        double ms = timed(() -> {
            browser.open("#/requests");
            browser.until("a full first history page", d -> browser.all("#history tbody tr[data-request-id]").size() == 50);
        });
        System.out.printf("MEASURED: requests page over %,d results shown in %.0f ms%n", HISTORY, ms);
        assertThat(browser.elementCount()).isLessThan(MAX_ELEMENTS);
        browser.screenshot("12-scale-requests");
        browser.click("section[aria-labelledby=history-title] nav.pager button:last-child");
        browser.text("section[aria-labelledby=history-title] .range", "51–100");
        double deep = timed(() -> {
            browser.open("#/requests?handler=fx-000&hist=9950");
            browser.until("the deepest page", d -> browser.all("#history tbody tr[data-request-id]").size() == 50);
        });
        System.out.printf("MEASURED: history page at offset 9,950 of fx-000 shown in %.0f ms%n", deep);
        browser.click("section[aria-labelledby=history-title] nav.pager button:last-child");
        browser.text("section[aria-labelledby=history-title] .range", "10001–");
        browser.text("section[aria-labelledby=history-title] p.muted", "offset of 10,000");
        assertThat(browser.find("section[aria-labelledby=history-title] nav.pager button:last-child").isEnabled())
                .as("the API pages no deeper than offset 10,000").isFalse();
        assertThat(browser.elementCount()).isLessThan(MAX_ELEMENTS);
    }

    @Test
    @Order(3)
    void aLoadRunningUnderTheOpenPageShowsUpLiveAndTheDomStaysBounded() throws Exception {
        browser.open("#/requests?handler=fx-001");
        browser.find("#history");
        browser.js("window.maxElements = 0; new MutationObserver(() => window.maxElements = Math.max(window.maxElements,"
                + " document.getElementsByTagName('*').length)).observe(document.body, {subtree: true, childList: true});");
        dist.ok("load fx-001 2000 a --in-flight 200");
        Poll.until("the load's results", LOAD, () -> api.get("/history?handler=fx-001&limit=1&offset=2000", operator),
                a -> a.status() == 200 && a.json().get("entries").size() == 1);
        browser.until("the history page to fill by itself",
                d -> browser.all("#history tbody tr[data-request-id]").size() == 50);
        assertThat(browser.js("return window.maxElements;")).as("elements at most, while the load ran")
                .satisfies(n -> assertThat(((Number) n).longValue()).isLessThan(MAX_ELEMENTS));
        assertThat(browser.all("#open-requests tbody tr[data-request-id]").size()).isLessThanOrEqualTo(50);
    }
}
