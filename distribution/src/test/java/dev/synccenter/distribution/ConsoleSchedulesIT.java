package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.testsupport.Poll;

/**
 * Schedules and retries in the web console (C43, C44), in Debian's headless Chromium against the
 * real distribution: a schedule created through the form (a bad interval refused with the API's
 * words beside its field) and listed, then deleted, while the distribution's configured schedule
 * has no delete; a schedule's runs appearing in its row as they happen; an item in backoff shown with its failures, retry time, reason and waiting
 * request, and "Retry now" making it run to SUCCEEDED in 2 attempts; a viewer seeing both without
 * any action.
 *
 * <p>The backoff is made deterministic with the folder-sync sample, which reports a pair whose
 * source folder is missing as a transient failure (a disconnected mount, C42): two pairs are
 * configured with sources that do not exist, and the engine's first backoff is an hour
 * ({@code retry.initial.seconds=3600}, no jitter), so nothing but the test ends it. The test then
 * creates the source folder and presses "Retry now".
 */
class ConsoleSchedulesIT extends ConsolePageTest {

    private static final String ENGINE_CFG = "retry.initial.seconds=3600\nretry.jitter.percent=0\n";

    private static String pair(String id) {
        return "id=" + id + "\nname=Pair " + id + " (source missing)\nsource=${sync.center.home}/data/" + id
                + "-source\ntarget=${sync.center.home}/data/" + id + "-target\n";
    }


    @BeforeAll
    void start() throws Exception {
        rig = ConsoleRig.start("console-schedules", Map.of("dev.synccenter.engine.cfg", ENGINE_CFG,
                "dev.synccenter.sample.folders.pair-offline.cfg", pair("offline"),
                "dev.synccenter.sample.folders.pair-unplugged.cfg", pair("unplugged"))).awaitDemo();
        logIn();
    }

    /** C44: the form creates a schedule, a bad field is named, the list shows it, Delete removes it. */
    @Test
    @Order(1)
    void c44_aScheduleIsCreatedThroughTheFormListedAndDeleted() throws Exception {
        browser.open("#/schedules");
        WebElement configured = browser.find("#schedules tr[data-schedule-id=folders-hourly]");
        assertThat(configured.getAttribute("data-origin")).isEqualTo("CONFIGURATION");
        assertThat(configured.getText()).contains("every PT1H");
        assertThat(configured.findElements(By.cssSelector("button"))).as("a configuration's schedule").isEmpty();

        browser.find("#s-id").sendKeys("it-demo");
        browser.find("#s-handler").sendKeys("demo");
        browser.find("#s-items").sendKeys("alpha, beta");
        browser.find("#s-every").sendKeys("15m");
        browser.click("#s-submit");
        assertThat(browser.text("#s-error", "400").getText()).contains("every").contains("ISO-8601");
        browser.until("the bad field marked",
                d -> "true".equals(browser.find("#s-every").getAttribute("aria-invalid")));
        assertThat(rig.api.get("/schedules/it-demo", rig.operator).status()).as("nothing stored").isEqualTo(404);

        browser.find("#s-every").clear();
        browser.find("#s-every").sendKeys("PT15M");
        browser.click("#s-submit");
        WebElement row = browser.find("#schedules tr[data-schedule-id=it-demo]");
        assertThat(row.getAttribute("data-origin")).isEqualTo("CONTROL");
        assertThat(row.getText()).contains("every PT15M").contains("alpha, beta");
        assertThat(browser.present("#s-error:not([hidden])")).isFalse();
        browser.text(".notice.ok", "Schedule it-demo saved");
        browser.screenshot("13-schedules");
        JsonNode stored = rig.api.get("/schedules/it-demo", rig.operator).json();
        assertThat(stored.get("every").asText()).isEqualTo("PT15M");
        assertThat(stored.get("itemIds")).extracting(JsonNode::asText).containsExactly("alpha", "beta");

        browser.click("#schedules tr[data-schedule-id=it-demo] button[data-action='Delete schedule it-demo']");
        browser.until("the row to go", d -> !browser.present("#schedules tr[data-schedule-id=it-demo]"));
        assertThat(rig.api.get("/schedules/it-demo", rig.operator).status()).isEqualTo(404);
        assertThat(browser.present("#schedules tr[data-schedule-id=folders-hourly]")).isTrue();
    }

