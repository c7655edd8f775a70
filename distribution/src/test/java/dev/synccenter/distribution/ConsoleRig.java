package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.synccenter.testsupport.Poll;

/**
 * What each browser test of the web console starts with: a distribution, its operator's secrets,
 * an API client, and (once asked for) a headless browser on the console. {@link #close()} ends the
 * browser first, then the distribution, whatever fails.
 */
final class ConsoleRig implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(60);

    final Distribution dist;
    final ApiClient api;
    final String operator;
    final String user;
    final String password;
    private Browser browser;

    private ConsoleRig(Distribution dist) throws IOException {
        this.dist = dist;
        Map<String, String> secrets = dist.operatorSecrets();
        this.operator = secrets.get("token");
        this.user = secrets.get("user");
        this.password = secrets.get("password");
        this.api = ApiClient.of(dist);
    }

    /** A distribution in {@code target/it-work/<name>} with these etc/ files, ready, its secrets read. */
    static ConsoleRig start(String name, Map<String, String> etc) throws IOException {
        Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
        Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));
        Distribution dist = Distribution.start(template, work.resolve(name), etc);
        try {
            dist.awaitReady(STARTUP);
            return new ConsoleRig(dist);
        } catch (IOException | RuntimeException e) {
            dist.close();
            throw e;
        }
    }

    /** Waits until the API serves the demo handler. */
    ConsoleRig awaitDemo() {
        Poll.until("the API to serve the demo handler", STARTUP, () -> api.get("/handlers/demo", operator),
                a -> a.status() == 200 && a.json().get("availability").asText().equals("SERVING"));
        return this;
    }

    /** The headless browser on the console, made on first use; its screenshots go to target/screenshots. */
    Browser browser() throws IOException {
        if (browser == null) {
            browser = new Browser("http://127.0.0.1:" + dist.httpPort + "/synccenter/",
                    Path.of(System.getProperty("screenshots.dir", "target/screenshots")));
        }
        return browser;
    }

    /** Starts an item sync of the demo handler through the API; its request ID. */
    long startDemo(String itemsJsonArray) throws IOException, InterruptedException {
        ApiClient.Answer a = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\": " + itemsJsonArray + "}");
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        return a.json().get("requestId").asLong();
    }

    @Override
    public void close() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            dist.close();
        }
    }
}
