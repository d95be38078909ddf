package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.DefaultNetworkWatcher;
import io.captivewatch.core.network.FakeHints;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkSnapshot;
import io.captivewatch.core.os.FakeScheduler;
import io.captivewatch.core.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A link flapping 100 times in 10 s (virtual time) through the real watcher (debouncer, snapshot diff) into the
 * monitor, with checks that take 2 s: at most one prompt, never two checks at once, the right final verdict.
 */
class MonitorFlappingTest {
    static final NetworkSnapshot DOWN = NetworkSnapshot.EMPTY;
    static final NetworkSnapshot UP = new NetworkSnapshot(Map.of("wlan0", List.of("10.9.0.7/24")),
            List.of(new NetworkSnapshot.Route("wlan0", "10.9.0.1", false)), "HotelGuest");

    @org.junit.jupiter.params.ParameterizedTest(name = "checks take {0} ms")
    @org.junit.jupiter.params.provider.ValueSource(longs = {2000, 200})
    void flappingLinkGivesAtMostOnePromptAndNoOverlappingChecks(long checkMillis) {
        FakeScheduler clock = new FakeScheduler();
        FakeHints hints = new FakeHints();
        AtomicReference<NetworkSnapshot> os = new AtomicReference<>(DOWN);
        DefaultNetworkWatcher watcher = new DefaultNetworkWatcher(hints, os::get, clock,
                Duration.ofMillis(700), Duration.ofMillis(1500), Duration.ofSeconds(10));

        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        // the portal answers whenever the link is up at the moment the check runs
        CheckFunction checker = (probes, timeout) -> {
            checks.incrementAndGet();
            return os.get().connected() ? Classifications.captive(Classifications.LOGIN) : Classifications.of(Verdict.OFFLINE);
        };
        // a check takes checkMillis of virtual time
        java.util.concurrent.Executor slowChecks = job -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            clock.schedule(Duration.ofMillis(checkMillis), () -> {
                inFlight.decrementAndGet();
                job.run();
            });
        };
        AtomicInteger resets = new AtomicInteger();
        Monitor monitor = Monitor.builder(checker).scheduler(clock).network(watcher).checkExecutor(slowChecks)
                .settings(Settings.defaults()).onNetworkChange(resets::incrementAndGet).random(() -> 0.5).build();
        List<LoginPrompt> prompts = new ArrayList<>();
        List<NetworkChange> changes = new ArrayList<>();
        monitor.addListener(new MonitorListener() {
            @Override
            public void promptLogin(LoginPrompt prompt) {
                prompts.add(prompt);
            }

            @Override
            public void networkChanged(NetworkChange change) {
                changes.add(change);
            }
        });
        try {
            monitor.start();
            clock.advance(Duration.ofSeconds(5));
            assertThat(monitor.state().verdict()).contains(Verdict.OFFLINE);

            for (int i = 0; i < 100; i++) { // up/down every 100 ms for 10 s, ends up
                os.set(i % 2 == 0 ? DOWN : UP);
                hints.hint();
                clock.advance(Duration.ofMillis(100));
            }
            assertThat(os.get()).isEqualTo(UP);
            clock.advance(Duration.ofSeconds(20));

            assertThat(maxInFlight).as("never two checks at a time").hasValue(1);
            assertThat(prompts).as("at most one prompt").hasSizeLessThanOrEqualTo(1);
            assertThat(changes.size()).as("debounced: far fewer than 100 network events").isBetween(1, 10);
            assertThat(resets).hasValue(changes.size());
            Classification last = monitor.state().last().orElseThrow();
            assertThat(last.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(monitor.state().network().orElseThrow().key()).isEqualTo("ssid:HotelGuest");
            assertThat(checks.get()).as("checks bounded: one per network event plus the schedule").isLessThanOrEqualTo(30);
            // it keeps checking every 3 s while captive, one at a time
            int before = checks.get();
            clock.advance(Duration.ofSeconds(50));
            long expected = 50_000 / (3_000 + checkMillis); // next check 3 s after the previous one finished
            assertThat((long) (checks.get() - before)).isBetween(expected - 1, expected + 1);
            assertThat(maxInFlight).hasValue(1);
            assertThat(prompts).hasSize(1);
        } finally {
            monitor.close();
        }
    }
}