    /** C44, live: a schedule's runs show in its row as the stream tells of them, without a reload. */
    @Test
    @Order(2)
    void c44_aSchedulesRunsShowInItsRowWithoutAReload() throws Exception {
        browser.open("#/schedules");
        browser.find("#schedules tr[data-schedule-id=folders-hourly]");
        browser.js("window.sameDocument = 'yes';");
        for (String[] field : new String[][] {{"#s-id", "it-fast"}, {"#s-handler", "demo"}, {"#s-items", "alpha"},
                {"#s-every", "PT1S"}}) {
            browser.find(field[0]).clear();
            browser.find(field[0]).sendKeys(field[1]);
        }
        browser.click("#s-submit");
        WebElement last = browser.find("#schedules tr[data-schedule-id=it-fast] td[data-label='Last request'] a");
        assertThat(Long.parseLong(last.getAttribute("data-request-id"))).isPositive();
        browser.until("its runs counted", d -> Integer.parseInt(browser.find(
                "#schedules tr[data-schedule-id=it-fast] td[data-label=Runs]").getText()) >= 2);
        assertThat(browser.js("return window.sameDocument;")).as("no reload").isEqualTo("yes");
        browser.click("#schedules tr[data-schedule-id=it-fast] button[data-action='Delete schedule it-fast']");
        browser.until("the row to go", d -> !browser.present("#schedules tr[data-schedule-id=it-fast]"));
    }

    /** C43: an item in backoff is shown where it waits, and "Retry now" makes its request run to its end. */
    @Test
    @Order(3)
    void c43_anItemInBackoffIsShownAndRetryNowMakesItRun() throws Exception {
        long id = waitingRequest("offline");
        browser.open("#/problems");
        WebElement row = browser.find("#backoffs tr[data-handler-id=folders][data-item-id=offline]");
        assertThat(row.findElement(By.cssSelector("td[data-label=Failures]")).getText()).isEqualTo("1");
        assertThat(row.getText()).contains("is not reachable");
        assertThat(row.findElement(By.cssSelector("a[data-request-id]")).getAttribute("data-request-id"))
                .isEqualTo(String.valueOf(id));
        browser.screenshot("14-problems-backoff");

        browser.open("#/requests/" + id);
        browser.find("#request-facts[data-phase=WAITING]");
        assertThat(browser.find("#request-waiting tr[data-item-id=offline]").getText()).contains("is not reachable");
        assertThat(browser.find("#request-items tr[data-item-id=offline]").getAttribute("data-status"))
                .isEqualTo("WAITING");
        browser.screenshot("15-request-waiting");

        Path source = Files.createDirectories(rig.dist.home.resolve("data/offline-source"));
        Files.writeString(source.resolve("back.txt"), "on");
        browser.open("#/problems");
        browser.click("#backoffs tr[data-item-id=offline] button[data-action='Retry folders/offline now']");
        browser.text(".notice.ok", "Retry folders/offline now: done");
        browser.until("the backoff to end", d -> !browser.present("#backoffs tr[data-item-id=offline]"));

        browser.open("#/requests/" + id);
        browser.find("#request-facts[data-status=SUCCEEDED]");
        assertThat(browser.find("#request-items tr[data-item-id=offline] .attempts").getText()).isEqualTo("2");
        assertThat(browser.present("#request-waiting tr")).isFalse();
        assertThat(Files.readString(rig.dist.home.resolve("data/offline-target/back.txt"))).isEqualTo("on");
        browser.screenshot("16-request-retried");
    }

    /** C49: a viewer sees the backoffs and the schedules, and no action of either. */
    @Test
    @Order(4)
    void c49_aViewerSeesBackoffsAndSchedulesWithoutActions() throws Exception {
        long id = waitingRequest("unplugged");
        String viewer = rig.dist.ok("token-create it-schedules-viewer --role VIEWER").text().strip();
        browser.click("#logout");
        browser.find("#token-form");
        browser.logInWithToken(viewer);
        browser.open("#/problems");
        browser.find("#backoffs tr[data-item-id=unplugged]");
        browser.open("#/schedules");
        browser.find("#schedules tr[data-schedule-id=folders-hourly]");
        assertThat(browser.present("#schedule-form")).as("no form").isFalse();
        browser.open("#/requests/" + id);
        browser.find("#request-waiting tr[data-item-id=unplugged]");
        for (String page : List.of("#/problems", "#/schedules", "#/requests/" + id)) {
            browser.open(page);
            browser.until(page + " to be read", d -> browser.present("main table tbody tr:not(.empty)"));
            assertThat(browser.all("[data-action]")).as("actions on " + page).isEmpty();
            assertThat(browser.all("main button.action, main button[data-edit]")).as("buttons on " + page).isEmpty();
        }
    }

    /** Starts a sync of a pair whose source is missing and waits until its request waits for a retry. */
    private long waitingRequest(String pair) throws Exception {
        Poll.until("pair " + pair + " to be an item", ConsoleRig.STARTUP,
                () -> rig.api.get("/handlers/folders/items/" + pair, rig.operator), a -> a.status() == 200);
        ApiClient.Answer a = rig.api.post("/handlers/folders/items/sync", rig.operator,
                "{\"itemIds\": [\"" + pair + "\"]}");
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        long id = a.json().get("requestId").asLong();
        Poll.until("request " + id + " to wait for a retry", ConsoleRig.STARTUP, () -> rig.api.get("/requests/" + id,
                rig.operator).json(), r -> r.get("phase").asText().equals("WAITING"));
        return id;
    }
}
