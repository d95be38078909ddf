package io.captivewatch.core.network;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing: {@code captivewatch watch --json} runs inside a network namespace this test creates, with the real
 * {@code ip monitor} hint source and the real /proc snapshots; the test changes the namespace's addresses and
 * routes and expects each network event printed within 2 s.
 */
class WatchNetnsSystemTest {
    /** The contract: a change is reported within 2 s. */
    static final Duration WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path config;
    String ns;
    String hostVeth;
    String nsVeth;
    Process watch;
    final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    final List<String> all = new ArrayList<>();

    record Line(long atNanos, String text) {}

    @BeforeEach
    void createNamespace() {
        Requirements.requireRoot();
        Requirements.requireCommands("ip");
        String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        ns = "cwmon-" + tag;
        hostVeth = "cwm" + tag + "h";
        nsVeth = "cwm" + tag + "n";
        sh("ip", "netns", "add", ns);
        sh("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
        sh("ip", "link", "set", nsVeth, "netns", ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "link", "set", hostVeth, "up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (watch != null) {
                watch.destroy(); // SIGTERM: the shutdown hook closes the monitor
                if (!watch.waitFor(10, TimeUnit.SECONDS)) watch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (ns != null) {
                Requirements.run(10_000, "ip", "netns", "del", ns);
                Requirements.run(10_000, "ip", "link", "del", hostVeth);
            }
        }
    }

    static void sh(String... cmd) {
        int rc = Requirements.run(10_000, cmd);
        assertThat(rc).as(String.join(" ", cmd)).isZero();
    }

    static int unusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The next JSON line with this event (and kind), within {@code timeout} from now; other lines are skipped. */
    JsonObject next(String event, String kind, Duration timeout) throws InterruptedException {
        long begin = System.nanoTime();
        long end = begin + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Line l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (l == null) {
                throw new AssertionError("no " + event + (kind == null ? "" : "/" + kind) + " event within "
                        + timeout.toMillis() + " ms; output so far: " + all);
            }
            JsonObject o = JsonParser.parseString(l.text()).getAsJsonObject();
            if (o.get("event").getAsString().equals(event) && (kind == null || kind.equals(o.get("kind").getAsString()))) {
                System.out.printf("[watch-netns] %s%s after %d ms: %s%n", event, kind == null ? "" : "/" + kind,
                        TimeUnit.NANOSECONDS.toMillis(l.atNanos() - begin), l.text());
                return o;
            }
        }
    }

    @Test
    void networkEventsArePrintedWithinTwoSeconds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // probe a loopback port nobody listens on inside the namespace: the verdict is offline, quickly
        String probe = "http://127.0.0.1:" + unusedPort() + "/generate_204";
        watch = new ProcessBuilder("ip", "netns", "exec", ns, java, "-Djava.awt.headless=true", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.captivewatch.Main",
                "watch", "--json", "--probe", probe, "--config", config.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    synchronized (all) {
                        all.add(s);
                    }
                    lines.add(new Line(System.nanoTime(), s));
                }
            } catch (Exception e) {
                // process ended
            }
        }, "watch-output");
        reader.setDaemon(true);
        reader.start();

        JsonObject start = next("watching", null, Duration.ofSeconds(30));
        assertThat(start.get("network").isJsonNull()).as("no default route in a fresh namespace").isTrue();
        JsonObject first = next("verdict", null, Duration.ofSeconds(15));
        assertThat(first.get("verdict").getAsString()).isIn("offline", "limited");

        // 1: the interface comes up with an address
        sh("ip", "-n", ns, "addr", "add", "10.201.7.2/24", "dev", nsVeth);
        sh("ip", "-n", ns, "link", "set", nsVeth, "up");
        JsonObject changed = next("network", "changed", WITHIN);
        assertThat(changed.getAsJsonArray("details").toString()).contains(nsVeth).contains("10.201.7.2/24");

        // 2: a default route appears: joined, identified by interface and gateway
        sh("ip", "-n", ns, "route", "add", "default", "via", "10.201.7.1", "dev", nsVeth);
        JsonObject joined = next("network", "joined", WITHIN);
        assertThat(joined.get("network").getAsString()).isEqualTo("if:" + nsVeth + "/gw:10.201.7.1");

        // 3: the address goes (and the route with it): left
        sh("ip", "-n", ns, "addr", "del", "10.201.7.2/24", "dev", nsVeth);
        JsonObject left = next("network", "left", WITHIN);
        assertThat(left.get("network").isJsonNull()).isTrue();
        assertThat(left.getAsJsonArray("details").toString()).contains("-default via 10.201.7.1");

        assertThat(watch.isAlive()).isTrue();
        watch.destroy();
        assertThat(watch.waitFor(10, TimeUnit.SECONDS)).as("SIGTERM stops watch").isTrue();
    }
}
