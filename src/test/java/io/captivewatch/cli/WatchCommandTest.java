package io.captivewatch.cli;

import io.captivewatch.testing.LineSink;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.core.monitor.FakeWatcher;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code watch} in-process against the loopback portal simulator, with a hand-driven network feed. */
class WatchCommandTest {
    @TempDir
    Path config;
    PortalSimulator sim;
    final LineSink sink = new LineSink();
    final List<String> lines = sink.lines();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final FakeWatcher network = new FakeWatcher(FakeWatcher.net("Lab"));
    WatchCommand watch;
    Thread runner;
    final AtomicReference<Object> outcome = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        sim = new PortalSimulator(Scenario.REDIRECT_302).start();
        // a fast captive re-check keeps this test short
        Files.writeString(config.resolve("settings.json"), "{\"captiveIntervalSeconds\": 1}");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (watch != null) watch.stop();
        if (runner != null) {
            runner.join(10_000);
            assertThat(runner.isAlive()).as("watch stops").isFalse();
            assertThat(outcome.get()).as("watch ended without an exception").isNotInstanceOf(Throwable.class);
        }
        sim.close();
    }

    void start(String... args) {
        watch = new WatchCommand(new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        watch.watcherFactory = () -> network;
        watch.shutdownHook = false;
        runner = new Thread(() -> {
            try {
                outcome.set(watch.run(List.of(args)));
            } catch (Exception e) {
                outcome.set(e);
            }
        }, "watch-under-test");
        runner.start();
    }

    JsonObject awaitEvent(String event, String field, String value) {
        AtomicReference<JsonObject> found = new AtomicReference<>();
        Await.until("event " + event + " " + field + "=" + value + " in " + lines, () -> {
            for (String l : lines) {
                JsonObject o = JsonParser.parseString(l).getAsJsonObject();
                if (o.get("event").getAsString().equals(event)
                        && (field == null || (o.has(field) && !o.get(field).isJsonNull() && o.get(field).getAsString().equals(value)))) {
                    found.set(o);
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(10));
        return found.get();
    }

    @Test
    void printsJsonLinesForVerdictPromptNetworkAndClearing() {
        String probe = sim.url("/generate_204").toString();
        start("--json", "--probe", probe, "--config", config.toString());
        JsonObject w = awaitEvent("watching", null, null);
        assertThat(w.get("network").getAsString()).isEqualTo("ssid:Lab");
        assertThat(w.getAsJsonArray("probes").get(0).getAsString()).isEqualTo(probe);
        JsonObject v = awaitEvent("verdict", "verdict", "captive");
        assertThat(v.get("loginUrl").getAsString()).startsWith("http://127.0.0.1:" + sim.port());
        assertThat(v.get("evidence").getAsString()).isNotBlank();
        assertThat(v.get("exitCode").getAsInt()).isEqualTo(10);
        JsonObject p = awaitEvent("prompt", "automatic", "true");
        assertThat(p.get("url").getAsString()).isEqualTo(v.get("loginUrl").getAsString());
        assertThat(lines.get(0)).contains("\"event\":\"watching\"");

        network.emit(NetworkChange.Kind.JOINED, FakeWatcher.net("Cafe"));
        JsonObject n = awaitEvent("network", "kind", "joined");
        assertThat(n.get("network").getAsString()).isEqualTo("ssid:Cafe");
        assertThat(n.getAsJsonArray("details")).isNotEmpty();

        sim.setScenario(Scenario.ONLINE_204); // the user "logged in"
        awaitEvent("verdict", "verdict", "online");
        awaitEvent("cleared", "network", "ssid:Cafe");
        long verdictLines = lines.stream().filter(l -> l.contains("\"event\":\"verdict\"")).count();
        assertThat(verdictLines).as("one line per verdict change, not per check").isLessThanOrEqualTo(3);

        watch.stop();
        Await.until("watch returns", () -> outcome.get() != null, Duration.ofSeconds(10));
        assertThat(outcome.get()).isEqualTo(0);
        assertThat(network.closed).isTrue();
        for (String l : lines) JsonParser.parseString(l).getAsJsonObject(); // every line is one JSON object
    }

    @Test
    void humanOutputIsOneLinePerEvent() {
        start("--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        Await.until("captive line in " + lines, () -> lines.stream().anyMatch(l -> l.contains("captive on Lab")),
                Duration.ofSeconds(10));
        Await.until("sign-in line", () -> lines.stream().anyMatch(l -> l.contains("sign in at http://127.0.0.1")),
                Duration.ofSeconds(10));
        assertThat(lines.get(0)).contains("watching Lab");
    }

    @Test
    void aCorruptConfigIsReportedOnStderrAndWatchingGoesOn() throws Exception {
        Files.writeString(config.resolve("settings.json"), "{not json");
        start("--json", "--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        awaitEvent("verdict", "verdict", "captive");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("corrupt-");
    }

    @Test
    void usageErrors() {
        WatchCommand w = new WatchCommand(System.out, System.err);
        assertThatThrownBy(() -> w.run(List.of("extra"))).isInstanceOf(Args.UsageException.class);
        assertThatThrownBy(() -> w.run(List.of("--probe", "ftp://x/y"))).isInstanceOf(Args.UsageException.class)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> w.run(List.of("--bogus"))).isInstanceOf(Args.UsageException.class);
        assertThatThrownBy(() -> w.run(List.of("--config", "a", "--config", "b"))).isInstanceOf(Args.UsageException.class);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8), System.in)
                .run("watch", "--probe", "javascript:alert(1)");
        assertThat(code).isEqualTo(Cli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("http");
    }
}
