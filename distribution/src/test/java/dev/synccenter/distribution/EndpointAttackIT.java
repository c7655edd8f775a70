package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.synccenter.distribution.Distribution.Answer;
import dev.synccenter.testsupport.Poll;

/**
 * Attacks on the command endpoint of the real distribution, over real sockets and through
 * bin/sync, each of which must be refused (C48 to C51): no token, a bad token, a viewer running an
 * operator command, commands that are not the platform's own, slow clients, an endless command, an
 * output flood; where the test runs as root, also as the unprivileged user {@code nobody}, who can
 * neither read the token file nor get in without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointAttackIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int READ_TIMEOUT_MS = 3000;
    private static final int COMMAND_TIMEOUT_MS = 3000;
    private static final int MAX_OUTPUT = 1024;
    /**
     * A demo item takes about 60 s: long enough to wait for it past the command's time bound, and
     * for requests to queue up behind it.
     */
    private static final String DEMO_CFG = "steps=600\nstep.millis=100\nfailure.rate=0\nbehaviour=normal\n";
    private static final String NO_TOKEN = "error: not authenticated: the first line must be 'token <secret>'"
            + " (bin/sync sends the token from etc/security/operator.token)";
    private static final String BAD_TOKEN = "error: not authenticated: the token is not valid (revoked, mistyped,"
            + " or not this platform's)";

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));
    private final List<String> secretsSeen = new ArrayList<>();
    private Distribution dist;
    /** Live heap (after a collection) before the attacks. */
    private long heapBefore;

    @BeforeAll
    void start() throws IOException {
        dist = Distribution.start(template, work.resolve("attack"), Map.of(
                "dev.synccenter.sample.demo.cfg", DEMO_CFG,
                "dev.synccenter.shell.remote.cfg", "port=" + Distribution.PORT + "\nread.timeout.ms=" + READ_TIMEOUT_MS
                        + "\ncommand.timeout.ms=" + COMMAND_TIMEOUT_MS + "\nmax.output.bytes=" + MAX_OUTPUT + "\n"));
        dist.awaitReady(STARTUP);
        assertThat(dist.logText()).contains(READ_TIMEOUT_MS + " ms to send both lines, " + COMMAND_TIMEOUT_MS
                + " ms and " + MAX_OUTPUT + " bytes per command");
        heapBefore = liveHeap();
    }

    /** The platform's live heap: {@code vm --gc} collects first, so that "used" means live data. */
    private long liveHeap() throws IOException {
        List<String> table = dist.ok("vm --gc").lines();
        return Long.parseLong(table.get(1).trim().split("\\s+")[0]);
    }

    /**
     * C50: the attacks above (floods, endless commands, slow clients, loops refused) leave nothing
     * behind: the live heap is back where it was, give or take what a few more classes and caches
     * take. The attack this answers grew the heap to 6 GB with one endless loop.
     */
    @Test
    @Order(13)
    void c50_afterTheAttacksTheHeapIsBackToNormal() throws Exception {
        long after = liveHeap();
        assertThat(after).as("live heap after the attacks, before them %,d bytes", heapBefore)
                .isLessThan(heapBefore + 64L * 1024 * 1024);
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    private Path securityDir() {
        return dist.home.resolve("etc/security");
    }

    @Test
    @Order(1)
    void c48_theFirstStartMadeTheOperatorCredentialStoredHashedAndToldWhereItIs() throws Exception {
        Path clear = securityDir().resolve("operator.token");
        Path hashed = securityDir().resolve("credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(securityDir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clear))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hashed))).isEqualTo("rw-------");
        Map<String, String> secrets = dist.operatorSecrets();
        String token = secrets.get("token");
        String password = secrets.get("password");
        secretsSeen.add(token);
        secretsSeen.add(password);
        assertThat(Files.readString(hashed)).doesNotContain(token).doesNotContain(password)
                .contains("user.operator.password=pbkdf2-sha256$210000$");
        String log = dist.logText();
        assertThat(log).contains("First start: made the operator credential")
                .contains("are in " + clear.toRealPath()).doesNotContain(token).doesNotContain(password);
        // FileInstall watches etc/: the folder beside the .cfg files must mean nothing to it.
        assertThat(log.lines().filter(l -> l.contains("etc/security"))).allSatisfy(l -> assertThat(l)
                .contains("CredentialKeeper"));
    }

    @Test
    @Order(2)
    void c48_withoutAValidTokenNothingRuns() throws Exception {
        Map<String, List<String>> attacks = new LinkedHashMap<>();
        attacks.put("start demo alpha\n", List.of(NO_TOKEN));
        attacks.put("", List.of(NO_TOKEN));
        attacks.put("token\nstop-all\n", List.of(NO_TOKEN));
        attacks.put("token guess\nstop-all\n", List.of(BAD_TOKEN));
        attacks.put("token " + dist.operatorToken() + "x\nstop-all\n", List.of(BAD_TOKEN));
        attacks.put("TOKEN " + dist.operatorToken() + "\nstop-all\n", List.of(NO_TOKEN));
        for (Map.Entry<String, List<String>> a : attacks.entrySet()) {
            Answer answer = dist.raw(a.getKey());
            assertThat(answer.status()).as("%s: %s", a.getKey(), answer).isEqualTo(1);
            assertThat(answer.lines()).as(a.getKey()).isEqualTo(a.getValue());
        }
        Path wrong = Files.writeString(work.resolve("wrong.token"), "sct_" + "A".repeat(43) + "\n");
        Answer viaScript = dist.client("--token-file", wrong.toString(), "stop-all");
        assertThat(viaScript.status()).isEqualTo(1);
        assertThat(viaScript.lines()).containsExactly(BAD_TOKEN);
        Answer noFile = dist.client("--token-file", work.resolve("missing.token").toString(), "handlers");
        assertThat(noFile.status()).as("%s", noFile).isEqualTo(5);
        assertThat(noFile.text()).startsWith("sync: no token: ").contains("missing.token does not exist");

        assertThat(dist.logText()).containsPattern("Command endpoint: refused 127\\.0\\.0\\.1:\\d+: the token is not valid")
                .containsPattern("Command endpoint: refused 127\\.0\\.0\\.1:\\d+: its first line is not 'token <secret>'");
        assertThat(dist.ok("requests").text()).isEqualTo("no request is queued, parked, waiting or running");
        assertThat(dist.ok("audit").text()).doesNotContain("sync:stop-all");
    }

    @Test
    @Order(3)
    void c49_aViewerTokenReadsButCannotChangeStateAndARevokedTokenIsRefused() throws Exception {
        Answer created = dist.client("token-create", "dashboard", "--role", "VIEWER");
        assertThat(created.status()).as("%s", created).isZero();
        String secret = created.lines().get(0);
        secretsSeen.add(secret);
        assertThat(secret).matches("sct_[A-Za-z0-9_-]{43}");
        Path file = Files.writeString(work.resolve("dashboard.token"), secret + "\n");

        assertThat(dist.client("--token-file", file.toString(), "handlers").status()).isZero();
        for (String command : List.of("start demo alpha", "stop-all", "disable demo", "deactivate demo",
                "update demo", "load demo 10 alpha", "token-create mine --role OPERATOR", "token-list",
                "password-reset", "vm --gc", "audit")) {
            Answer refused = dist.client("--token-file", file.toString(), command);
            String name = command.split(" ")[0];
            assertThat(refused.status()).as("%s: %s", command, refused).isEqualTo(1);
            assertThat(refused.lines()).containsExactly("error: sync:" + name + " needs the operator role;"
                    + " 'dashboard' has the viewer role (C49)");
        }
        assertThat(dist.logText()).contains("refused sync:stop-all to 'dashboard' (VIEWER) from 127.0.0.1:");
        assertThat(dist.ok("requests").text()).isEqualTo("no request is queued, parked, waiting or running");
        assertThat(dist.ok("handlers").text()).containsPattern("(?m)^demo .* SERVING +yes +yes ");

        assertThat(dist.ok("token-list").text()).containsPattern("(?m)^dashboard +VIEWER ")
                .containsPattern("(?m)^operator +OPERATOR ").doesNotContain(secret);
        assertThat(dist.ok("token-revoke dashboard").text()).isEqualTo("token 'dashboard' revoked");
        Answer revoked = dist.client("--token-file", file.toString(), "handlers");
        assertThat(revoked.status()).isEqualTo(1);
        assertThat(revoked.lines()).containsExactly(BAD_TOKEN);
    }

    @Test
    @Order(4)
    void c50_theEndpointRunsThePlatformsOwnCommandsOnlyNoFilesNoLoopsNoOtherShell() throws Exception {
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("cat /etc/passwd", "error: unknown command 'cat'; try: help");
        attacks.put("while {true} {sync:stop-all}", "error: unknown command 'while'; try: help");
        attacks.put("each [1 2 3] {sync:start demo alpha}", "error: unknown command 'each'; try: help");
        attacks.put("felix:stop 0", "error: only sync: commands run here, 'felix:stop' is not one; try: help");
        attacks.put("felix:install file:/tmp/evil.jar", "error: only sync: commands run here, 'felix:install' is"
                + " not one; try: help");
        attacks.put("gogo:sh -c id", "error: only sync: commands run here, 'gogo:sh' is not one; try: help");
        attacks.put("sync:handlers; felix:stop 0", "error: unknown command 'handlers;'; try: help");
        attacks.put("(bundle 0) stop", "error: unknown command '(bundle'; try: help");
        attacks.put("$(cat /etc/passwd)", "error: unknown command '$(cat'; try: help");
        attacks.put("help | tac", "error: help: unexpected argument 'tac'; usage: help [command]");
        for (Map.Entry<String, String> a : attacks.entrySet()) {
            Answer answer = dist.command(a.getKey());
            assertThat(answer.status()).as("%s: %s", a.getKey(), answer).isEqualTo(1);
            assertThat(answer.lines()).as(a.getKey()).containsExactly(a.getValue());
        }
        assertThat(dist.process().isAlive()).as("the framework was not stopped").isTrue();
        assertThat(dist.ok("handlers").text()).contains("SERVING");
        assertThat(dist.ok("requests").text()).isEqualTo("no request is queued, parked, waiting or running");
    }

    @Test
    @Order(5)
    void c50_slowClientsAreCutAtTheirDeadlineWhileALegitimateClientIsServed() throws Exception {
        ScheduledExecutorService trickle = Executors.newScheduledThreadPool(1);
        List<Socket> slow = new ArrayList<>();
        try {
            byte[] lines = ("token " + dist.operatorToken() + "\nstop-all\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), dist.port);
                s.setSoTimeout(30_000);
                slow.add(s);
                int[] next = {0};
                // A byte every second: each one arrives quickly, all of them never within the deadline.
                trickle.scheduleAtFixedRate(() -> {
                    try {
                        if (next[0] < lines.length && !s.isClosed()) {
                            s.getOutputStream().write(lines[next[0]++]);
                        }
                    } catch (IOException cut) {
                        next[0] = lines.length;
                    }
                }, 0, 1, TimeUnit.SECONDS);
            }
            Answer served = dist.client("handlers");
            assertThat(served.status()).as("served while eight clients trickle: %s", served).isZero();
            for (Socket s : slow) {
                assertThat(s.getInputStream().available()).as("the slow ones are still waiting").isZero();
            }
            for (Socket s : slow) {
                assertThat(readAll(s.getInputStream())).containsExactly("error: the token and command lines did not"
                        + " arrive within " + READ_TIMEOUT_MS + " ms (read.timeout.ms)", "exit: 1");
            }
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
        assertThat(dist.logText()).contains("did not arrive within " + READ_TIMEOUT_MS + " ms (read.timeout.ms)");
        assertThat(dist.ok("requests").text()).as("no stop-all ran").isEqualTo("no request is queued, parked, waiting or running");
    }

    @Test
    @Order(6)
    void c50_anEndlessCommandIsCutAtItsTimeBoundAndTheEndpointGoesOn() throws Exception {
        String id = dist.ok("start demo alpha").lines().get(0).trim();
        try {
            Answer viaScript = dist.client("wait", id, "86400");
            assertThat(viaScript.status()).as("%s", viaScript).isEqualTo(2);
            assertThat(viaScript.lines()).containsExactly("error: the command was cut at its time bound of "
                    + COMMAND_TIMEOUT_MS + " ms (command.timeout.ms)");
            Answer waited = dist.command("wait " + id + " 86400");
            assertThat(waited.status()).isEqualTo(2);
            assertThat(waited.lines()).containsExactly("error: the command was cut at its time bound of "
                    + COMMAND_TIMEOUT_MS + " ms (command.timeout.ms)");
            assertThat(dist.ok("requests").text()).contains("RUNNING");
            assertThat(dist.logText()).contains("'wait " + id + " 86400' from 127.0.0.1:")
                    .contains("cut at its time bound of " + COMMAND_TIMEOUT_MS + " ms");
        } finally {
            dist.ok("stop demo alpha");
        }
        assertThat(dist.ok("wait " + id + " 30").text()).contains("DONE CANCELED");
    }

    @Test
    @Order(7)
    void c50_anOutputFloodIsCutAtItsBoundWithAClearLastLine() throws Exception {
        for (int i = 0; i < 10; i++) { // queued behind each other: a table of 30 item rows, over 2 KB
            dist.ok("start demo alpha beta gamma");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), dist.port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("token " + dist.operatorToken() + "\nrequests\n")
                    .getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            byte[] raw = s.getInputStream().readAllBytes();
            List<String> lines = new String(raw, StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).last().isEqualTo("exit: 2");
            assertThat(lines.get(lines.size() - 2)).isEqualTo("error: the output was cut at its bound of " + MAX_OUTPUT
                    + " bytes (max.output.bytes)");
            assertThat(lines.get(0)).startsWith("REQUEST");
            assertThat(raw.length).isLessThanOrEqualTo(MAX_OUTPUT + 100);
        } finally {
            dist.ok("stop-handler demo");
            Poll.until("the requests to end", Duration.ofSeconds(30), () -> dist.ok("requests").text(),
                    text -> text.equals("no request is queued, parked, waiting or running"));
        }
        assertThat(dist.logText()).containsPattern("'requests' from 127\\.0\\.0\\.1:\\d+ cut at its output bound of "
                + MAX_OUTPUT + " bytes");
    }

    @Test
    @Order(8)
    void c51_operatorCommandsAreRecordedWithWhoWhenAndFromWhere() throws Exception {
        dist.ok("start demo beta");
        dist.ok("stop demo beta");
        String audit = dist.ok("audit --limit 4").text(); // newest first; few, for the small output bound
        assertThat(audit).containsPattern("(?m)^\\S+ \\S+ +operator +OPERATOR +endpoint +127\\.0\\.0\\.1:\\d+ +sync:start +demo beta$")
                .containsPattern("(?m) sync:stop +demo beta$")
                .doesNotContain("sync:handlers");
    }

    @Test
    @Order(9)
    void c48_aPasswordResetGivesANewPasswordAndKeepsTheTokenWorking() throws Exception {
        String old = dist.operatorSecrets().get("password");
        Answer reset = dist.client("password-reset");
        assertThat(reset.status()).as("%s", reset).isZero();
        String fresh = reset.lines().get(0);
        secretsSeen.add(fresh);
        assertThat(fresh).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(22);
        assertThat(dist.operatorSecrets().get("password")).isEqualTo(fresh);
        assertThat(dist.client("handlers").status()).isZero();
    }

    /** The attack as the unprivileged user nobody: the token file is out of reach, so is the endpoint. */
    @Test
    @Order(10)
    void c48_anUnprivilegedLocalUserCannotReadTheTokenAndIsRefused() throws Exception {
        assumeTrue(isRoot() && (Files.isExecutable(Path.of("/usr/sbin/runuser"))
                || Files.isExecutable(Path.of("/sbin/runuser"))), "needs root and runuser to act as nobody");
        Path tokenFile = securityDir().resolve("operator.token");
        Answer cat = asNobody("cat " + tokenFile);
        assertThat(cat.status()).isNotZero();
        assertThat(cat.text()).contains("Permission denied");

        Answer script = asNobody(dist.home.resolve("bin/sync") + " -p " + dist.port + " stop-all");
        assertThat(script.status()).as("%s", script).isEqualTo(5);
        assertThat(script.text()).contains("is not readable by nobody");

        String send = "exec 3<>/dev/tcp/127.0.0.1/" + dist.port + " && printf '%s' \"$ATTACK\" >&3 && cat <&3";
        Answer guessed = asNobody(send, "token guess\nstop-all\n");
        assertThat(guessed.lines()).containsExactly(BAD_TOKEN, "exit: 1");
        Answer bare = asNobody(send, "stop-all\n"); // one line, and the connection kept open: a second never comes
        assertThat(bare.lines()).containsExactly("error: the token and command lines did not arrive within "
                + READ_TIMEOUT_MS + " ms (read.timeout.ms)", "exit: 1");
        Answer viaEnv = asNobody("SYNC_TOKEN=sct_guess " + dist.home.resolve("bin/sync") + " -p " + dist.port
                + " stop-all");
        assertThat(viaEnv.status()).isEqualTo(1);
        assertThat(viaEnv.lines()).containsExactly(BAD_TOKEN);
        assertThat(dist.ok("requests").text()).isEqualTo("no request is queued, parked, waiting or running");
        System.out.printf("as nobody: cat -> %s; bin/sync -> %s; raw guess -> %s%n", cat, script, guessed);
    }

    /** No secret the platform made, or that was made through it, ever reached its log. */
    @Test
    @Order(11)
    void c48_noSecretIsInTheLog() throws Exception {
        assertThat(secretsSeen).isNotEmpty();
        String log = dist.logText();
        for (String secret : secretsSeen) {
            assertThat(log).doesNotContain(secret);
        }
    }

    /**
     * C51: the audit trail is the store's: an operator command recorded before it ran is still
     * there after the platform was killed (SIGKILL) and started again.
     */
    @Test
    @Order(12)
    void c51_theAuditTrailIsInTheStoreAndOutlivesAKill() throws Exception {
        try (Distribution other = Distribution.start(template, work.resolve("audit-kill"), Map.of())) {
            other.awaitReady(STARTUP);
            other.ok("disable demo");
            other.kill();
            other.relaunch().awaitReady(STARTUP);

            String audit = other.ok("audit --limit 5").text();
            assertThat(audit).containsPattern(
                    "(?m)^\\S+ \\S+ +operator +OPERATOR +endpoint +127\\.0\\.0\\.1:\\d+ +sync:disable +demo$");
            assertThat(other.ok("handlers").text()).as("the disable was stored too")
                    .containsPattern("(?m)^demo +.* +(yes|no) +no +\\d+ +\\d+");
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0")
                    && p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Answer asNobody(String script) throws IOException, InterruptedException {
        return asNobody(script, null);
    }

    /** Runs a bash script as the user nobody, with ATTACK in its environment; output and status. */
    private static Answer asNobody(String script, String lines) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("runuser", "-u", "nobody", "--", "bash", "-c", script)
                .redirectErrorStream(true).directory(Path.of("/").toFile());
        if (lines != null) {
            builder.environment().put("ATTACK", lines);
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end: " + script);
        }
        return new Answer(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")));
    }

    private static List<String> readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
