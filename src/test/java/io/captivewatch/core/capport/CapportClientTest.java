package io.captivewatch.core.capport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 8908 client against a real loopback HTTP server. */
class CapportClientTest {
    private HttpServer server;
    private final AtomicReference<String> accept = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CapportClient client = newClient();

    /** The client under test: the JDK client with the system's lookup. */
    CapportClient newClient() {
        return new CapportClient(Duration.ofSeconds(2));
    }

    /** How the probes of the detector test look hosts up. */
    io.captivewatch.core.probe.Prober.Resolver resolver() {
        return InetAddress::getAllByName;
    }

    /** The API host in the URLs asked. */
    String host() {
        return "127.0.0.1";
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api", ex -> reply(ex, 200, "application/captive+json",
                "{\"captive\": true, \"user-portal-url\": \"https://portal.example/login?x=1\", \"venue-info-url\": \"http://venue.example/\","
                        + " \"seconds-remaining\": 326, \"bytes-remaining\": 65536, \"can-extend-session\": true}"));
        server.createContext("/generate_204", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/splash");
            reply(ex, 302, "text/html", "<a href=\"/splash\">login</a>");
        });
        server.createContext("/online", ex -> reply(ex, 200, "application/captive+json; charset=utf-8", "{\"captive\": false}"));
        server.createContext("/wrongtype", ex -> reply(ex, 200, "text/html", "{\"captive\": true, \"user-portal-url\": \"http://10.0.0.1/\"}"));
        server.createContext("/html", ex -> reply(ex, 200, "text/html", "<html>login</html>"));
        server.createContext("/nocaptive", ex -> reply(ex, 200, "application/captive+json", "{\"user-portal-url\": \"https://p/\"}"));
        server.createContext("/stringcaptive", ex -> reply(ex, 200, "application/captive+json", "{\"captive\": \"true\"}"));
        server.createContext("/array", ex -> reply(ex, 200, "application/captive+json", "[true]"));
        server.createContext("/trailing", ex -> reply(ex, 200, "application/captive+json", "{\"captive\": true} {}"));
        server.createContext("/evil", ex -> reply(ex, 200, "application/captive+json",
                "{\"captive\": true, \"user-portal-url\": \"javascript:alert(1)\", \"venue-info-url\": \"file:///etc/passwd\", \"seconds-remaining\": -5}"));
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://elsewhere.example/api");
            reply(ex, 302, "text/html", "moved");
        });
        server.createContext("/error", ex -> reply(ex, 503, "text/plain", "busy"));
        server.createContext("/huge", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/captive+json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i < 1000; i++) os.write(chunk); // 8 MB of whitespace, never finished JSON
            } catch (IOException expected) {
                // client hung up
            }
        });
        server.createContext("/stall", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "application/captive+json", "{\"captive\": false}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        accept.set(ex.getRequestHeaders().getFirst("Accept"));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    private URI url(String path) {
        return URI.create("http://" + host() + ":" + server.getAddress().getPort() + path);
    }

    private CapportResult fetch(String path) {
        return client.fetch(url(path), "test", Duration.ofSeconds(3));
    }

    @Test
    void readsEveryFieldAndSendsExactlyTheCaptiveJsonAcceptHeader() {
        CapportResult r = fetch("/api");
        assertThat(r.isOk()).as(r.detail()).isTrue();
        CapportStatus s = r.status().orElseThrow();
        assertThat(accept.get()).isEqualTo("application/captive+json");
        assertThat(s.captive()).isTrue();
        assertThat(s.apiUrl()).isEqualTo(url("/api"));
        assertThat(s.discoveredFrom()).isEqualTo("test");
        assertThat(s.userPortalUrl()).contains(URI.create("https://portal.example/login?x=1"));
        assertThat(s.venueInfoUrl()).contains(URI.create("http://venue.example/"));
        assertThat(s.secondsRemaining().getAsLong()).isEqualTo(326);
        assertThat(s.bytesRemaining().getAsLong()).isEqualTo(65536);
        assertThat(s.canExtendSession()).isTrue();
        assertThat(s.warnings()).contains(CapportClient.PLAIN_HTTP_WARNING)
                .anyMatch(w -> w.startsWith("venue-info-url uses plain http"));
    }

    @Test
    void notCaptiveWithContentTypeParameters() {
        CapportStatus s = fetch("/online").status().orElseThrow();
        assertThat(s.captive()).isFalse();
        assertThat(s.userPortalUrl()).isEmpty();
        assertThat(s.secondsRemaining()).isEmpty();
        assertThat(s.warnings()).noneMatch(w -> w.contains("Content-Type"));
    }

    @Test
    void wrongContentTypeIsAWarningWhenTheJsonParses() {
        CapportResult r = fetch("/wrongtype");
        assertThat(r.isOk()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("Content-Type text/html"));
    }

    @Test
    void failuresSayWhy() {
        assertThat(fetch("/html").failure()).contains(CapportResult.Failure.NOT_JSON);
        assertThat(fetch("/html").detail()).contains("text/html");
        assertThat(fetch("/nocaptive").failure()).contains(CapportResult.Failure.MISSING_CAPTIVE);
        assertThat(fetch("/stringcaptive").failure()).contains(CapportResult.Failure.MISSING_CAPTIVE);
        assertThat(fetch("/array").failure()).contains(CapportResult.Failure.NOT_AN_OBJECT);
        assertThat(fetch("/trailing").failure()).contains(CapportResult.Failure.NOT_JSON);
        assertThat(fetch("/error").failure()).contains(CapportResult.Failure.HTTP_STATUS);
        CapportResult redirect = fetch("/redirect");
        assertThat(redirect.failure()).contains(CapportResult.Failure.REDIRECTED);
        assertThat(redirect.detail()).contains("http://elsewhere.example/api");
    }

    @Test
    void nonHttpUrlsInTheAnswerAreDroppedWithWarnings() {
        CapportStatus s = fetch("/evil").status().orElseThrow();
        assertThat(s.userPortalUrl()).isEmpty();
        assertThat(s.venueInfoUrl()).isEmpty();
        assertThat(s.secondsRemaining()).isEmpty();
        assertThat(s.warnings()).anyMatch(w -> w.startsWith("user-portal-url is not an http(s) URL"))
                .anyMatch(w -> w.startsWith("venue-info-url is not an http(s) URL"))
                .anyMatch(w -> w.startsWith("seconds-remaining"));
    }

    @Test
    void refusesNonHttpApiUris() {
        CapportResult r = client.fetch(URI.create("file:///etc/passwd"), "t", Duration.ofSeconds(1));
        assertThat(r.failure()).contains(CapportResult.Failure.NOT_HTTP_URL);
    }

    @Test
    void bodyIsCapped() {
        long t0 = System.nanoTime();
        CapportResult r = fetch("/huge");
        assertThat(r.failure()).contains(CapportResult.Failure.TOO_LARGE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deadlineHolds() {
        long t0 = System.nanoTime();
        CapportResult r = client.fetch(url("/stall"), "t", Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.failure()).contains(CapportResult.Failure.TIMEOUT);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void refusedConnectionIsAConnectFailure() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CapportResult r = client.fetch(URI.create("http://127.0.0.1:" + port + "/api"), "t", Duration.ofSeconds(2));
        assertThat(r.failure()).contains(CapportResult.Failure.CONNECT_FAILED);
    }

    @Test
    void lookupCombinesDiscoveryAndQueryAndFitsTheDetectorShape() {
        // as Option114 decodes an http URI: its plain-http warning, and another one twice
        CapportDiscovery d = () -> java.util.Optional.of(new DiscoveredUri(url("/api"), "unit test",
                java.util.List.of("odd", Option114.fromText(url("/api").toString()).warnings().get(0), "odd")));
        CapportLookup lookup = new CapportLookup(d, client);
        CapportStatus s = lookup.fetch(Duration.ofSeconds(2)).orElseThrow();
        assertThat(s.discoveredFrom()).isEqualTo("unit test");
        // discovery's first, then the client's; the plain-http fact both noticed once
        assertThat(s.warnings()).containsExactly("odd", CapportClient.PLAIN_HTTP_WARNING,
                "venue-info-url uses plain http (RFC 8908 requires https)");
        assertThat(new CapportLookup(java.util.Optional::empty, client).lookup(Duration.ofSeconds(1)).result()).isEmpty();
        CapportLookup.Outcome failed = new CapportLookup(
                () -> java.util.Optional.of(new DiscoveredUri(url("/html"), "x", java.util.List.of())), client).lookup(Duration.ofSeconds(2));
        assertThat(failed.status()).isEmpty();
        assertThat(failed.result().orElseThrow().failure()).contains(CapportResult.Failure.NOT_JSON);
    }

    @Test
    void detectorCarriesTheApiStatusIntoTheClassification() throws InterruptedException {
        CapportLookup lookup = new CapportLookup(new OverrideDiscovery(url("/api").toString(), "test"), client);
        try (io.captivewatch.core.detect.Detector detector = new io.captivewatch.core.detect.Detector(
                new io.captivewatch.core.probe.Prober(io.captivewatch.core.probe.ProbeLimits.DEFAULT, resolver()),
                new io.captivewatch.core.classify.Classifier(), lookup)) {
            io.captivewatch.core.classify.Classification c = detector.check(
                    java.util.List.of(io.captivewatch.core.probe.ProbeSpec.forUrl(
                            // the probe on the loopback literal: a name resolving to this computer is no remote probe
                            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/generate_204"))), Duration.ofSeconds(3));
            assertThat(c.verdict()).isEqualTo(io.captivewatch.core.classify.Verdict.CAPTIVE);
            CapportStatus s = c.capport().orElseThrow();
            assertThat(s.discoveredFrom()).contains("override");
            assertThat(s.userPortalUrl()).contains(URI.create("https://portal.example/login?x=1"));
        }
    }

    /** Serves {@code raw} bytes once on a loopback port to whatever connects, then closes. */
    private static int rawServerOnce(byte[] raw) throws IOException {
        ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (ss; java.net.Socket s = ss.accept()) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write(raw);
            } catch (IOException ignored) {
                // the client hung up
            }
        });
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    @Test
    void aShortBodyIsAnIoErrorNotTooLargeAndGarbageIsAnIoError() throws IOException {
        int shortPort = rawServerOnce(("HTTP/1.1 200 OK\r\nContent-Type: application/captive+json\r\n"
                + "Content-Length: 100\r\n\r\n{\"captive\": true}").getBytes(StandardCharsets.US_ASCII));
        CapportResult cut = client.fetch(URI.create("http://127.0.0.1:" + shortPort + "/api"), "t", Duration.ofSeconds(3));
        assertThat(cut.failure()).contains(CapportResult.Failure.IO_ERROR);
        assertThat(cut.detail()).contains("ended before its body did");
        int garbagePort = rawServerOnce("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
        CapportResult garbage = client.fetch(URI.create("http://127.0.0.1:" + garbagePort + "/api"), "t", Duration.ofSeconds(3));
        assertThat(garbage.failure()).contains(CapportResult.Failure.IO_ERROR);
        assertThat(garbage.detail()).contains("not an HTTP response");
    }

    @Test
    void theApiHostIsResolvedThroughTheSeamAndAnUnknownNameIsAConnectFailure() {
        CapportClient named = new CapportClient(Duration.ofSeconds(2),
                host -> host.equals("api.portal.test") ? InetAddress.getLoopbackAddress() : null,
                io.captivewatch.core.probe.HttpFetch.DEFAULT_TLS);
        URI api = URI.create("http://api.portal.test:" + server.getAddress().getPort() + "/online");
        assertThat(named.fetch(api, "t", Duration.ofSeconds(3)).status().orElseThrow().captive()).isFalse();
        CapportClient nowhere = new CapportClient(Duration.ofSeconds(2), host -> {
            throw new java.net.UnknownHostException(host);
        }, io.captivewatch.core.probe.HttpFetch.DEFAULT_TLS);
        CapportResult r = nowhere.fetch(api, "t", Duration.ofSeconds(3));
        assertThat(r.failure()).contains(CapportResult.Failure.CONNECT_FAILED);
        assertThat(r.detail()).contains("api.portal.test");
    }
}
