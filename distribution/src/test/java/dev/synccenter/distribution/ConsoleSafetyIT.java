package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import dev.synccenter.testsupport.Poll;

/**
 * The web console's safety and robustness in headless Chromium against the real distribution:
 * text from the address and the API is never markup, an event's link is a link for http(s) only,
 * the files' headers (control-http's context sets them on every answer), the pagers stop where the API does, a malformed address, the skip link, the focus of a
 * keyboard user kept while the stream re-renders a list, a failing read that must not become a
 * loop of reads, and a viewer without the Stop of a running request. After every test the page's
 * log must hold no script error.
 */
class ConsoleSafetyIT extends ConsolePageTest {

    /** About 4 s an item: a request runs long enough to be looked at while it runs. */
    private static final String DEMO_CFG = "steps=10\nstep.millis=400\nfailure.rate=0\nbehaviour=normal\n";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Valid as an item ID (C1), and markup if the console ever parsed it. */
    private static final String HOSTILE = "<img src=x onerror=window.pwned=1>";


    private Distribution dist;
    private ApiClient api;
    private String operator;


    @BeforeAll
    void start() throws Exception {
        rig = ConsoleRig.start("console-safety", Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG)).awaitDemo();
        dist = rig.dist;
        api = rig.api;
        operator = rig.operator;
        logIn();
    }

    private long start(String itemIds) throws Exception {
        return rig.startDemo("[" + itemIds + "]");
    }

    private void awaitDone(long id) {
        Poll.until("request " + id + " to end", WAIT, () -> api.get("/requests/" + id, operator),
                a -> a.status() == 200 && a.json().get("phase").asText().equals("DONE"));
    }

    @Test
    @Order(1)
    void theFilesForbidSniffingFramingAndReferrers() throws Exception {
        ApiClient site = new ApiClient("http://127.0.0.1:" + dist.httpPort + "/synccenter");
        for (String path : List.of("/", "/console/app.js", "/console/nothing.js")) {
            ApiClient.Answer a = site.get(path, null);
            assertThat(a.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(a.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(a.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(a.header("Content-Security-Policy")).as(path).contains("default-src 'none'");
        }
    }

    /**
     * Markup in an address someone sends (#/handlers/&lt;img ...&gt;) and in the API's refusals
     * that repeat it is shown as text. (Handler and item names come from bundles: the views build
     * them with the same text-only helper.)
     */
    @Test
    @Order(2)
    void textFromTheAddressAndTheApiIsNeverMarkup() throws Exception {
        String encoded = URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8).replace("+", "%20");
        browser.open("#/handlers/" + encoded);
        browser.text("main h1", HOSTILE);
        browser.text("main p.error", HOSTILE);
        for (String page : List.of("#/requests?handler=" + encoded, "#/events?item=" + encoded,
                "#/conflicts?handler=" + encoded)) {
            browser.open(page);
            browser.until(page + " to be read", d -> browser.present("main table, main p.error"));
            assertThat(browser.all("main input")).anySatisfy(i -> assertThat(i.getAttribute("value")).isEqualTo(HOSTILE));
        }
        assertThat(browser.all("img")).as("no element made of the text").isEmpty();
        assertThat(browser.js("return window.pwned === undefined;")).isEqualTo(true);
    }

    @Test
    @Order(3)
    void anEventsLinkIsALinkForHttpAndHttpsOnly() {
        browser.open("#/events");
        browser.find("#events");
        Object hrefs = browser.module("views/events.js", "return ['javascript:window.pwned=1', ' javascript:x',"
                + " 'JaVaScRiPt:x', 'java\\tscript:x', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example/',"
                + " 'https://example.org/a', 'HTTP://example.org/b']"
                + ".map((ref) => { const el = m.link({ linkReference: ref, linkText: 't' });"
                + " return el.tagName === 'A' ? el.href : el.tagName + ':' + el.textContent; });");
        assertThat((List<Object>) hrefs).containsExactly("SPAN:t", "SPAN:t", "SPAN:t", "SPAN:t", "SPAN:t", "SPAN:t", "SPAN:t",
                "https://example.org/a", "http://example.org/b");
    }

    @Test
    @Order(4)
    void noPagerOffersAPageBeyondTheApisDeepestOffset() {
        browser.open("#/events");
        browser.find("#events");
        Object older = browser.module("dom.js", "return [[9950, true, true], [10000, true, true], [10000, true, false],"
                + " [0, false, true]].map(([offset, more, api]) => !m.pager('x', offset, 50, 50, more, () => {}, api)"
                + ".querySelector('button:last-child').disabled);");
        assertThat((List<Object>) older).as("an older page offered").containsExactly(true, false, true, false);
        browser.open("#/events?offset=99999");
        browser.text("nav.pager .range", "none");
        assertThat(browser.all("main p.error")).as("no offset the API refuses is asked for").isEmpty();
    }

    @Test
    @Order(5)
    void aMalformedAddressIsAPageNotABrokenConsole() {
        browser.open("#/handlers/%E0%A4%A");
        browser.text("main h1", "%E0%A4%A"); // the segment as it stands
        browser.find("main p.error"); // and the API's answer to it
        browser.open("#/requests");
        browser.find("#history");
        assertThat(browser.present("#login-form")).isFalse();
    }

    @Test
    @Order(6)
    void theSkipLinkFocusesTheContentAndStaysOnThePage() {
        browser.open("#/requests");
        browser.find("#history");
        browser.js("document.querySelector('a.skip').focus();"); // the first stop of Tab in the page
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.until("the content to have the focus", d -> browser.js("return document.activeElement.id;").equals("main"));
        assertThat(browser.js("return location.hash;")).isEqualTo("#/requests");
        assertThat(browser.present("#history")).as("still the requests").isTrue();
    }

    @Test
    @Order(7)
    void aKeyboardUsersFocusStaysOnItsControlWhenTheListIsReadAgain() throws Exception {
        browser.open("#/handlers");
        browser.find("#handlers tr[data-handler-id=demo] button[data-action='Sync demo']");
        browser.js("document.querySelector(\"#handlers tr[data-handler-id=demo] button[data-action='Sync demo']\").focus();"
                + " document.getElementById('handlers').dataset.old = 'yes';");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER); // starts a sync: the list is read again
        String id = browser.find(".notice.ok a[data-request-id]").getAttribute("data-request-id");
        browser.until("the list to be read again", d -> !browser.present("#handlers[data-old]"));
        assertThat(browser.js("return document.activeElement.dataset.action;")).isEqualTo("Sync demo");
        assertThat(browser.js("return document.activeElement.closest('tr').dataset.handlerId;")).isEqualTo("demo");
        awaitDone(Long.parseLong(id));
    }

    @Test
    @Order(8)
    void aFailingReadOfTheLastResultsIsNotAskedAgainAndAgain() throws Exception {
        String hook = browser.beforeEveryPage("window.historyReads = 0; const f = window.fetch;"
                + " window.fetch = (u, i) => String(u).includes('/api/history?handler=') ? (window.historyReads++,"
                + " new Promise((r) => setTimeout(() => r(new Response('{\"error\": \"test\"}', {status: 503})), 5)))"
                + " : f(u, i);");
        try {
            awaitDone(start("\"beta\"")); // the handler has a last sync, whose result the page reads
            browser.open("#/handlers?q=demo");
            browser.driver.navigate().refresh();
            browser.find("#handlers tr[data-handler-id=demo]");
            browser.until("the live stream", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
            long id = start("\"alpha\"");
            browser.until("the request to show on the handler", d -> !browser.find(
                    "#handlers tr[data-handler-id=demo] .running").getText().equals("0"));
            awaitDone(id);
            browser.until("the handler's row to show it idle", d -> browser.find(
                    "#handlers tr[data-handler-id=demo] .running").getText().equals("0"));
            assertThat(((Number) browser.js("return window.historyReads;")).longValue()).as("reads of /api/history")
                    .isBetween(1L, 5L);
        } finally {
            browser.noLongerBeforeEveryPage(hook);
            browser.driver.navigate().refresh();
        }
    }

    @Test
    @Order(9)
    void aViewerHasNoStopOnARunningRequestWhereAnOperatorHasOne() throws Exception {
        String viewer = dist.ok("token-create it-console-safety-viewer --role VIEWER").text().strip();
        long first = start("\"alpha\"");
        browser.open("#/requests/" + first);
        browser.find("#request-facts[data-phase=RUNNING]");
        browser.find("#request-facts ~ .toolbar button[data-action='Stop request " + first + "']");
        browser.open("#/requests");
        browser.find("#open-requests tr[data-request-id='" + first + "'] button[data-action]");
        awaitDone(first);
        browser.click("#logout");
        browser.logInWithToken(viewer);
        browser.text("#user", "(viewer)");
        long id = start("\"alpha\", \"beta\", \"gamma\"");
        for (String page : List.of("#/requests/" + id, "#/requests", "#/handlers/demo", "#/handlers", "#/conflicts")) {
            browser.open(page);
            browser.until(page + " to be read", d -> browser.present("main table tbody tr"));
            if (page.equals("#/requests")) {
                browser.find("#open-requests tr[data-request-id='" + id + "']");
            }
            if (page.startsWith("#/requests/")) {
                browser.find("#request-facts[data-phase=RUNNING]");
            }
            assertThat(browser.all("main button.action, main [data-action], main input[type=checkbox]"))
                    .as("controls on " + page).isEmpty();
        }
        awaitDone(id);
    }
}
