package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncResult;

class SyncCommandsTest {

    private final FakeControl control = new FakeControl();
    private final SyncCommands commands = new SyncCommands(control, id -> id == 7 ? 1 : 0, Duration.ofMillis(1));
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    SyncCommandsTest() {
        ItemSnapshot alpha = new ItemSnapshot("alpha", "Alpha", "", "", null, true, true, Set.of(), Set.of(), false);
        control.handlers.add(new HandlerSnapshot("demo", "Demo handler", HandlerType.APPLICATION, "", "3 items",
                null, true, true, true, Set.of(), Set.of(), List.of(alpha), HandlerAvailability.SERVING,
                "dev.synccenter.sample.demo 1.0.0", 12, 0, 2, 1));
        control.handlers.add(new HandlerSnapshot("mail-archive", "Mail", HandlerType.APPLICATION, "", "",
                null, false, true, true, Set.of(), Set.of(), List.of(), HandlerAvailability.PARKED, "x 1.0.0",
                0, 0, 0, 0));
    }

    private String run(String command, String... args) throws InterruptedException {
        commands.execute(command, List.of(args), out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void handlersIsAnAlignedTable() throws Exception {
        List<String> lines = run("handlers").lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID            NAME          AVAILABILITY  ACTIVE  ENABLED  QUEUED");
        int column = lines.get(0).indexOf("AVAILABILITY");
        assertThat(lines.get(1).substring(column)).startsWith("SERVING ");
        assertThat(lines.get(2).substring(column)).startsWith("PARKED ");
        assertThat(lines.get(1)).endsWith("3 items  dev.synccenter.sample.demo 1.0.0");
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
    }

    @Test
    void startPrintsTheRequestIdAndPassesTheFlag() throws Exception {
        assertThat(run("start", "demo", "alpha", "--ignore-if-syncing", "beta")).isEqualTo("42\n");
        assertThat(control.calls).containsExactly("startItemSync demo [alpha, beta] [IGNORE_IF_ALREADY_SYNCING]");
    }

    @Test
    void doubleDashEndsTheOptions() throws Exception {
        run("start", "demo", "--", "--odd-item");
        assertThat(control.calls).containsExactly("startItemSync demo [--odd-item] []");
    }

    @Test
    void badCommandLinesAreOneLineUsageErrors() {
        assertThatThrownBy(() -> run("start", "demo", "alpha", "--bogus"))
                .isInstanceOf(UsageException.class)
                .hasMessage("start: unknown option --bogus; usage: start <handler> <item>... [--ignore-if-syncing]");
        assertThatThrownBy(() -> run("start", "demo")).hasMessageStartingWith("start: missing argument <item>");
        assertThatThrownBy(() -> run("stop-all", "now")).hasMessageStartingWith("stop-all: unexpected argument 'now'");
        assertThatThrownBy(() -> run("wait", "12", "soon")).hasMessageStartingWith(
                "wait: <timeout-seconds> must be a whole number, was 'soon'");
        assertThatThrownBy(() -> run("start-handler", "demo", "--ignore-if-syncing=yes"))
                .hasMessageStartingWith("start-handler: option --ignore-if-syncing takes no value");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void refusalsOfTheControlServicePassThroughUnchanged() {
        assertThatThrownBy(() -> run("start", "nosuch", "alpha"))
                .isInstanceOf(SyncArgumentException.class)
                .hasMessage("handlerId: no handler 'nosuch' is registered or parked");
        assertThat(ExitStatus.of(new SyncArgumentException("itemIds[0]", "must not be empty (C1)"))).isEqualTo(1);
        assertThat(ExitStatus.of(new SyncRefusedException(SyncRefusedException.Reason.HANDLER_DISABLED, "x")))
                .isEqualTo(1);
        assertThat(ExitStatus.of(new UsageException("x"))).isEqualTo(1);
        assertThat(ExitStatus.of(new WaitTimeoutException("x"))).isEqualTo(2);
        assertThat(ExitStatus.of(new NullPointerException())).isEqualTo(2);
        assertThat(ExitStatus.message(new IllegalStateException("two\nlines"))).isEqualTo("two lines");
    }

    @Test
    void enableDisableActivateAndUpdateWaitForTheHandler() throws Exception {
        run("disable", "demo", "alpha");
        run("enable", "demo");
        run("deactivate", "demo");
        run("update", "demo");
        run("update");
        assertThat(control.calls).containsExactly("enableItem false demo alpha [WAIT]", "enableHandler true demo [WAIT]",
                "activateHandler false demo [WAIT]", "updateHandler demo [WAIT]", "updateHandlerCollection [WAIT]");
    }

    @Test
    void requestShowsItsResultAndHowManyResultsWereDelivered() throws Exception {
        control.requests.put(7L, done(7));
        String text = run("request", "7");
        assertThat(text).contains("phase              DONE").contains("result             SUCCEEDED")
                .contains("results delivered  1").containsPattern("alpha\\s+SUCCEEDED\\s+100%\\s+-\\s+done v1");
    }

    // C38
    @Test
    void c38_historyListsResultsNewestFirstAndPassesItsFilters() throws Exception {
        control.history.add(new SyncResult(12, "demo", ProgressStatus.FAILED, 1, 0, Map.of("alpha", ProgressStatus.FAILED),
                null, Instant.now(), Instant.now(), Instant.now(), "dev.synccenter.sample.demo 2.0.0"));
        control.history.add(new SyncResult(11, "demo", ProgressStatus.SUCCEEDED, 0, 0,
                Map.of("alpha", ProgressStatus.SUCCEEDED), null));
        String text = run("history", "--handler", "demo", "--state", "failed", "--last", "2h", "--limit", "5");
        assertThat(text).containsPattern("12\\s+demo\\s+FAILED\\s+1\\s+\\S+ \\S+\\s+dev.synccenter.sample.demo 2.0.0\\s+1")
                .doesNotContain("SUCCEEDED");
        assertThat(control.lastHistoryFilter.handlerId()).isEqualTo("demo");
        assertThat(control.lastHistoryFilter.limit()).isEqualTo(5);
        assertThat(control.lastHistoryFilter.finishedFrom()).isBefore(Instant.now().minusSeconds(7_000));
        bytes.reset();
        assertThat(run("history", "--state", "canceled")).isEqualTo("no results match\n");
    }

    @Test
    void requestsShowsPercentages() throws Exception {
        control.requests.put(9L, new RequestSnapshot(9, "demo", RequestKind.ITEM_SYNC, Set.of(), RequestPhase.RUNNING,
                Instant.now(), Instant.now(), List.of(new ItemProgress("alpha", ProgressStatus.UPDATING, "step 2", 2, 5),
                        new ItemProgress("beta", ProgressStatus.PENDING, "", 0, 0)), null));
        String text = run("requests");
        assertThat(text).containsPattern("9\\s+demo\\s+ITEM_SYNC\\s+RUNNING\\s+\\S+\\s+alpha\\s+UPDATING\\s+40%\\s+-\\s+step 2")
                .containsPattern("\\n\\s+beta\\s+PENDING\\s+-\\s+-");
    }

    @Test
    void requestsListsAtMostTheLimitAndCountsWhatItLeftOut() throws Exception {
        for (long id = 1; id <= 10_001; id++) {
            control.requests.put(id, open(id, id % 2 == 0 ? "demo" : "mail-archive",
                    id > 10_000 ? RequestPhase.PARKED : RequestPhase.QUEUED));
        }
        List<String> lines = run("requests").lines().toList();
        assertThat(lines).hasSize(1 + RequestCommands.DEFAULT_REQUEST_LIMIT + 1);
        assertThat(lines.get(1)).startsWith("1 ");
        assertThat(lines).last().isEqualTo("… 9,901 more not shown; use --limit");
    }

    @Test
    void requestsFiltersByHandlerAndState() throws Exception {
        for (long id = 1; id <= 6; id++) {
            control.requests.put(id, open(id, id % 2 == 0 ? "demo" : "mail-archive",
                    id > 4 ? RequestPhase.PARKED : RequestPhase.QUEUED));
        }
        List<String> lines = run("requests", "--handler", "demo", "--state", "queued,RUNNING", "--limit=1")
                .lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).matches("2\\s+demo\\s+ITEM_SYNC\\s+QUEUED\\s.*");
        assertThat(lines.get(2)).isEqualTo("… 1 more not shown; use --limit");
        bytes.reset();
        assertThat(run("requests", "--state", "running")).isEqualTo("no request matches --state running\n");
    }

    @Test
    void requestsRefusesBadFiltersNamingTheOption() {
        assertThatThrownBy(() -> run("requests", "--state", "DONE")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("requests: --state must be QUEUED, PARKED, WAITING or RUNNING");
        assertThatThrownBy(() -> run("requests", "--limit", "0")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("requests: --limit must be from 1 to 10000, was 0");
        assertThatThrownBy(() -> run("requests", "--limit", "all"))
                .hasMessageStartingWith("requests: --limit must be a whole number, was 'all'");
    }

    @Test
    void helpListsEveryCommandWithItsDescriptionFromTheSameTableThatRunsThem() throws Exception {
        List<String> help = run("help").lines().toList();
        // a header, one line per command, and how to see one command's usage
        assertThat(help).hasSize(commands.names().size() + 2);
        assertThat(help.get(0)).matches("COMMAND +DESCRIPTION");
        assertThat(help.get(help.size() - 1)).isEqualTo("sync:help <command> shows a command's usage");
        List<String> rows = help.subList(1, help.size() - 1);
        assertThat(rows).extracting(line -> line.split(" +", 2)[0])
                .containsExactlyElementsOf(commands.names().stream().map(n -> "sync:" + n).toList());
        assertThat(rows).allSatisfy(line -> assertThat(line.split(" +", 2)[1])
                .isEqualTo(commands.description(line.split(" ")[0].substring("sync:".length()))));
        assertThat(rows).anySatisfy(line -> assertThat(line).matches("sync:stop-all +stop every sync"));
    }

    @Test
    void everyCommandHasAOneLineDescriptionAndHelpShowsItsUsage() throws Exception {
        for (String name : commands.names()) {
            assertThat(commands.description(name)).as(name).isNotBlank().doesNotContain("\n").hasSizeLessThan(72);
            bytes.reset();
            List<String> help = run("help", name).lines().toList();
            assertThat(help).as(name).containsExactly("usage: sync:" + commands.usage(name).text(),
                    commands.description(name), "role: " + commands.role(name));
            bytes.reset();
            assertThat(run("help", "sync:" + name)).as("with the scope").isEqualTo(String.join("\n", help) + "\n");
        }
        bytes.reset();
        assertThat(run("help", "start").lines()).containsExactly(
                "usage: sync:start <handler> <item>... [--ignore-if-syncing]",
                "sync some items of a handler; prints the request ID", "role: OPERATOR");
        assertThatThrownBy(() -> run("help", "nosuch")).isInstanceOf(UsageException.class)
                .hasMessage("unknown command 'nosuch'; try: help");
        assertThatThrownBy(() -> run("help", "start", "stop")).isInstanceOf(UsageException.class)
                .hasMessage("help: unexpected argument 'stop'; usage: help [command]");
    }

    @Test
    void theCatalogHasTheSameCommandsButRunsNone() {
        SyncCommands catalog = SyncCommands.catalog();
        assertThat(catalog.names()).containsExactlyElementsOf(commands.names());
        for (String name : commands.names()) {
            assertThat(catalog.description(name)).isEqualTo(commands.description(name));
            assertThat(catalog.usage(name).text()).isEqualTo(commands.usage(name).text());
        }
        assertThatThrownBy(() -> catalog.execute("handlers", List.of(), out)).isInstanceOf(NotReadyException.class)
                .hasMessage(RemoteEndpoint.NOT_READY);
    }

    @Test
    void waitReturnsWhenDoneAndGivesUpAtItsTimeout() throws Exception {
        control.requests.put(7L, done(7));
        assertThat(run("wait", "7", "1")).startsWith("request 7 DONE SUCCEEDED (errors 0, conflicts 0): alpha SUCCEEDED");
        control.requests.put(8L, new RequestSnapshot(8, "demo", RequestKind.ITEM_SYNC, Set.of(), RequestPhase.QUEUED,
                Instant.now(), null, List.of(new ItemProgress("alpha", ProgressStatus.PENDING, "", 0, 0)), null));
        assertThatThrownBy(() -> run("wait", "8", "0")).isInstanceOf(WaitTimeoutException.class)
                .hasMessage("wait: request 8 is still QUEUED after 0 s");
        assertThatThrownBy(() -> run("wait", "99")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("id: no request 99 is known");
    }

    @Test
    void followPrintsEachChangeUntilTheRequestIsDone() throws Exception {
        control.requests.put(7L, new RequestSnapshot(7, "demo", RequestKind.ITEM_SYNC, Set.of(), RequestPhase.RUNNING,
                Instant.now(), Instant.now(), List.of(new ItemProgress("alpha", ProgressStatus.UPDATING, "step 1", 1, 4)),
                null));
        Thread finisher = new Thread(() -> {
            while (bytes.size() == 0) {
                Thread.onSpinWait();
            }
            control.requests.put(7L, done(7));
        });
        finisher.start();
        String text = run("follow", "7");
        finisher.join(5_000);
        assertThat(text.lines().toList()).containsExactly("request 7 RUNNING: alpha 25% [step 1]",
                "request 7 DONE SUCCEEDED (errors 0, conflicts 0): alpha SUCCEEDED");
    }

    @Test
    void eventsBuildsTheFilter() throws Exception {
        assertThat(run("events", "--handler=demo", "--level", "warn", "--limit", "5")).isEqualTo("no events\n");
        assertThat(control.lastFilter.handlerId()).isEqualTo("demo");
        assertThat(control.lastFilter.minimumLevel()).isEqualTo(EventLevel.WARNING);
        assertThat(control.lastFilter.limit()).isEqualTo(5);
        assertThatThrownBy(() -> run("events", "--level", "LOUD"))
                .hasMessageStartingWith("events: --level must be INFORMATION, WARNING or ERROR, was 'LOUD'");
    }

    @Test
    void tableCellsStayOnOneLine() {
        Table table = new Table("A", "B").row("x\ny", null).row("", "z");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        table.print(new PrintStream(b, true, StandardCharsets.UTF_8));
        assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo("A    B\nx y  -\n-    z\n");
    }

    private static RequestSnapshot open(long id, String handler, RequestPhase phase) {
        return new RequestSnapshot(id, handler, RequestKind.ITEM_SYNC, Set.of(), phase, Instant.now(), null,
                List.of(new ItemProgress("alpha", ProgressStatus.PENDING, "", 0, 0)), null);
    }

    private static RequestSnapshot done(long id) {
        SyncResult result = new SyncResult(id, "demo", ProgressStatus.SUCCEEDED, 0, 0,
                Map.of("alpha", ProgressStatus.SUCCEEDED), null);
        return new RequestSnapshot(id, "demo", RequestKind.ITEM_SYNC, Set.of(), RequestPhase.DONE, Instant.now(),
                Instant.now(), List.of(new ItemProgress("alpha", ProgressStatus.SUCCEEDED, "done v1", 3, 3)), result);
    }
}
