package io.captivewatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    static PortalSimulator sim;

    @BeforeAll
    static void start() throws IOException {
        sim = new PortalSimulator().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** One in-process CLI run. */
    record Run(int code, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    static Run run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), in)
                .run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    /**
     * {@code check} against every simulator scenario: verdict, exit code and login URL ({@code /login}
     * on the simulator, {@code -} for none, {@code *} for any http(s) page the portal served). The deadline is 3 s, so TRICKLE and NEVER_WRITES show it holds.
     */
    @ParameterizedTest
    @CsvSource({
            "ONLINE_204, 0, online, -",
            "APPLE_SUCCESS, 0, online, -",
            "REDIRECT_302, 10, captive, /login",
            "REDIRECT_307_RELATIVE, 10, captive, /login",
            "STATUS_511_LINK, 10, captive, /login",
            "STATUS_511_JSON, 10, captive, /login",
            "STATUS_511_HTML, 10, captive, /login",
            "STATUS_511_JAVASCRIPT_LINK, 10, captive, *", // no usable link: the 511 page itself (issue #15)
            "META_REFRESH, 10, captive, /login",
            "JAVASCRIPT, 10, captive, /login",
            "STATUS_401, 11, auth_required, -",
            "STATUS_407, 12, proxy_auth_required, -",
            "STATUS_503, 13, limited, -",
            "BAD_HTTP, 13, limited, -",
            "TRICKLE, 20, offline, -",
            "NEVER_WRITES, 20, offline, -",
            "HUGE_BODY, 10, captive, *",
            "REDIRECT_LOOP, 10, captive, *"})
    void checkJsonExitCodes(Scenario scenario, int code, String verdict, String loginPath) {
        sim.setScenario(scenario);
        String path = scenario == Scenario.APPLE_SUCCESS ? "/hotspot-detect.html" : "/generate_204";
        long started = System.nanoTime();
        Run r = run("check", "--probe", sim.url(path).toString(), "--json", "--timeout", "3000");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        JsonObject j = r.json();
        assertThat(j.get("verdict").getAsString()).isEqualTo(verdict);
        assertThat(j.get("exitCode").getAsInt()).isEqualTo(code);
        assertThat(j.get("evidence").getAsString()).isNotBlank();
        for (var cand : j.getAsJsonArray("candidates")) {
            assertThat(cand.getAsJsonObject().get("url").getAsString()).matches("https?://.*");
        }
        if (loginPath.equals("-")) {
            assertThat(j.get("loginUrl").isJsonNull()).as("no login URL").isTrue();
        } else if (loginPath.equals("*")) {
            assertThat(j.get("loginUrl").getAsString()).startsWith(sim.url("/").toString());
        } else {
            assertThat(j.get("loginUrl").getAsString()).startsWith(sim.url(loginPath).toString());
        }
        assertThat(j.getAsJsonArray("probes")).hasSize(1);
        JsonObject probe = j.getAsJsonArray("probes").get(0).getAsJsonObject();
        assertThat(probe.get("url").getAsString()).isEqualTo(sim.url(path).toString());
        assertThat(probe.has("elapsedMs")).isTrue();
        assertThat(tookMs).as("one deadline bounds the whole check").isLessThan(3000 + 2000);
        assertThat(r.err()).isEmpty();
    }

    /**
     * Issue #15, on loopback: several probes at once, one of them a self-hosted check that answers its own page. Without
     * its configured answer that page is "a page instead of 204" (a portal); with it (as NetworkManager's response=),
     * the network is online.
     */
    @Test
    void aConfiguredAnswerOnTheCommandLineKeepsASelfHostedCheckFromLookingLikeAPortal() {
        sim.setScenario(Scenario.APPLE_SUCCESS);
        String apple = sim.url("/hotspot-detect.html").toString();
        String own = sim.url("/status").toString();
        Run plain = run("check", "--probe", apple, "--probe", own, "--json", "--timeout", "3000");
        assertThat(plain.code()).as(plain.err()).isEqualTo(10);
        Run configured = run("check", "--probe", apple, "--probe", own + " status=200 prefix=%3CHTML%3E%3CHEAD%3E label=Own",
                "--json", "--timeout", "3000");
        assertThat(configured.code()).as(configured.err()).isZero();
        assertThat(configured.json().getAsJsonArray("probes")).hasSize(2);
        assertThat(configured.json().getAsJsonArray("probes").get(1).getAsJsonObject().get("label").getAsString()).isEqualTo("Own");
        assertThat(sim.requests()).extracting(PortalSimulator.Request::path).contains("/status", "/hotspot-detect.html");
        Run bad = run("check", "--probe", own + " stauts=200");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown key 'stauts'");
    }

    @Test
    void checkCaptiveGivesTheLoginUrl() {
        sim.setScenario(Scenario.REDIRECT_302);
        Run r = run("check", "--probe", sim.url("/generate_204").toString(), "--json");
        JsonObject j = r.json();
        assertThat(j.get("loginUrl").getAsString()).startsWith(sim.loginUrl().toString());
        JsonObject probe = j.getAsJsonArray("probes").get(0).getAsJsonObject();
        assertThat(probe.get("status").getAsInt()).isEqualTo(302);
        assertThat(probe.get("location").getAsString()).startsWith(sim.loginUrl().toString());
        assertThat(probe.get("error").isJsonNull()).isTrue();
    }

    @Test
    void checkOffline() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("check", "--probe", "http://127.0.0.1:" + port + "/generate_204", "--json");
        assertThat(r.code()).isEqualTo(20);
        JsonObject probe = r.json().getAsJsonArray("probes").get(0).getAsJsonObject();
        assertThat(probe.get("error").getAsString()).isEqualTo("refused");
        assertThat(r.json().get("loginUrl").isJsonNull()).isTrue();
    }

    @Test
    void checkTextOutput() {
        sim.setScenario(Scenario.REDIRECT_302);
        Run r = run("check", "--probe", sim.url("/generate_204").toString());
        assertThat(r.code()).isEqualTo(10);
        assertThat(r.out()).contains("Verdict:  captive").contains("Sign in:  " + sim.loginUrl());
    }

    @Test
    void checkTimeoutBoundsTheRun() {
        sim.setScenario(Scenario.NEVER_WRITES);
        long t0 = System.nanoTime();
        Run r = run("check", "--probe", sim.url("/generate_204").toString(), "--timeout", "400", "--json");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.code()).isEqualTo(20);
        assertThat(ms).isLessThan(2500);
        assertThat(r.json().getAsJsonArray("probes").get(0).getAsJsonObject().get("error").getAsString()).isEqualTo("timeout");
    }

    static final String REDIRECT = "HTTP/1.1 302 Found\r\nLocation: http://portal.example.net/login?x=1\r\nContent-Length: 0\r\n\r\n";

    @Test
    void analyzeOfAHostileGzippedScriptReturnsAVerdictWithinItsTimeout() throws Exception {
        // issue #13: 2 KB of gzip inflating to a script of 70 000 "location = a;" took minutes of CPU; the
        // extraction budget ends at --timeout (the bound here is generous: the old code took far longer)
        Path file = Path.of(CliTest.class.getResource("/fuzz-regressions/js-location-variables-gzip.http").toURI());
        long t0 = System.nanoTime();
        Run r = run("analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", "--timeout", "1000", file.toString(), "--json");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.code()).as(r.err()).isEqualTo(10);
        assertThat(ms).isLessThan(10_000);
    }

    @Test
    void analyzeFiles(@TempDir Path dir) throws IOException {
        Path redirect = Files.writeString(dir.resolve("redirect.http"), REDIRECT, StandardCharsets.ISO_8859_1);
        Run r = run("analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", redirect.toString(), "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(10);
        assertThat(r.json().get("loginUrl").getAsString()).isEqualTo("http://portal.example.net/login?x=1");

        Path online = Files.writeString(dir.resolve("online.http"), "HTTP/1.1 204 No Content\n\n", StandardCharsets.ISO_8859_1);
        assertThat(run("analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", online.toString()).code()).isZero();

        String page = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>";
        Path apple = Files.writeString(dir.resolve("apple.http"), "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(page.length()) + "\r\n" + page + "\r\n0\r\n\r\n", StandardCharsets.ISO_8859_1);
        assertThat(run("analyze", "--url=http://captive.apple.com/hotspot-detect.html", apple.toString()).code()).isZero();
        // Changed by issue #15: a body that merely contains "Success" is not Apple's page (portals write it too).
        Path word = Files.writeString(dir.resolve("word.http"), "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7\r\nSuccess\r\n0\r\n\r\n", StandardCharsets.ISO_8859_1);
        assertThat(run("analyze", "--url=http://captive.apple.com/hotspot-detect.html", word.toString()).code()).isEqualTo(10);

        Path folded = Files.writeString(dir.resolve("511.http"), "HTTP/1.1 511\r\nX-A: 1\r\n  2\r\n\r\n<html></html>",
                StandardCharsets.ISO_8859_1);
        Run f = run("analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", folded.toString(), "--json");
        assertThat(f.code()).isEqualTo(10);
        assertThat(f.json().getAsJsonArray("inputNotes").toString()).contains("folding");
    }

    /**
     * Issue #15: bytes that are not HTTP, or a head over the cap, are what the network answered: a verdict with
     * evidence (limited, exit 13), as a live probe getting them says (NetworkManager nm-connectivity.c: a failed
     * curl transfer is LIMITED), not a usage error.
     */
    @Test
    void analyzeOfANonHttpOrOversizedAnswerIsAVerdict(@TempDir Path dir) throws IOException {
        String url = "http://connectivitycheck.gstatic.com/generate_204";
        Path garbage = Files.writeString(dir.resolve("garbage.txt"), "SSH-2.0-OpenSSH_9.2\r\nhello\r\n");
        Run r = run("analyze", "--url", url, garbage.toString(), "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(13);
        assertThat(r.json().get("verdict").getAsString()).isEqualTo("limited");
        assertThat(r.json().get("evidence").getAsString()).contains("not HTTP");
        assertThat(r.err()).isEmpty();
        Path huge = Files.writeString(dir.resolve("huge.http"), "HTTP/1.1 302 Found\r\nX-Pad: " + "a".repeat(200_000) + "\r\n\r\n",
                StandardCharsets.ISO_8859_1);
        Run h = run("analyze", "--url", url, huge.toString());
        assertThat(h.code()).as(h.err()).isEqualTo(13);
        assertThat(h.out()).contains("larger than");
    }

    @Test
    void analyzeStdin() {
        Run r = run(new ByteArrayInputStream(REDIRECT.getBytes(StandardCharsets.ISO_8859_1)),
                "analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", "-", "--json");
        assertThat(r.code()).isEqualTo(10);
        assertThat(r.json().get("verdict").getAsString()).isEqualTo("captive");
        Run auth = run(new ByteArrayInputStream("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                "analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", "-");
        assertThat(auth.code()).isEqualTo(11);
    }

    @Test
    void usageErrors(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.http");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(16L * 1024 * 1024 + 1); // sparse: no 16 MiB written
        }
        Path garbage = Files.writeString(dir.resolve("garbage.txt"), "hello world\n");
        Files.writeString(dir.resolve("empty.http"), "");
        String url = "http://connectivitycheck.gstatic.com/generate_204";
        List<String[]> cases = new ArrayList<>(List.of(
                new String[]{"frobnicate"},
                new String[]{"check", "--timeout", "soon"},
                new String[]{"check", "--timeout", "0"},
                new String[]{"check", "--timeout"},
                new String[]{"check", "--probe", "ftp://example.net/x"},
                new String[]{"check", "--probe", "not a url"},
                new String[]{"check", "--probe", "javascript:alert(1)"},
                new String[]{"check", "--bogus"},
                new String[]{"check", "extra"},
                new String[]{"analyze", "--url", url, dir.resolve("missing.http").toString()},
                new String[]{"analyze", "--url", url, dir.toString()},
                new String[]{"analyze", "--url", url, big.toString()},
                new String[]{"analyze", "--url", url, dir.resolve("empty.http").toString()},
                new String[]{"analyze", "--url", "file:///etc/passwd", garbage.toString()},
                new String[]{"analyze", garbage.toString()},
                new String[]{"analyze", "--url", url},
                new String[]{"watch", "extra"}));
        for (String[] args : cases) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("captivewatch: ").doesNotContain("\n");
        }
        assertThat(run("check", "--timeout", "soon").err()).contains("--timeout");
        assertThat(run("analyze", "--url", url, big.toString()).err()).contains("larger than 16 MiB");
        assertThat(run("analyze", "--url", url, dir.toString()).err()).contains("directory");
        assertThat(run("analyze", "--url", url, dir.resolve("missing.http").toString()).err()).contains("no such file");
        assertThat(run("watch", "extra").err()).contains("watch takes no arguments");
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void stdinLargerThanTheLimitIsRefused() {
        InputStream endless = new InputStream() {
            long left = 16L * 1024 * 1024 + 10;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        Run r = run(endless, "analyze", "--url", "http://connectivitycheck.gstatic.com/generate_204", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("standard input").contains("larger than 16 MiB");
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("check [--probe URL]").contains("Exit codes");
        Run version = run("version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("CaptiveWatch ");
    }

    @Test
    void cliPathLoadsNoJavaFx(@TempDir Path dir) throws Exception {
        sim.setScenario(Scenario.ONLINE_204);
        Path log = dir.resolve("classes.log");
        Path stdout = dir.resolve("out.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "io.captivewatch.Main", "check", "--probe", sim.url("/generate_204").toString(), "--json")
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CLI subprocess did not finish in 60 s");
        }
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(Files.readString(stdout)).contains("\"verdict\": \"online\"");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).anyMatch(l -> l.contains("io.captivewatch.cli.Cli "));
        assertThat(loaded).noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx."));
        assertThat(loaded).noneMatch(l -> l.contains(" java.awt."));
    }
}
