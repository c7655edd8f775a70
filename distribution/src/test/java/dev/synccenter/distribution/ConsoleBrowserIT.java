package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.synccenter.testsupport.Poll;

/**
 * The web console (control-console) served by the real distribution process, driven in Debian's
 * headless Chromium: log in, the handlers, a sync watched to its end, a row moving from the open
 * requests to the history by itself, a start refused with the platform's message, a hot swap of
 * the demo handler seen as parked and back with the new version while its request ends once, a
 * viewer without actions, the keyboard, the phone layout, and the live stream reconnecting by
 * itself. Every page is written to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    /** Syncs slow enough to be watched: 3 items of 6 steps of 300 ms, about 5 s a request. */
    private static final String DEMO_CFG = "steps=6\nstep.millis=300\nfailure.rate=0\nbehaviour=normal\n";

    private final Path jars = Path.of(System.getProperty("it.jars.dir", "target/it-jars"));

    private Distribution dist;
    private ApiClient api;
    private Browser browser;
    private String operator;
    private String user;
    private String password;

    private ConsoleRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = ConsoleRig.start("console", Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG)).awaitDemo();
        dist = rig.dist;
        api = rig.api;
        operator = rig.operator;
        user = rig.user;
        password = rig.password;
        browser = rig.browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.scriptErrors()).as("script errors in the page").isEmpty();
    }


    /** C48: the page and its files load without credentials; the API beside them does not. */
    @Test
    @Order(0)
    void c48_theConsoleFilesLoadWithoutCredentialsAndTheApiStillRefuses() throws Exception {
        ApiClient site = new ApiClient("http://127.0.0.1:" + dist.httpPort + "/synccenter");
        ApiClient.Answer page = site.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("console/app.js");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(site.get("/console/app.js", null).status()).isEqualTo(200);
        assertThat(site.get("/console/nothing.js", null).status()).isEqualTo(404);
        assertThat(site.post("/console/app.js", null, null).status()).as("reads only").isEqualTo(401);
        ApiClient.Answer script = site.send(site.request("/api/handlers").GET().header("X-Requested-With",
                "XMLHttpRequest"));
        assertThat(script.status()).isEqualTo(401);
        assertThat(script.headers().allValues("WWW-Authenticate")).as("no Basic dialog over the login page")
                .noneMatch(v -> v.startsWith("Basic"));
        ApiClient.Answer login = site.post("/api/login", null, "{\"token\": \"not-a-token\"}");
        assertThat(login.status()).isEqualTo(401);
    }

    @Test
    @Order(1)
    void anOperatorLogsInAndSeesTheHandlers() throws Exception {
        browser.open("");
        browser.find("#login-form");
        assertThat(browser.present("#nav[hidden]")).as("no sections before logging in").isTrue();
        browser.screenshot("01-login");
        browser.find("#login-user").sendKeys(user);
        browser.find("#login-password").sendKeys("wrong");
        browser.click("#login-submit");
        browser.text("p.error[role=alert]", "wrong user or password");
        browser.logIn(user, password);
        WebElement demo = browser.find("#handlers tr[data-handler-id=demo]");
        assertThat(demo.getText()).contains("Demo handler 1.0.0").contains("dev.synccenter.sample.demo");
        assertThat(demo.getAttribute("data-availability")).isEqualTo("SERVING");
        assertThat(browser.find("#handlers tr[data-handler-id=folders]").getText()).contains("SERVING");
        browser.text("#user", "(operator)");
        browser.until("the live stream", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
        browser.screenshot("02-handlers");
    }

    @Test
    @Order(2)
    void aSyncOfTheDemoHandlerIsWatchedToItsEnd() throws Exception {
        browser.open("#/handlers");
        browser.click("#handlers tr[data-handler-id=demo] button[data-action='Sync demo']");
        WebElement link = browser.find(".notice.ok a[data-request-id]");
        String id = link.getAttribute("data-request-id");
        link.click();
        browser.find("#request-facts[data-request-id='" + id + "']");
        // Record every bar value the page shows, so that the test sees progress, not only the end.
        browser.js("window.seenProgress = new Set(); new MutationObserver(() => document.querySelectorAll("
                + "'#request-items progress[value]').forEach(p => window.seenProgress.add(p.value)))"
                + ".observe(document.getElementById('main'), {subtree: true, childList: true, attributes: true});");
        browser.until("some item to be part way", d -> (Boolean) browser.js(
                "return [...window.seenProgress].some(v => v > 0 && v < 1);"));
        browser.screenshot("03-request-running");
        browser.find("#request-facts[data-status=SUCCEEDED]");
        browser.until("every bar at its end", d -> List.of(1L, 1L, 1L).equals(browser.js(
                "return [...document.querySelectorAll('#request-items progress')].map(p => p.value);")));
        assertThat(browser.all("#request-items tr[data-status=SUCCEEDED]")).hasSize(3);
        assertThat(browser.find("#request-facts .served-by").getText()).contains("dev.synccenter.sample.demo");
        browser.screenshot("04-request-done");
    }

    @Test
    @Order(3)
    void aRequestMovesFromOpenToTheHistoryWithoutAReload() throws Exception {
        browser.open("#/requests");
        browser.find("#history");
        browser.js("window.sameDocument = 'yes';");
        long id = rig.startDemo("[\"alpha\", \"beta\"]");
        browser.find("#open-requests tr[data-request-id='" + id + "']");
        browser.screenshot("05-requests-open");
        browser.find("#history tr[data-request-id='" + id + "'][data-status=SUCCEEDED]");
        browser.until("the row to leave the open requests",
                d -> !browser.present("#open-requests tr[data-request-id='" + id + "']"));
        assertThat(browser.js("return window.sameDocument;")).as("no reload").isEqualTo("yes");
        browser.screenshot("06-requests-history");
    }

    @Test
    @Order(4)
    void aStartOfADisabledHandlerIsRefusedWithThePlatformsMessage() throws Exception {
        browser.open("#/handlers/demo");
        browser.until("the switch to show the handler enabled",
                d -> browser.find("input[role=switch][aria-label='Enabled demo']").isSelected());
        try {
            browser.click("input[role=switch][aria-label='Enabled demo']");
            browser.until("the handler to be disabled", d -> !api("/handlers/demo").get("enabled").asBoolean());
            browser.until("the switch to show it", d -> !browser.find("input[aria-label='Enabled demo']").isSelected());
            browser.click(".toolbar button[data-action='Sync demo']");
            WebElement refusal = browser.text(".notice.refusal", "409");
            assertThat(refusal.getText()).contains("Refused").contains("HANDLER_DISABLED").contains("disabled");
            assertThat(refusal.getAttribute("role")).isEqualTo("alert");
            browser.screenshot("07-start-refused");
            browser.click("input[role=switch][aria-label='Enabled demo']");
            browser.until("the handler to be enabled again", d -> api("/handlers/demo").get("enabled").asBoolean());
            refusal.findElement(By.cssSelector("button.close")).click();
            browser.until("the refusal to be dismissed", d -> !browser.present(".notice.refusal"));
        } finally {
            api.post("/handlers/demo/enable", operator, null); // the next tests need it, whatever happened here
        }
    }

    @Test
    @Order(5)
    void replacingTheDemoBundleWhileARequestRunsParksItAndItComesBackWithTheNewVersion() throws Exception {
        browser.open("#/handlers/demo");
        browser.find("#handler-facts[data-availability=SERVING]");
        long id = rig.startDemo("[\"alpha\", \"beta\", \"gamma\"]");
        Poll.until("request " + id + " to run", Duration.WAIT, () -> api("/requests/" + id),
                r -> r.get("phase").asText().equals("RUNNING"));
        dist.dropHandler(jars.resolve("demo-handler-v2.jar"), "demo-handler.jar");
        browser.find("#handler-changes li[data-change=PARKED]");
        browser.find("#handler-facts[data-availability=SERVING]");
        browser.text("#handler-facts .bundle", "2.0.0");
        browser.text("#handler-facts .comment", "Demo handler 2.0.0");
        browser.screenshot("08-handler-swapped");
        browser.open("#/requests/" + id);
        browser.find("#request-facts[data-status=SUCCEEDED]");
        assertThat(browser.find("#request-facts .served-by").getText()).contains("2.0.0");
        browser.open("#/requests?handler=demo");
        browser.find("#history tr[data-request-id='" + id + "']");
        assertThat(browser.all("#history tr[data-request-id='" + id + "']")).as("one result").hasSize(1);
        long results = 0;
        for (var r : api("/history?handler=demo&limit=1000").get("entries")) {
            results += r.get("requestId").asLong() == id ? 1 : 0;
        }
        assertThat(results).as("request " + id + " ended once").isEqualTo(1);
    }

    @Test
    @Order(6)
    void everyActionIsReachableFromTheKeyboard() throws Exception {
        browser.open("#/handlers");
        browser.find("#handlers tr[data-handler-id=demo]");
        for (WebElement action : browser.all("[data-action]")) {
            assertThat(action.getTagName()).as("a native control").isIn("button", "input");
            assertThat(action.getAttribute("tabindex")).as("in the tab order").isNotEqualTo("-1");
        }
        browser.js("document.activeElement.blur(); window.scrollTo(0, 0);");
        String target = "Sync demo";
        int presses = 0;
        while (!target.equals(browser.js("return document.activeElement && document.activeElement.dataset.action;"))) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(++presses).as("Tab presses to reach the demo's Sync button").isLessThan(200);
        }
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        String id = browser.find(".notice.ok a[data-request-id]").getAttribute("data-request-id");
        Poll.until("request " + id + " to end", Duration.WAIT, () -> api("/requests/" + id),
                r -> r.get("phase").asText().equals("DONE"));
    }

    @Test
    @Order(7)
    void onAPhoneTheTablesBecomeCards() throws Exception {
        browser.resize(390, 844);
        try {
            browser.open("#/handlers");
            WebElement cell = browser.find("#handlers tr[data-handler-id=demo] td[data-label=Availability]");
            assertThat(browser.js("return getComputedStyle(arguments[0]).display;", cell)).isEqualTo("flex");
            assertThat((Long) browser.js("return document.documentElement.scrollWidth;")).as("no sideways scrolling")
                    .isLessThanOrEqualTo(390L);
            browser.screenshot("09-phone-handlers");
        } finally {
            browser.resize(1366, 900);
        }
    }

    @Test
    @Order(8)
    void theLiveStreamReconnectsByItselfWhenItBreaks() throws Exception {
        browser.open("#/requests");
        browser.until("the live stream", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
        browser.js("window.liveStates = []; new MutationObserver(() => window.liveStates.push("
                + "document.getElementById('live').dataset.state)).observe(document.getElementById('live'),"
                + " {attributes: true});");
        // A new configuration restarts control-http's components: the stream ends under the browser.
        Files.writeString(dist.home.resolve("etc/dev.synccenter.http.cfg"), "stream.keepalive.seconds=5\n");
        browser.until("the stream to break", d -> (Boolean) browser.js(
                "return window.liveStates.some(s => s !== 'live');"));
        browser.until("the stream to be live again", d -> (Boolean) browser.js(
                "return window.liveStates.length > 1 && window.liveStates[window.liveStates.length - 1] === 'live';"));
        long id = rig.startDemo("[\"gamma\"]");
        browser.find("#history tr[data-request-id='" + id + "'][data-status=SUCCEEDED]");
    }

    @Test
    @Order(9)
    void aViewerSeesEverythingButNoActions() throws Exception {
        String viewer = dist.ok("token-create it-console-viewer --role VIEWER").text().strip();
        browser.open("#/handlers");
        browser.click("#logout");
        browser.find("#token-form");
        browser.logInWithToken(viewer);
        browser.text("#user", "(viewer)");
        for (String page : List.of("#/handlers", "#/handlers/demo", "#/requests", "#/requests/1", "#/events",
                "#/schedules", "#/problems")) {
            browser.open(page);
            browser.until(page + " to be read", d -> browser.present("main table tbody tr"));
            assertThat(browser.all("[data-action]")).as("actions on " + page).isEmpty();
            assertThat(browser.all("input[role=switch]")).as("switches on " + page).isEmpty();
            assertThat(browser.all("button.action")).as("action buttons on " + page).isEmpty();
        }
        browser.open("#/handlers");
        browser.text("#handlers tr[data-handler-id=demo]", "yes");
        browser.screenshot("10-viewer-handlers");
    }

    private com.fasterxml.jackson.databind.JsonNode api(String path) {
        try {
            ApiClient.Answer a = api.get(path, operator);
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            return a.json();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Time bounds of the waits in this test. */
    static final class Duration {
        static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

        private Duration() {
        }
    }
}
