package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.detect.KnownPortal;
import io.captivewatch.core.network.NetworkChange;
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

/**
 * Issue #17: the login window's pages ask for a re-check (debounced, one check at a time), and re-checks while a
 * portal is known get the known portal as their hint (first hop only), except the user's "Check now".
 */
class MonitorPageRecheckTest {
    final FakeScheduler clock = new FakeScheduler();
    final AtomicReference<Classification> result = new AtomicReference<>(Classifications.captive(Classifications.LOGIN));
    final List<Instant> checkTimes = new ArrayList<>();
    final List<Optional<KnownPortal>> hints = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger cleared = new AtomicInteger();
    final Deque<Runnable> held = new ArrayDeque<>();
    final FakeWatcher watcher = new FakeWatcher(net("Cafe"));
    Monitor monitor;

    final CheckFunction checker = new CheckFunction() {
        @Override
        public Classification check(List<ProbeSpec> probes, Duration timeout) {
            return check(probes, timeout, Optional.empty());
        }

        @Override
        public Classification check(List<ProbeSpec> probes, Duration timeout, Optional<KnownPortal> known) {
            assertThat(inFlight.incrementAndGet()).as("checks never overlap").isEqualTo(1);
            try {
                checkTimes.add(clock.now());
                hints.add(known);
                return result.get();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    };

    void start(boolean manualExecutor) {
        monitor = Monitor.builder(checker).scheduler(clock).network(watcher).settings(Settings.defaults())
                .random(() -> 0.5).checkExecutor(manualExecutor ? held::add : Runnable::run).build();
        monitor.addListener(new MonitorListener() {
            @Override
            public void portalCleared(MonitorState state) {
                cleared.incrementAndGet();
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
    void aPageLoadWhileCaptiveChecksAtOnceAndTheClearedPortalIsReportedThen() {
        start(false);
        assertThat(checkTimes).hasSize(1);
        clock.advance(CheckSchedule.PAGE_CHECK_GAP);
        result.set(Classifications.of(Verdict.ONLINE)); // the user got through
        monitor.loginPageActivity();
        clock.runDue();
        assertThat(checkTimes).as("checked at once, not at the captive interval").hasSize(2);
        assertThat(checkTimes.get(1)).isEqualTo(clock.now());
        assertThat(cleared).hasValue(1);
        assertThat(monitor.state().verdict()).contains(Verdict.ONLINE);
    }

    @Test
    void aBurstOfPageEventsIsOneCheckNowAndOneAtTheEndOfTheGap() {
        start(false);
        clock.advance(Duration.ofSeconds(1));
        Instant burst = clock.now();
        for (int i = 0; i < 5; i++) {
            monitor.loginPageActivity();
            clock.advance(Duration.ofMillis(20));
        }
        clock.advance(Duration.ofSeconds(1));
        List<Instant> afterBurst = checkTimes.subList(1, checkTimes.size());
        assertThat(afterBurst).as("five page events within the gap: two checks, not five")
                .containsExactly(burst, burst.plus(CheckSchedule.PAGE_CHECK_GAP));
    }

    @Test
    void pageEventsDuringACheckBecomeOneFollowUpAndNeverASecondCheck() {
        start(true);
        assertThat(checkTimes).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        monitor.loginPageActivity();
        clock.runDue();
        assertThat(held).as("one check started").hasSize(1);
        monitor.loginPageActivity();
        monitor.loginPageActivity();
        clock.runDue();
        assertThat(held).as("not a second one while it runs").hasSize(1);
        held.poll().run();
        clock.runDue();
        assertThat(held).as("exactly one follow-up after it").hasSize(1);
        held.poll().run();
        clock.runDue();
        assertThat(held).isEmpty();
        assertThat(checkTimes).hasSize(3);
    }

    @Test
    void pageEventsAreIgnoredUnlessAPortalIsKnown() {
        result.set(Classifications.of(Verdict.ONLINE));
        start(false);
        clock.advance(Duration.ofSeconds(1));
        monitor.loginPageActivity();
        clock.advance(Duration.ofSeconds(1));
        assertThat(checkTimes).hasSize(1);

        result.set(Classifications.captive(Classifications.LOGIN));
        monitor.checkNow();
        clock.runDue();
        monitor.pause(Duration.ofMinutes(5));
        clock.runDue();
        monitor.loginPageActivity();
        clock.advance(Duration.ofSeconds(1));
        assertThat(checkTimes).as("nothing while paused").hasSize(2);
    }

    @Test
    void reChecksWhileAPortalIsKnownCarryItsLinksButCheckNowAndANewNetworkReadEverything() {
        start(false);
        assertThat(hints.get(0)).as("the first check knows nothing").isEmpty();
        clock.advance(Settings.defaults().captiveInterval());
        assertThat(hints).hasSize(2);
        assertThat(hints.get(1)).as("the captive timer's re-check").isPresent();
        assertThat(hints.get(1).get().candidates().get(0).url().uri()).isEqualTo(Classifications.LOGIN);

        clock.advance(CheckSchedule.PAGE_CHECK_GAP);
        monitor.loginPageActivity();
        clock.runDue();
        assertThat(hints.get(2)).as("a page's re-check").isPresent();

        monitor.checkNow();
        clock.runDue();
        assertThat(hints.get(3)).as("the user's Check now reads the login page again").isEmpty();

        watcher.emit(NetworkChange.Kind.CHANGED, net("Airport"));
        clock.runDue();
        assertThat(hints.get(4)).as("another network: its portal is not known").isEmpty();
        clock.advance(Settings.defaults().captiveInterval());
        assertThat(hints.get(5)).isPresent();
    }

    @Test
    void pageCheckWaitIsTheRestOfTheGap() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(CheckSchedule.pageCheckWait(null, t)).isZero();
        assertThat(CheckSchedule.pageCheckWait(t, t)).isEqualTo(CheckSchedule.PAGE_CHECK_GAP);
        assertThat(CheckSchedule.pageCheckWait(t, t.plusMillis(50))).isEqualTo(CheckSchedule.PAGE_CHECK_GAP.minusMillis(50));
        assertThat(CheckSchedule.pageCheckWait(t, t.plus(CheckSchedule.PAGE_CHECK_GAP))).isZero();
    }
}
