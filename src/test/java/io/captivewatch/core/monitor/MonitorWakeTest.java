package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.detect.KnownPortal;
import io.captivewatch.core.os.FakeScheduler;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.captivewatch.core.monitor.FakeWatcher.net;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue #17 item 4: waking from suspend checks at once, fully, like a possible network change, in virtual time. */
class MonitorWakeTest {
    final FakeScheduler clock = new FakeScheduler();
    final Instant t0 = clock.now();
    final AtomicReference<Classification> result = new AtomicReference<>(Classifications.of(Verdict.ONLINE));
    final List<Instant> checkTimes = new ArrayList<>();
    final List<Optional<KnownPortal>> hints = new ArrayList<>();
    final AtomicInteger resets = new AtomicInteger();
    final Deque<Runnable> held = new ArrayDeque<>();
    final List<Verdict> verdicts = new ArrayList<>();
    Monitor monitor;

    final CheckFunction checker = new CheckFunction() {
        @Override
        public Classification check(List<ProbeSpec> probes, Duration timeout) {
            return check(probes, timeout, Optional.empty());
        }

        @Override
        public Classification check(List<ProbeSpec> probes, Duration timeout, Optional<KnownPortal> known) {
            checkTimes.add(clock.now());
            hints.add(known);
            return result.get();
        }
    };

    void start(boolean manualExecutor) {
        monitor = Monitor.builder(checker).scheduler(clock).network(new FakeWatcher(net("Hotel")))
                .settings(Settings.defaults()).random(() -> 0.5).onNetworkChange(resets::incrementAndGet)
                .checkExecutor(manualExecutor ? held::add : Runnable::run).build();
        monitor.addListener(new MonitorListener() {
            @Override
            public void stateChanged(MonitorState s) {
                s.verdict().ifPresent(v -> {
                    if (verdicts.isEmpty() || verdicts.get(verdicts.size() - 1) != v) verdicts.add(v);
                });
            }
        });
        monitor.start();
        clock.runDue();
        if (manualExecutor) runHeld();
    }

    void runHeld() {
        while (!held.isEmpty()) {
            held.poll().run();
            clock.runDue();
        }
    }

    @AfterEach
    void close() {
        if (monitor != null) monitor.close();
    }

    @Test
    void wakingChecksAtOnceInsteadOfAtTheNextTimerAndDropsConnections() {
        start(false);
        assertThat(monitor.state().nextCheck()).as("online: the next timer check is minutes away").contains(t0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(10));
        monitor.wokeUp();
        clock.runDue();
        assertThat(checkTimes).containsExactly(t0, t0.plusSeconds(10));
        assertThat(resets).as("connections and the cached API discovery dropped, as on a network change").hasValue(1);
    }

    @Test
    void wakingWhileAPortalIsKnownReadsEverythingAgain() {
        result.set(Classifications.captive(Classifications.LOGIN));
        start(false);
        clock.advance(Settings.defaults().captiveInterval());
        assertThat(hints.get(1)).as("the captive timer's re-check stops at the first hop").isPresent();
        clock.advance(Duration.ofSeconds(1));
        monitor.wokeUp();
        clock.runDue();
        assertThat(hints).hasSize(3);
        assertThat(hints.get(2)).as("after a sleep the portal may be another one: a full check").isEmpty();
    }

    @Test
    void aCheckThatBeganBeforeTheSleepIsThrownAwayAndRedone() {
        start(true);
        clock.advance(Duration.ofSeconds(300));
        assertThat(held).as("the timer's check began, then the lid closed").hasSize(1);
        monitor.wokeUp();
        clock.runDue();
        result.set(Classifications.of(Verdict.OFFLINE)); // what that check saw as the Wi-Fi went down for the sleep
        held.poll().run();
        clock.runDue();
        result.set(Classifications.captive(Classifications.LOGIN)); // what the network says after waking
        runHeld();
        assertThat(checkTimes).hasSize(3);
        assertThat(verdicts).as("the pre-sleep answer is never shown").containsExactly(Verdict.ONLINE, Verdict.CAPTIVE);
        assertThat(hints.get(2)).isEmpty();
    }

    @Test
    void aUsersPauseIsKept() {
        start(false);
        monitor.pause(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(5));
        monitor.wokeUp();
        clock.runDue();
        assertThat(checkTimes).hasSize(1);
        assertThat(monitor.state().paused()).isTrue();
    }
}
