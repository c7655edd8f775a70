package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.distribution.ApiClient.Answer;
import dev.synccenter.testsupport.Poll;

/**
 * C48 on the real distribution: bound to every address (0.0.0.0) with plain HTTP and HTTPS on, the
 * API refuses every plain request (403 TLS_REQUIRED, and the log says why) and serves over HTTPS,
 * with a keystore made at test time by keytool and Felix Jetty's org.apache.felix.https.* properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTlsIT {

    private static final String STOREPASS = "test-only-" + Long.toHexString(System.nanoTime());

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;
    private int securePort;
    private Path keystore;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(work);
        keystore = work.resolve("tls-test.p12");
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "synccenter", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", STOREPASS,
                "-keypass", STOREPASS).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        securePort = Distribution.freePort();
        dist = Distribution.start(template, work.resolve("tls"), Map.of(), Map.of(
                "org.apache.felix.http.host", "0.0.0.0",
                "org.apache.felix.https.enable", "true",
                "org.osgi.service.http.port.secure", String.valueOf(securePort),
                "org.apache.felix.https.keystore", keystore.toAbsolutePath().toString(),
                "org.apache.felix.https.keystore.type", "PKCS12",
                "org.apache.felix.https.keystore.password", STOREPASS,
                "org.apache.felix.https.keystore.key.password", STOREPASS));
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    private SSLContext trusting(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STOREPASS.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    @Test
    void c48_plainHttpOnANonLoopbackBindIsRefusedAndHttpsIsServed() throws Exception {
        String token = Poll.until("the first-start credential file", Duration.ofSeconds(60), dist::operatorToken,
                t -> !t.isEmpty());
        ApiClient tls = new ApiClient("https://127.0.0.1:" + securePort + "/synccenter/api", trusting(keystore));
        Answer served = Poll.until("the API over HTTPS", Duration.ofSeconds(60), () -> tls.get("/handlers", token),
                a -> a.status() == 200);
        assertThat(served.json().get("entries").isArray()).isTrue();

        ApiClient plain = ApiClient.of(dist);
        for (String path : List.of("/handlers", "/session", "/openapi.json")) {
            Answer refused = plain.get(path, token);
            assertThat(refused.status()).as("plain %s", path).isEqualTo(403);
            assertThat(refused.json().get("reason").asText()).isEqualTo("TLS_REQUIRED");
            assertThat(refused.json().get("error").asText()).contains("TLS", "C48");
        }
        Answer login = plain.post("/login", null, "{\"user\":\"operator\",\"password\":\"x\"}");
        assertThat(login.status()).as("no password crosses in the clear").isEqualTo(403);
        assertThat(dist.logText()).contains("HTTP listens without TLS on").contains("which is not loopback");
    }
}
