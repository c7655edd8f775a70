package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.testsupport.Poll;

/**
 * Conflicts end to end (C46, C47): the folder-sync handler's two-way pair in a running distribution;
 * a file changed on both sides is listed as a conflict, neither side overwritten, and resolved each
 * way through the shell and the HTTP API; the files on disk say how, and the conflict is listed
 * until the handler's store no longer reports it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;
    private ApiClient api;
    private String operator;
    private Path source;
    private Path target;

    @BeforeAll
    void start() throws Exception {
        Path folders = work.resolve("conflict-folders").toAbsolutePath();
        source = Files.createDirectories(folders.resolve("a"));
        target = Files.createDirectories(folders.resolve("b"));
        Files.writeString(source.resolve("f.txt"), "one", StandardCharsets.UTF_8);
        dist = Distribution.start(template, work.resolve("conflicts"), Map.of(
                "dev.synccenter.sample.folders.pair-both.cfg",
                "id=both\nname=Both ways\nsource=" + source + "\ntarget=" + target + "\ntwoWay=true\n"));
        dist.awaitReady(STARTUP);
        api = ApiClient.of(dist);
        operator = dist.operatorToken();
        syncNow();
        Poll.until("the first sync to copy f.txt", WAIT, () -> read(target.resolve("f.txt")), "one"::equals);
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    // C46, C47
    @Test
    void c46_c47_aFileChangedOnBothSidesIsListedAndResolvedThroughTheShellAndTheHttpApi() throws Exception {
        // Through the shell: keep the source's version.
        String first = conflict("source two", "target two, longer");
        assertThat(read(source.resolve("f.txt"))).isEqualTo("source two"); // C46: neither side overwritten
        assertThat(read(target.resolve("f.txt"))).isEqualTo("target two, longer");
        Distribution.Answer resolved = dist.ok("resolve folders " + first + " --keep 0");
        assertThat(resolved.text()).contains(first).contains("RESOLVED");
        assertThat(read(target.resolve("f.txt"))).isEqualTo("source two");
        assertThat(conflictIds()).isEmpty(); // C47: gone once the handler's store no longer reports it

        // Through the HTTP API: keep both, the target's under its alternate name.
        String second = conflict("source three", "target three, longer");
        ApiClient.Answer both = api.post("/conflicts/folders/resolve", operator, "{\"conflictIds\":[\"" + second
                + "\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[{\"index\":0},{\"index\":1}]},\"applyToAll\":false}");
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        assertThat(both.body()).contains("RESOLVED");
        assertThat(read(source.resolve("f.txt"))).isEqualTo("source three");
        assertThat(read(target.resolve("f.txt"))).isEqualTo("source three");
        assertThat(read(source.resolve("f (target).txt"))).isEqualTo("target three, longer");
        assertThat(read(target.resolve("f (target).txt"))).isEqualTo("target three, longer");
        assertThat(conflictIds()).isEmpty();

        // Through the HTTP API again: stop syncing the file; later changes of it stay where they are.
        String third = conflict("source four", "target four, longer");
        ApiClient.Answer removed = api.post("/conflicts/folders/resolve", operator, "{\"conflictIds\":[\"" + third
                + "\"],\"choice\":{\"kind\":\"REMOVE_FROM_SYNC_SET\"},\"applyToAll\":false}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(conflictIds()).isEmpty();
        Files.writeString(source.resolve("f.txt"), "source five", StandardCharsets.UTF_8);
        syncNow();
        assertThat(read(target.resolve("f.txt"))).isEqualTo("target four, longer");
    }

    /**
     * Makes f.txt differ on both sides while the pair is disabled, syncs, and answers the conflict's
     * ID. The two versions differ in size: the handler compares sizes and modification times, and two
     * writes in one tick of the file system's clock get the same time.
     */
    private String conflict(String inSource, String inTarget) throws Exception {
        dist.ok("disable folders both");
        Files.writeString(source.resolve("f.txt"), inSource, StandardCharsets.UTF_8);
        Files.writeString(target.resolve("f.txt"), inTarget, StandardCharsets.UTF_8);
        dist.ok("enable folders both");
        syncNow();
        List<String> ids = Poll.until("the conflict to be listed", WAIT, this::conflictIds, l -> l.size() == 1);
        return ids.get(0);
    }

    /** Starts a sync of the pair and waits for its result (a sync that finds a conflict still ends). */
    private void syncNow() throws Exception {
        String id = dist.ok("start folders both").lines().get(0).trim();
        Poll.until("request " + id + " to end", WAIT, () -> dist.client("wait", id, "5").text(), t -> t.contains("DONE"));
    }

    private List<String> conflictIds() throws Exception {
        ApiClient.Answer a = api.get("/conflicts?handler=folders", operator);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().get("entries").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (java.io.IOException e) {
            return null; // being written: the next look will see it
        }
    }
}
