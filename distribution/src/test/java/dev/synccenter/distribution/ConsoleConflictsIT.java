package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.synccenter.distribution.fixture.ConflictHandler;
import dev.synccenter.testsupport.Poll;

/**
 * Resolving conflicts in the web console (C46, C47), in Debian's headless Chromium against the real
 * distribution with the fixture handler {@value ConflictHandler#ID} (three conflicts, two of type
 * "both"): an operator sees each conflict's versions and the buttons of the choices it offers, keeps
 * both versions of one with "apply to all of this type", and sees the outcomes while the two
 * conflicts leave the list and the third stays; a viewer sees the versions and no control at all.
 */
class ConsoleConflictsIT extends ConsolePageTest {

    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    @BeforeAll
    void start() throws Exception {
        rig = ConsoleRig.start("console-conflicts", Map.of());
        rig.dist.dropHandler(FixtureBundle.build(work.resolve("conflict-handler.jar"), ConflictHandler.class,
                "dev.synccenter.test.conflicthandler", "TEST FIXTURE: a handler with conflicts (ConsoleConflictsIT)",
                "dev.synccenter.handler;version=\"[1.2,2)\",dev.synccenter.control;version=\"[1.4,2)\","
                        + "org.osgi.framework;version=\"[1.8,2)\""), "conflict-handler.jar");
        Poll.until("the fixture's three conflicts", ConsoleRig.STARTUP, () -> {
            rig.api.post("/handlers/" + ConflictHandler.ID + "/conflicts/update", rig.operator, null);
            return rig.api.get("/conflicts?handler=" + ConflictHandler.ID, rig.operator);
        }, a -> a.status() == 200 && a.json().get("entries").size() == 3);
        logIn();
    }

    // C46, C47
    @Test
    @Order(1)
    void c46_c47_anOperatorKeepsBothVersionsOfAllConflictsOfOneTypeAndSeesTheOutcomes() {
        browser.open("#/conflicts");
        browser.text("#conflicts tr[data-conflict-id=c1] ol.versions", "c1.txt @ laptop");
        browser.text("#conflicts tr[data-conflict-id=c1] ol.versions", "12 bytes");
        assertThat(browser.all("#conflicts tr[data-conflict-id=c1] button.action")).extracting(e -> e.getText())
                .containsExactly("Keep recent", "Keep #0 (laptop)", "Keep #1 (server)", "Keep both",
                        "Remove from sync set");
        browser.click("#conflicts input[data-apply-to-all=c1]");
        browser.click("#conflicts button[data-action='Keep both: conflict c1']");
        browser.find("#c-outcomes li[data-conflict-id=c1][data-result=RESOLVED]");
        browser.find("#c-outcomes li[data-conflict-id=c2][data-result=RESOLVED]");
        browser.until("c1 and c2 to leave the list", d -> !browser.present("#conflicts tr[data-conflict-id=c1]")
                && !browser.present("#conflicts tr[data-conflict-id=c2]") ? Boolean.TRUE : null);
        browser.find("#conflicts tr[data-conflict-id=c3]");
        browser.text("#notices", "2 resolved, 0 failed, 0 skipped");
    }

    // C49
    @Test
    @Order(2)
    void c49_aViewerSeesTheVersionsAndNoControl() throws Exception {
        String viewer = rig.dist.ok("token-create it-console-conflicts-viewer --role VIEWER").text().strip();
        browser.click("#logout");
        browser.logInWithToken(viewer);
        browser.text("#user", "(viewer)");
        browser.open("#/conflicts");
        browser.text("#conflicts tr[data-conflict-id=c3] ol.versions", "c3.txt @ server");
        assertThat(browser.all("main button.action, main [data-action], main input[type=checkbox]")).isEmpty();
    }
}
