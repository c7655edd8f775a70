package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.ResolutionAbility;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.handler.ConflictResolver;
import dev.synccenter.handler.ResolutionFeedback;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.http.EngineFixture.BadCall;
import dev.synccenter.http.Route.Reply;
import dev.synccenter.impl.engine.HandlerRef;

/**
 * The routes of conflicts (C46, C47) over the real engine: conflicts as JSON with their type,
 * versions and abilities; {@code POST /conflicts/{handler}/resolve} answered with the outcomes,
 * recorded before it runs, each bad field a 400 that names it as the body does, an unknown handler
 * a 404, a handler without a resolver a 409. Its handler {@code files} has a conflict store, which
 * its resolver empties as it resolves, and fails when the test says so.
 */
class ConflictRoutesTest {

    static final Set<ResolutionAbility> ALL = EnumSet.allOf(ResolutionAbility.class);
    static final String RESOLVE = "/conflicts/files/resolve";

    @TempDir
    Path dir;
    EngineFixture f;
    volatile List<SyncConflict> store = List.of();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String failing;
    volatile boolean withResolver = true;

    final ConflictResolver resolver = new ConflictResolver() {
        private ResolutionFeedback done(String call, SyncConflict c) {
            calls.add(call + " " + c.id());
            if (c.id().equals(failing)) {
                throw new IllegalStateException("disk full");
            }
            List<SyncConflict> left = new ArrayList<>(store);
            left.removeIf(x -> x.id().equals(c.id()));
            store = left;
            return ResolutionFeedback.CONTINUE;
        }

        public ResolutionFeedback keepRecent(SyncConflict c) {
            return done("keepRecent", c);
        }

        public ResolutionFeedback keepItems(SyncConflict c, List<ConflictChoice.Kept> kept) {
            return done("keepItems" + kept, c);
        }

        public ResolutionFeedback keepOther(SyncConflict c, String other) {
            return done("keepOther(" + other + ")", c);
        }

        public ResolutionFeedback removeFromSyncSet(SyncConflict c) {
            return done("removeFromSyncSet", c);
        }
    };

