package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the web console's browser tests share: one distribution and one browser per class, the
 * operator logged in, no script error after any test, and both closed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsolePageTest {

    ConsoleRig rig;
    Browser browser;

    /** Opens the console in the rig's browser and logs in as the operator. */
    void logIn() throws java.io.IOException {
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

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.scriptErrors()).as("script errors in the page").isEmpty();
    }
}
