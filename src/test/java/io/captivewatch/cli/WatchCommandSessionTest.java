package io.captivewatch.cli;

import io.captivewatch.testing.LineSink;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.FakeWatcher;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch --json} prints a "session" line when the RFC 8908 session is about to end. */
class WatchCommandSessionTest {
    final LineSink sink = new LineSink();
    final List<String> lines = sink.lines();
    WatchCommand watch;
    Thread runner;
    final AtomicReference<Object> outcome = new AtomicReference<>();

    @AfterEach
    void tearDown() throws Exception {
        if (watch != null) watch.stop();
        if (runner != null) {
            runner.join(10_000);
            assertThat(runner.isAlive()).as("watch stops").isFalse();
            assertThat(outcome.get()).as("watch ended without an exception").isNotInstanceOf(Throwable.class);
        }
    }

    void start(boolean json, long seconds) {
        CapportStatus api = new CapportStatus(URI.create("http://127.0.0.1:9/api"), "test", false,
                Optional.of(URI.create("http://127.0.0.1:9/portal")), Optional.empty(), OptionalLong.of(seconds),
                OptionalLong.of(5_000_000L), true, List.of());
        Classification online = new Classification(Verdict.ONLINE, "online", Optional.empty(), List.of(), List.of(),
                List.of(), Optional.of(api));
        watch = new WatchCommand(new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        FakeWatcher network = new FakeWatcher(FakeWatcher.net("Lab"));
        watch.watcherFactory = () -> network;
        watch.shutdownHook = false;
        runner = new Thread(() -> {
            try {
                outcome.set(watch.watch((probes, timeout) -> online, () -> {}, Settings.defaults(),
                        List.of(ProbeSpec.forUrl(URI.create("http://127.0.0.1:9/generate_204"))), json));
            } catch (Exception e) {
                outcome.set(e);
            }
        }, "watch-under-test");
        runner.start();
    }

    @Test
    void jsonSessionLine() {
        start(true, 4); // shorter than the minimum warning lead (5 s): warns at once
        Await.until("session line in " + lines, () -> lines.stream().anyMatch(l -> l.contains("\"event\":\"session\"")),
                Duration.ofSeconds(10));
        String line = lines.stream().filter(l -> l.contains("\"event\":\"session\"")).findFirst().orElseThrow();
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        long secs = o.get("secondsRemaining").getAsLong();
        assertThat(secs).isBetween(0L, 4L);
        Instant expires = Instant.parse(o.get("expiresAt").getAsString());
        assertThat(Duration.between(Instant.parse(o.get("at").getAsString()), expires).toSeconds()).isBetween(0L, 4L);
        assertThat(o.get("bytesRemaining").getAsLong()).isEqualTo(5_000_000L);
        assertThat(o.get("userPortalUrl").getAsString()).isEqualTo("http://127.0.0.1:9/portal");
        assertThat(o.get("canExtend").getAsBoolean()).isTrue();
    }

    @Test
    void humanSessionLine() {
        start(false, 3);
        Await.until("session line in " + lines, () -> lines.stream().anyMatch(l -> l.contains(" session ends at ")),
                Duration.ofSeconds(10));
        // sizes are formatted for the language (issue #19)
        assertThat(lines.stream().filter(l -> l.contains(" session ends at ")).findFirst().orElseThrow())
                .contains("5 MB left").contains("sign in again at http://127.0.0.1:9/portal");
    }
}
