package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.security.Role;
import dev.synccenter.security.SecurityComponent;

/**
 * The endpoint's protocol and its locks (C48 to C51), over real sockets, against the real commands
 * on a fake control service and the real security service on files in a temporary folder.
 */
class RemoteEndpointTest {

    @TempDir
    static Path securityDir;
    static SecurityComponent security;
    static String operatorToken;
    static String viewerToken;
    private static final ScheduledExecutorService TRICKLE = Executors.newScheduledThreadPool(2);

    private final FakeControl control = new FakeControl();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private RemoteEndpoint endpoint;

    @BeforeAll
    static void security() throws IOException {
        security = new SecurityComponent(securityDir, Map.of());
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(securityDir.resolve("operator.token"))) {
            secrets.load(in);
        }
        operatorToken = secrets.getProperty("token");
        viewerToken = security.createToken("dashboard", Role.VIEWER).secret();
    }

    @AfterAll
    static void stopTrickling() {
        TRICKLE.shutdownNow();
    }

    RemoteEndpointTest() {
        control.handlers.add(handler("demo"));
    }

    private static HandlerSnapshot handler(String id) {
        return new HandlerSnapshot(id, "Demo handler", HandlerType.APPLICATION, "", "", null, true, true, true,
                Set.of(), Set.of(), List.of(), HandlerAvailability.SERVING, "demo 1.0.0", 0, 0, 0, 0);
    }

    /** An endpoint on a free port with these settings, wired as DS would wire it. */
    private RemoteEndpoint start(Map<String, Object> settings) {
        return start(settings, control);
    }

    /** The same on another control service: the real engine, for the commands the fake cannot serve. */
    private RemoteEndpoint start(Map<String, Object> settings, SyncControl on) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("port", String.valueOf(freePort()));
        endpoint = new RemoteEndpoint(properties);
        endpoint.commands = new SyncCommands(on, id -> 0, Duration.ofMillis(1), () -> security,
                () -> audit);
        endpoint.authenticator = security;
        endpoint.audit = audit;
        return endpoint;
    }

    private RemoteEndpoint start() {
        return start(Map.of());
    }

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.deactivate();
        }
    }

    @Test
    void answersEndWithTheExitStatus() throws Exception {
        start();
        assertThat(ask("sync:start demo alpha")).containsExactly("42", "exit: 0");
        assertThat(ask("start demo 'my item' \"say \\\"hi\\\"\"")).containsExactly("43", "exit: 0");
        assertThat(control.calls).containsExactly("startItemSync demo [alpha] []",
                "startItemSync demo [my item, say \"hi\"] []");
        assertThat(ask("start nosuch alpha")).containsExactly(
                "error: handlerId: no handler 'nosuch' is registered or parked", "exit: 1");
        control.fault = new IllegalStateException("it broke");
        assertThat(ask("stop-all")).containsExactly("error: it broke", "exit: 2");
    }

    @Test
    void badLinesAreRefusedWithOneLine() throws Exception {
        start();
        assertThat(ask("   ")).containsExactly("error: empty command line; try: help", "exit: 1");
        assertThat(ask("start demo 'alpha")).containsExactly(
                "error: the command line has a ' quote that is not closed", "exit: 1");
        assertThat(ask("nosuch")).containsExactly("error: unknown command 'nosuch'; try: help", "exit: 1");
        assertThat(control.calls).isEmpty();
    }

    /** Issue: with sync:start missing, "start demo alpha" reached Gogo's felix:start and exited 0. */
    @Test
    void onlySyncCommandsRunAndNothingFallsThroughToAnotherScope() throws Exception {
        start();
        assertThat(ask("felix:start demo")).containsExactly(
                "error: only sync: commands run here, 'felix:start' is not one; try: help", "exit: 1");
        endpoint.commands = null; // the control service went away: DS unbinds the commands
        assertThat(ask("start demo alpha")).containsExactly("error: " + RemoteEndpoint.NOT_READY,
                "exit: " + ExitStatus.NOT_READY);
        assertThat(ask("felix:lb")).last().isEqualTo("exit: 1");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void c48_noTokenOrABadTokenIsRefusedAndNothingRuns() throws Exception {
        start();
        List<String> noToken = List.of("error: " + CommandGate.NO_TOKEN, "exit: 1");
        assertThat(send("start demo alpha\n")).as("the old protocol: the command alone").isEqualTo(noToken);
        assertThat(send("token\nstart demo alpha\n")).isEqualTo(noToken);
        assertThat(send("")).as("nothing sent").isEqualTo(noToken);
        List<String> badToken = List.of("error: " + CommandGate.BAD_TOKEN, "exit: 1");
        assertThat(send("token " + operatorToken + "x\nstart demo alpha\n")).isEqualTo(badToken);
        assertThat(send("token \nstart demo alpha\n")).isEqualTo(badToken);
        assertThat(send("token " + "A".repeat(60_000) + "\nstop-all\n")).isEqualTo(badToken);
        assertThat(send("token " + operatorToken.toUpperCase() + "\nstop-all\n")).isEqualTo(badToken);
        assertThat(control.calls).isEmpty();
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void c48_withoutTheAuthenticatorNobodyIsLetIn() throws Exception {
        start();
        endpoint.authenticator = null;
        assertThat(ask("handlers")).containsExactly("error: " + CommandGate.NO_SECURITY, "exit: 4");
        assertThat(ask("start demo alpha")).containsExactly("error: " + CommandGate.NO_SECURITY, "exit: 4");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void c49_aViewerReadsButEveryCommandThatChangesStateIsRefused() throws Exception {
        start();
        assertThat(ask(viewerToken, "handlers")).last().isEqualTo("exit: 0");
        assertThat(ask(viewerToken, "help")).last().isEqualTo("exit: 0");
        assertThat(ask(viewerToken, "backoffs")).containsExactly("no item is in backoff", "exit: 0");
        assertThat(ask(viewerToken, "schedules")).containsExactly("no schedules", "exit: 0");
        SyncCommands commands = endpoint.commands;
        List<String> refusedLines = new ArrayList<>();
        for (String name : commands.names()) {
            if (commands.role(name) == Role.OPERATOR) {
                List<String> answer = ask(viewerToken, name + " demo alpha");
                assertThat(answer).as(name).containsExactly("error: sync:" + name
                        + " needs the operator role; 'dashboard' has the viewer role (C49)", "exit: 1");
                refusedLines.add(name);
            }
        }
        assertThat(refusedLines).contains("start", "start-handler", "start-all", "stop", "stop-handler", "stop-all",
                "enable", "disable", "activate", "deactivate", "update", "load", "load-stop", "vm", "token-create",
                "token-list", "token-revoke", "password-reset", "audit", "retry", "giveup", "schedule", "unschedule",
                "resolve");
        assertThat(commands.names()).filteredOn(n -> commands.role(n) == Role.VIEWER).containsExactlyInAnyOrder(
                "handlers", "items", "requests", "request", "follow", "wait", "events", "conflicts", "history",
                "backoffs", "schedules", "load-status", "help");
        assertThat(control.calls).isEmpty();
        assertThat(audit.entries).isEmpty();
        assertThat(security.tokens()).hasSize(2);
    }

    /**
     * The commands of retries (C43) and schedules (C44) on the real engine: a viewer lists backoffs
     * and schedules and is refused the rest; an operator's retry, giveup, schedule and unschedule
     * are recorded before they run.
     */
    // C49, C51
    @Test
    void c49_c51_viewersListBackoffsAndSchedulesAndOperatorsChangeThemRecordedFirst(@TempDir Path storeDir)
            throws Exception {
        try (EngineOnAClock platform = new EngineOnAClock(storeDir)) {
            start(Map.of(), platform.engine);
            List<String> atRecord = new ArrayList<>();
            audit.atRecord = e -> atRecord.add(e.action() + ": " + platform.engine.schedules().size() + " schedule(s), "
                    + platform.engine.backoffs().size() + " backoff(s)");
            assertThat(ask("schedule nightly demo --cron '0 0 3 * * ?' --zone Europe/Paris")).contains(
                    "SCHEDULE      nightly", "exit: 0");
            assertThat(ask(viewerToken, "schedules")).anySatisfy(l -> assertThat(l).startsWith("nightly "))
                    .last().isEqualTo("exit: 0");
            assertThat(ask(viewerToken, "unschedule nightly")).containsExactly("error: sync:unschedule needs the"
                    + " operator role; 'dashboard' has the viewer role (C49)", "exit: 1");

            platform.failNext("alpha", 1);
            long id = platform.engine.startItemSync("demo", List.of("alpha"), null, Set.of(), null).id();
            await().atMost(EngineOnAClock.WAIT).until(() -> platform.engine.backoffs().size() == 1);
            assertThat(ask(viewerToken, "backoffs")).anySatisfy(l -> assertThat(l).startsWith("demo ").contains(" " + id
                    + " ")).last().isEqualTo("exit: 0");
            assertThat(ask(viewerToken, "retry demo alpha")).last().isEqualTo("exit: 1");
            assertThat(ask("retry demo alpha")).last().isEqualTo("exit: 0");
            assertThat(ask("giveup demo alpha")).containsExactly("error: itemId: item 'alpha' of handler 'demo' is not"
                    + " in backoff", "exit: 1");
            assertThat(ask("unschedule nightly")).containsExactly("schedule nightly removed", "exit: 0");

            assertThat(atRecord).as("each recorded before it ran").containsExactly(
                    "sync:schedule: 0 schedule(s), 0 backoff(s)", "sync:retry: 1 schedule(s), 1 backoff(s)",
                    "sync:giveup: 1 schedule(s), 0 backoff(s)", "sync:unschedule: 1 schedule(s), 0 backoff(s)");
            assertThat(audit.entries).extracting(AuditEntry::target).containsExactly(
                    "nightly demo --cron 0 0 3 * * ? --zone Europe/Paris", "demo alpha", "demo alpha", "nightly");
            await().atMost(EngineOnAClock.WAIT).until(() -> platform.engine.request(id).orElseThrow().result() != null);
        }
    }

    /**
     * The commands of conflicts (C46) on the real engine: a viewer lists conflicts and is refused
     * resolve; an operator's resolve is recorded before the handler's resolver runs.
     */
    // C46, C49, C51
    @Test
    void c46_c49_c51_viewersListConflictsAndOperatorsResolveThemRecordedFirst(@TempDir Path storeDir)
            throws Exception {
        try (EngineOnAClock platform = new EngineOnAClock(storeDir)) {
            FilesWithConflicts files = new FilesWithConflicts(platform.engine);
            files.report(FilesWithConflicts.conflict("c1", "both", java.util.EnumSet.allOf(
                    dev.synccenter.control.ResolutionAbility.class)));
            start(Map.of(), platform.engine);
            List<String> atRecord = new ArrayList<>();
            audit.atRecord = e -> atRecord.add(e.action() + ": " + files.calls.size() + " resolver call(s)");
            assertThat(ask(viewerToken, "conflicts files")).anySatisfy(l -> assertThat(l).startsWith("files ")
                    .contains(" c1 ")).last().isEqualTo("exit: 0");
            assertThat(ask(viewerToken, "resolve files c1 --keep-recent")).containsExactly("error: sync:resolve needs"
                    + " the operator role; 'dashboard' has the viewer role (C49)", "exit: 1");
            assertThat(files.calls).isEmpty();
            assertThat(audit.entries).isEmpty();

            assertThat(ask("resolve files c1 --keep 1=c1-server.txt")).containsExactly("conflict c1: RESOLVED",
                    "exit: 0");
            assertThat(ask("resolve files c1 --keep-recent")).containsExactly("error: resolve: <conflictId> handler"
                    + " 'files' lists no conflict 'c1' now (C47: a conflict exists while its handler's store reports"
                    + " it); usage: resolve <handler> <conflictId>... [--keep-recent] [--keep n|n=name] [--keep-other"
                    + " location] [--remove] [--all]", "exit: 1");
            assertThat(atRecord).as("each recorded before it ran").containsExactly(
                    "sync:resolve: 0 resolver call(s)", "sync:resolve: 1 resolver call(s)");
            assertThat(audit.entries).extracting(AuditEntry::target).containsExactly(
                    "files c1 --keep 1=c1-server.txt", "files c1 --keep-recent");
            assertThat(files.calls).containsExactly("keepItems[Kept[index=1, newName=c1-server.txt]] c1");
        }
    }

    @Test
    void c50_onlyThePlatformsOwnCommandsRunNoFilesNoLoopsNoOtherShell() throws Exception {
        start();
        Map<String, String> attacks = new java.util.LinkedHashMap<>();
        attacks.put("cat /etc/passwd", "error: unknown command 'cat'; try: help");
        attacks.put("while {true} {sync:stop-all}", "error: unknown command 'while'; try: help");
        attacks.put("each [1 2 3] {sync:stop-all}", "error: unknown command 'each'; try: help");
        attacks.put("felix:stop 0", "error: only sync: commands run here, 'felix:stop' is not one; try: help");
        attacks.put("gogo:sh -c id", "error: only sync: commands run here, 'gogo:sh' is not one; try: help");
        attacks.put("sync:handlers; felix:stop 0", "error: unknown command 'handlers;'; try: help");
        attacks.put("(bundle 0) stop", "error: unknown command '(bundle'; try: help");
        attacks.put("$(cat /etc/passwd)", "error: unknown command '$(cat'; try: help");
        attacks.put("sync:help | tac", "error: help: unexpected argument 'tac'; usage: help [command]");
        attacks.put("sync:load demo 1 a --in-flight `id`", "error: load: --in-flight must be a whole number,"
                + " was '`id`'; usage: load <handler> <count> <item>... [--in-flight n]");
        for (Map.Entry<String, String> a : attacks.entrySet()) {
            assertThat(ask(a.getKey())).as(a.getKey()).containsExactly(a.getValue(), "exit: 1");
        }
        assertThat(control.calls).isEmpty();
    }

    @Test
    void c51_aCommandThatNeedsTheOperatorIsRecordedBeforeItRuns() throws Exception {
        start();
        List<List<String>> callsAtRecord = new ArrayList<>();
        audit.atRecord = e -> callsAtRecord.add(List.copyOf(control.calls));
        Instant before = Instant.now();
        Socket[] peer = new Socket[1];
        List<String> answer = exchange(("token " + operatorToken + "\nstart demo alpha beta\n"), peer);
        assertThat(answer).containsExactly("42", "exit: 0");
        assertThat(callsAtRecord).as("nothing had run when it was recorded").containsExactly(List.of());
        assertThat(control.calls).containsExactly("startItemSync demo [alpha, beta] []");
        AuditEntry entry = audit.entries.get(0);
        assertThat(entry.who()).isEqualTo("operator");
        assertThat(entry.role()).isEqualTo("OPERATOR");
        assertThat(entry.surface()).isEqualTo("endpoint");
        assertThat(entry.from()).isEqualTo("127.0.0.1:" + peer[0].getLocalPort());
        assertThat(entry.action()).isEqualTo("sync:start");
        assertThat(entry.target()).isEqualTo("demo alpha beta");
        assertThat(entry.at()).isAfterOrEqualTo(before.minusSeconds(1));

        ask("handlers");
        assertThat(audit.entries).as("a read is not recorded").hasSize(1);
        ask("stop demo " + "x".repeat(1000));
        assertThat(audit.entries.get(1).target()).hasSize(CommandGate.MAX_TARGET).endsWith("…");
        List<String> shown = ask("audit --limit 5");
        assertThat(shown.get(0)).startsWith("AT ").contains("WHO", "FROM", "ACTION", "TARGET");
        assertThat(shown).anySatisfy(l -> assertThat(l).contains("operator", "endpoint", "sync:start",
                "demo alpha beta"));
    }

    @Test
    void c51_whenTheAuditTrailIsDownOrMissingOperatorCommandsAreRefusedAndReadsRun() throws Exception {
        start();
        audit.down = true;
        assertThat(ask("stop-all")).containsExactly("error: refused: the audit trail could not record the call, so it"
                + " did not run (C51): the store is failing since 10:00: disk full", "exit: 1");
        endpoint.audit = null;
        assertThat(ask("start demo alpha")).containsExactly("error: " + CommandGate.NO_AUDIT, "exit: 4");
        assertThat(ask(viewerToken, "handlers")).last().isEqualTo("exit: 0");
        assertThat(ask("handlers")).last().isEqualTo("exit: 0");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void c50_slowClientsAreCutAtTheirTotalDeadlineWhileALegitimateClientIsServed() throws Exception {
        start(Map.of("read.timeout.ms", "3000"));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // as many as the endpoint runs at once (max.connections)
                Socket s = connect();
                slow.add(s);
                byte[] line = ("token " + operatorToken + "\nstop-all\n").getBytes(StandardCharsets.US_ASCII);
                int[] next = {0};
                // One byte every 300 ms: each read is quick, the whole never arrives within the deadline.
                TRICKLE.scheduleAtFixedRate(() -> {
                    try {
                        if (next[0] < line.length && !s.isClosed()) {
                            s.getOutputStream().write(line[next[0]++]);
                        }
                    } catch (IOException closedByTheEndpoint) {
                        next[0] = line.length;
                    }
                }, 0, 300, TimeUnit.MILLISECONDS);
            }
            assertThat(ask("handlers")).as("served while eight clients trickle").last().isEqualTo("exit: 0");
            for (Socket s : slow) {
                assertThat(s.getInputStream().available()).as("the slow ones are still waiting").isZero();
            }
            for (Socket s : slow) {
                assertThat(readAll(s)).containsExactly("error: the token and command lines did not arrive within"
                        + " 3000 ms (read.timeout.ms)", "exit: 1");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertThat(control.calls).isEmpty();
    }

    @Test
    void c50_pastMaxPendingTheClientThatWaitedLongestIsClosed() throws Exception {
        start(Map.of("max.pending", "2"));
        try (Socket first = connect(); Socket second = connect()) {
            // Connections are accepted in the order they came, so the third one closes the first.
            assertThat(ask("handlers")).last().isEqualTo("exit: 0");
            assertThat(readAll(first)).containsExactly("error: the endpoint had 2 connections still sending their"
                    + " lines, and this one had waited longest (max.pending)", "exit: 1");
            assertThat(second.getInputStream().available()).isZero();
        }
    }

    @Test
    void c50_anEndlessCommandIsCutAtItsTimeBoundAndItsPlaceFreed() throws Exception {
        start(Map.of("command.timeout.ms", "500", "max.connections", "1"));
        control.requests.put(7L, new RequestSnapshot(7, "demo", RequestKind.ITEM_SYNC, Set.of(),
                RequestPhase.RUNNING, Instant.now(), Instant.now(), List.of(), null));
        List<String> followed = ask("follow 7");
        assertThat(followed).last().isEqualTo("exit: 2");
        assertThat(followed.get(followed.size() - 2)).isEqualTo(
                "error: the command was cut at its time bound of 500 ms (command.timeout.ms)");
        assertThat(ask("wait 7 86400")).endsWith(
                "error: the command was cut at its time bound of 500 ms (command.timeout.ms)", "exit: 2");
        assertThat(ask("handlers")).as("its one place is free again").last().isEqualTo("exit: 0");
        await("the commands' threads to end").atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
                .values().stream().noneMatch(stack -> List.of(stack).toString().contains("RequestCommands.")));
    }

    @Test
    void c49_c50_oneCallerCannotTakeEveryPlace() throws Exception {
        start(Map.of("max.connections", "3", "max.connections.per.caller", "2", "command.timeout.ms", "600000"));
        control.requests.put(7L, new RequestSnapshot(7, "demo", RequestKind.ITEM_SYNC, Set.of(),
                RequestPhase.RUNNING, Instant.now(), Instant.now(), List.of(), null));
        List<Socket> following = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket s = connect();
                following.add(s);
                s.getOutputStream().write(("token " + viewerToken + "\nfollow 7\n").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
            }
            await("the viewer's two follows to hold their places").atMost(Duration.ofSeconds(10))
                    .until(() -> endpoint.placesHeldBy("dashboard") == 2);

            assertThat(ask(viewerToken, "follow 7")).containsExactly("error: 'dashboard' already runs 2 commands at"
                    + " once (max.connections.per.caller); try again when one has ended", "exit: 2");
            assertThat(ask("handlers")).as("the operator still has a place").last().isEqualTo("exit: 0");
        } finally {
            for (Socket s : following) {
                s.close();
            }
        }
    }

    @Test
    void c50_anOutputFloodIsCutAtItsBoundWithAClearLastLine() throws Exception {
        start(Map.of("max.output.bytes", "1024"));
        for (int i = 0; i < 500; i++) {
            control.handlers.add(handler("flood-" + i));
        }
        Socket[] peer = new Socket[1];
        byte[] raw = exchangeBytes("token " + operatorToken + "\nhandlers\n", peer);
        String text = new String(raw, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines).last().isEqualTo("exit: 2");
        assertThat(lines.get(lines.size() - 2)).isEqualTo(
                "error: the output was cut at its bound of 1024 bytes (max.output.bytes)");
        assertThat(raw.length).isLessThanOrEqualTo(1024 + 100);
    }

    @Test
    void closesItsPortWhenDeactivatedAndPortZeroTurnsItOff() throws Exception {
        start();
        int port = endpoint.port();
        endpoint.deactivate();
        endpoint = null;
        try (Socket refused = new Socket()) {
            assertThat(connects(refused, port)).as("closed after deactivate").isFalse();
        }
        RemoteEndpoint off = new RemoteEndpoint(Map.of("port", 0));
        assertThat(off.port()).isZero();
        off.deactivate(); // nothing to close, nothing thrown
    }

    // ---- clients

    private List<String> ask(String line) throws IOException {
        return ask(operatorToken, line);
    }

    private List<String> ask(String token, String line) throws IOException {
        return send("token " + token + "\n" + line + "\n");
    }

    private List<String> send(String text) throws IOException {
        return exchange(text, new Socket[1]);
    }

    private List<String> exchange(String text, Socket[] peer) throws IOException {
        return new String(exchangeBytes(text, peer), StandardCharsets.UTF_8).lines().toList();
    }

    private byte[] exchangeBytes(String text, Socket[] peer) throws IOException {
        try (Socket socket = connect()) {
            peer[0] = socket;
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return socket.getInputStream().readAllBytes();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static List<String> readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static boolean connects(Socket socket, int port) {
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