    @BeforeEach
    void start() {
        f = new EngineFixture(dir);
        f.engine.handlerAdded(new HandlerRef(2, 0, "files", "files 1", new SyncHandler() {
            public String name() {
                return "Files";
            }

            public List<SyncItem> items() {
                return List.of(SyncItem.of("docs", "Documents"));
            }

            public void synchronize(List<String> ids, SyncCallback cb, Object ctx, long req) {
            }

            public Set<HandlerCapability> capabilities() {
                return Set.of(HandlerCapability.CONFLICT_STORE);
            }

            public List<SyncConflict> conflicts() {
                return store;
            }

            public ConflictResolver conflictResolver() {
                return withResolver ? resolver : null;
            }
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.handler("files").isPresent());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static SyncConflict conflict(String id, String type, Set<ResolutionAbility> abilities) {
        return new SyncConflict(id, null, "docs", "File " + id, "changed on both sides", type,
                List.of(new ConflictVersion(id + ".txt", "laptop", Instant.parse("2026-12-01T10:00:00Z"), 10, ""),
                        new ConflictVersion(id + ".txt", "server", null, -1, id + " (server).txt")),
                abilities);
    }

    private void report(SyncConflict... conflicts) {
        store = List.of(conflicts);
        f.engine.updateConflicts("files", null, Set.of(ControlFlag.WAIT));
    }

    private List<String> listed() {
        return f.engine.conflicts("files", null).stream().map(SyncConflict::id).toList();
    }

    // C46
    @Test
    void c46_conflictsShowTheirTypeVersionsAndAbilities() throws Exception {
        report(conflict("c1", "both", EnumSet.of(ResolutionAbility.KEEP_RECENT, ResolutionAbility.KEEP_SINGLE)));
        JsonNode c = f.call("GET", "/conflicts", "handler=files", "").body().get("entries").get(0);
        assertThat(c.get("id").asText()).isEqualTo("c1");
        assertThat(c.get("handlerId").asText()).isEqualTo("files");
        assertThat(c.get("type").asText()).isEqualTo("both");
        assertThat(c.get("abilities")).extracting(JsonNode::asText).containsExactly("KEEP_RECENT", "KEEP_SINGLE");
        JsonNode v0 = c.get("versions").get(0);
        assertThat(v0.get("index").asInt()).isZero();
        assertThat(v0.get("name").asText()).isEqualTo("c1.txt");
        assertThat(v0.get("location").asText()).isEqualTo("laptop");
        assertThat(v0.get("modifiedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(v0.get("size").asLong()).isEqualTo(10);
        JsonNode v1 = c.get("versions").get(1);
        assertThat(v1.get("index").asInt()).isEqualTo(1);
        assertThat(v1.has("modifiedAt")).as("not known").isFalse();
        assertThat(v1.has("size")).as("not known").isFalse();
        assertThat(v1.get("alternateName").asText()).isEqualTo("c1 (server).txt");
    }

    // C46, C47, C51
    @Test
    void c46_c47_c51_resolveAnswersTheOutcomesAndIsRecordedBeforeItRuns() throws Exception {
        report(conflict("c1", "both", ALL), conflict("c2", "both", ALL), conflict("c3", "other", ALL));
        List<Integer> callsAtRecord = new CopyOnWriteArrayList<>();
        f.audit.atRecord = e -> callsAtRecord.add(calls.size());
        Reply r = f.call("POST", RESOLVE, null, "{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\","
                + "\"kept\":[{\"index\":0},{\"index\":1,\"newName\":\"c1 (server).txt\"}]},\"applyToAll\":true}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("outcomes")).hasSize(2).allSatisfy(o -> {
            assertThat(o.get("result").asText()).isEqualTo("RESOLVED");
            assertThat(o.get("message").asText()).isEmpty();
        }).extracting(o -> o.get("conflictId").asText()).containsExactly("c1", "c2");
        assertThat(calls).containsExactly(
                "keepItems[Kept[index=0, newName=null], Kept[index=1, newName=c1 (server).txt]] c1",
                "keepItems[Kept[index=0, newName=null], Kept[index=1, newName=c1 (server).txt]] c2");
        assertThat(listed()).containsExactly("c3");
        assertThat(f.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("POST /api/conflicts/files/resolve");
            assertThat(e.target()).isEqualTo("handler=files conflicts=c1 choice=KEEP_ITEMS applyToAll");
        });
        assertThat(f.call("POST", RESOLVE, null, "{\"conflictIds\":[\"c3\"],\"choice\":{\"kind\":\"KEEP_OTHER\","
                + "\"other\":\"/srv/merged/c3.txt\"}}").body().get("outcomes").get(0).get("result").asText())
                .isEqualTo("RESOLVED");
        assertThat(calls).last().isEqualTo("keepOther(/srv/merged/c3.txt) c3");
        assertThat(f.call("GET", "/conflicts").body().get("entries")).isEmpty();
        assertThat(callsAtRecord).as("each recorded before the resolver ran").containsExactly(0, 2);
    }

    // C47
    @Test
    void c47_aFailedResolutionIsAnOutcomeAndTheConflictStaysListed() throws Exception {
        report(conflict("c1", "both", ALL), conflict("c2", "both", ALL));
        failing = "c1";
        JsonNode outcomes = f.call("POST", RESOLVE, null, "{\"conflictIds\":[\"c1\",\"c2\"],\"choice\":{\"kind\":"
                + "\"REMOVE_FROM_SYNC_SET\"}}").body().get("outcomes");
        assertThat(outcomes.get(0).get("result").asText()).isEqualTo("FAILED");
        assertThat(outcomes.get(0).get("message").asText()).contains("disk full");
        assertThat(outcomes.get(1).get("result").asText()).isEqualTo("RESOLVED");
        assertThat(listed()).containsExactly("c1");
    }

    /** A POST of resolve with this body, refused naming argument. */
    private static BadCall resolve(String body, String argument) {
        return new BadCall("POST", RESOLVE, null, body, argument);
    }

    // C46
    @Test
    void c46_badResolutionsAre400NamingTheFieldAsTheBodyDoes() throws Exception {
        report(conflict("c1", "both", EnumSet.of(ResolutionAbility.KEEP_RECENT, ResolutionAbility.KEEP_SINGLE)));
        String recent = ",\"choice\":{\"kind\":\"KEEP_RECENT\"}}";
        f.assertBadArguments(List.of(
                resolve("{\"choice\":{\"kind\":\"KEEP_RECENT\"}}", "conflictIds"),
                resolve("{\"conflictIds\":[]" + recent, "conflictIds"),
                resolve("{\"conflictIds\":[1]" + recent, "conflictIds[0]"),
                resolve("{\"conflictIds\":[\"c1\"]}", "choice"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":\"KEEP_RECENT\"}", "choice"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{}}", "choice.kind"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"MERGE\"}}", "choice.kind"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_RECENT\",\"bogus\":1}}", "choice.bogus"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\"}}", "choice.kept"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[1]}}", "choice.kept[0]"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[{}]}}",
                        "choice.kept[0].index"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[{\"index\":-1}]}}",
                        "choice.kept[0].index"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[{\"index\":0.5}]}}",
                        "choice.kept[0].index"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[{\"index\":0,"
                        + "\"newName\":\" \"}]}}", "choice.kept[0].newName"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_RECENT\",\"kept\":[{\"index\":0}]}}",
                        "choice.kept"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_RECENT\",\"other\":\"/x\"}}",
                        "choice.other"),
                resolve("{\"conflictIds\":[\"c1\"]" + recent.replace("}}", "},\"applyToAll\":\"yes\"}"),
                        "applyToAll"),
                resolve("{\"conflictIds\":[\"c1\"]," + recent.substring(1).replace("}}", "},\"bogus\":1}"), "bogus"),
                new BadCall("POST", "/conflicts/ files/resolve", null, "{}", "handler")));
        assertThat(f.audit.entries).as("nothing recorded").isEmpty();
        // whether each conflict is listed and offers the choice is the engine's to say: recorded, then refused
        f.assertBadArguments(List.of(
                resolve("{\"conflictIds\":[\"nope\"]" + recent, "conflictIds[0]"),
                resolve("{\"conflictIds\":[\"c1\",\"c1\"]" + recent, "conflictIds[1]"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"REMOVE_FROM_SYNC_SET\"}}", "conflictIds[0]"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_ITEMS\",\"kept\":[{\"index\":5}]}}",
                        "choice.kept"),
                resolve("{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_OTHER\"}}", "choice.other")));
        assertThat(calls).isEmpty();
        assertThat(listed()).containsExactly("c1");
    }

    // C46
    @Test
    void c46_anUnknownHandlerIs404AndAHandlerWithoutAResolverIs409() throws Exception {
        report(conflict("c1", "both", ALL));
        String body = "{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_RECENT\"}}";
        ApiException unknown = f.refusal("POST", "/conflicts/nosuch/resolve", null, body);
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.argument).isEqualTo("handler");
        assertThat(f.audit.entries).as("refused before it was recorded").isEmpty();
        withResolver = false;
        ApiException none = f.refusal("POST", RESOLVE, null, body);
        assertThat(none.status).isEqualTo(409);
        assertThat(none.reason).isEqualTo(SyncRefusedException.Reason.POLICY.name());
        assertThat(none.getMessage()).contains("resolves no conflicts");
        assertThat(listed()).containsExactly("c1");
    }
}
