package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.os.FakeScheduler;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.captivewatch.core.monitor.FakeWatcher.net;
import static org.assertj.core.api.Assertions.assertThat;

/** Schedule and prompt decisions, in virtual time (FakeScheduler), checks run inline. */
class MonitorTest {
    final FakeScheduler clock = new FakeScheduler();
    final Instant t0 = clock.now();
    final AtomicReference<Classification> result = new AtomicReference<>(Classifications.of(Verdict.ONLINE));
    final List<Instant> checkTimes = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final List<LoginPrompt> prompts = new ArrayList<>();
    final List<MonitorState> cleared = new ArrayList<>();
    final List<NetworkChange> changes = new ArrayList<>();
    final List<Settings> saved = new ArrayList<>();
    /** When set, saving settings fails with it. */
    volatile IOException saveFailure;
    final AtomicInteger resets = new AtomicInteger();
    final FakeWatcher watcher = new FakeWatcher(net("Home"));
    /** Checks waiting to run when a test uses the manual executor. */
    final Deque<Runnable> heldChecks = new ArrayDeque<>();
    Monitor monitor;

    final CheckFunction checker = (probes, timeout) -> {
        assertThat(inFlight.incrementAndGet()).as("checks never overlap").isEqualTo(1);
        try {
            checkTimes.add(clock.now());
            assertThat(probes).isNotEmpty();
            return result.get();
        } finally {
            inFlight.decrementAndGet();
        }
    };

    Monitor build(Settings settings, boolean manualExecutor) {
        monitor = Monitor.builder(checker).scheduler(clock).network(watcher).settings(settings).random(() -> 0.5)
                .checkExecutor(manualExecutor ? heldChecks::add : Runnable::run)
                .onNetworkChange(resets::incrementAndGet).persist(s -> {
                    if (saveFailure != null) throw saveFailure;
                    saved.add(s);
                }).build();
        monitor.addListener(new MonitorListener() {
            @Override
            public void promptLogin(LoginPrompt prompt) {
                prompts.add(prompt);
            }

            @Override
            public void portalCleared(MonitorState state) {
                cleared.add(state);
            }

            @Override
            public void networkChanged(NetworkChange change) {
                changes.add(change);
            }
        });
        return monitor;
    }

    Monitor startDefault() {
        build(Settings.defaults(), false);
        monitor.start();
        clock.runDue();
        return monitor;
    }

    long secondsSinceStart(Instant t) {
        return Duration.between(t0, t).toSeconds();
    }

    List<Long> checkSeconds() {
        return checkTimes.stream().map(this::secondsSinceStart).toList();
    }

    @AfterEach
    void close() {
        if (monitor != null) monitor.close();
    }

    @Test
    void checksAtStartThenEveryOnlineInterval() {
        startDefault();
        assertThat(checkTimes).hasSize(1);
        assertThat(monitor.state().verdict()).contains(Verdict.ONLINE);
        assertThat(monitor.state().network()).contains(net("Home"));
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(299));
        assertThat(checkTimes).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(checkTimes).hasSize(2);
        clock.advance(Duration.ofSeconds(900));
        assertThat(checkSeconds()).containsExactly(0L, 300L, 600L, 900L, 1200L);
        assertThat(prompts).isEmpty();
    }

    @Test
    void networkActivityReachesListenersAtOnceAtMostOncePerBurstAndNotWhilePaused() {
        startDefault();
        AtomicInteger activity = new AtomicInteger();
        monitor.addListener(new MonitorListener() {
            @Override
            public void networkActivity() {
                activity.incrementAndGet();
            }
        });
        watcher.stir();
        clock.runDue();
        assertThat(activity).as("reported without waiting for a change").hasValue(1);
        assertThat(checkTimes).as("activity alone does not check").hasSize(1);
        watcher.stir();
        clock.advance(Monitor.ACTIVITY_QUIET.minusSeconds(1));
        watcher.stir();
        clock.runDue();
        assertThat(activity).as("a burst of hints is one report").hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        watcher.stir();
        clock.runDue();
        assertThat(activity).hasValue(2);

        // the network leaves and a new one comes within the quiet time: that join is new activity, reported at once
        watcher.emit(NetworkChange.Kind.JOINED, net("Lobby"));
        clock.runDue();
        watcher.stir();
        clock.runDue();
        assertThat(activity).as("a join is no end of the burst").hasValue(2);
        watcher.emit(NetworkChange.Kind.LEFT, null);
        clock.runDue();
        watcher.stir();
        clock.runDue();
        assertThat(activity).as("the next join after a network left").hasValue(3);
        watcher.stir();
        clock.runDue();
        assertThat(activity).as("and its own burst is one report").hasValue(3);

        monitor.pause(Duration.ofHours(1));
        clock.advance(Monitor.ACTIVITY_QUIET);
        watcher.stir();
        clock.runDue();
        assertThat(activity).as("nothing to get ready for while paused").hasValue(3);
    }

    @Test
    void onlineIntervalHasTenPercentJitter() {
        double[] r = {0.0};
        monitor = Monitor.builder(checker).scheduler(clock).network(watcher).checkExecutor(Runnable::run)
                .random(() -> r[0]).build();
        monitor.start();
        clock.runDue();
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(270));
        r[0] = 0.999999;
        clock.advance(Duration.ofSeconds(270));
        assertThat(checkTimes).hasSize(2);
        assertThat(Duration.between(t0.plusSeconds(270), monitor.state().nextCheck().orElseThrow()).toMillis())
                .isBetween(329_000L, 330_000L);
    }

    @Test
    void offlineBacksOffExponentiallyUpToTheMaximum() {
        result.set(Classifications.of(Verdict.OFFLINE));
        startDefault();
        clock.advance(Duration.ofSeconds(400));
        // 0, +5, +10, +20, +40, +60, +60 ...
        assertThat(checkSeconds()).startsWith(0L, 5L, 15L, 35L, 75L, 135L, 195L, 255L);
        result.set(Classifications.of(Verdict.ONLINE));
        int before = checkTimes.size();
        clock.advance(Duration.ofSeconds(60));
        assertThat(checkTimes).hasSize(before + 1);
        Instant onlineAt = checkTimes.get(checkTimes.size() - 1);
        assertThat(monitor.state().nextCheck()).contains(onlineAt.plusSeconds(300));
        // offline again: backoff starts from 5 s again
        result.set(Classifications.of(Verdict.LIMITED));
        clock.advance(Duration.between(clock.now(), onlineAt.plusSeconds(300)));
        Instant limitedAt = checkTimes.get(checkTimes.size() - 1);
        assertThat(limitedAt).isEqualTo(onlineAt.plusSeconds(300));
        assertThat(monitor.state().nextCheck()).contains(limitedAt.plusSeconds(5));
    }

    @Test
    void backoffMaximumComesFromSettings() {
        result.set(Classifications.of(Verdict.OFFLINE));
        build(Settings.defaults().withOfflineBackoffMaxSeconds(12), false);
        monitor.start();
        clock.advance(Duration.ofSeconds(60));
        assertThat(checkSeconds()).startsWith(0L, 5L, 15L, 27L, 39L, 51L);
    }

    @Test
    void captiveChecksFastPromptsOnceAndClearsWhenOnline() {
        result.set(Classifications.captive(Classifications.LOGIN));
        startDefault();
        assertThat(prompts).hasSize(1);
        LoginPrompt p = prompts.get(0);
        assertThat(p.url().uri()).isEqualTo(Classifications.LOGIN);
        assertThat(p.automatic()).isTrue();
        assertThat(p.askFirst()).isFalse();
        assertThat(p.network()).isEqualTo(net("Home"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(checkSeconds()).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L, 30L);
        assertThat(prompts).as("once per episode").hasSize(1);
        assertThat(cleared).isEmpty();

        result.set(Classifications.of(Verdict.ONLINE)); // the user logged in
        clock.advance(Duration.ofSeconds(3));
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).verdict()).contains(Verdict.ONLINE);
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(333));
        clock.advance(Duration.ofSeconds(600));
        assertThat(cleared).hasSize(1);
    }

    @Test
    void newPortalEpisodeAfterLeavingCaptivePromptsAgain() {
        result.set(Classifications.captive(Classifications.LOGIN));
        startDefault();
        result.set(Classifications.of(Verdict.OFFLINE));
        clock.advance(Duration.ofSeconds(3));
        result.set(Classifications.captive(Classifications.LOGIN));
        clock.advance(Duration.ofSeconds(5));
        assertThat(prompts).as("within the cooldown after a prompt on the same network").hasSize(1);
        assertThat(cleared).as("offline is not 'cleared'").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(prompts).as("a suppressed episode stays quiet").hasSize(1);
        result.set(Classifications.of(Verdict.OFFLINE));
        clock.advance(Duration.ofSeconds(3));
        result.set(Classifications.captive(Classifications.LOGIN));
        clock.advance(Duration.ofSeconds(10));
        assertThat(prompts).as("after the cooldown a new episode prompts").hasSize(2);
    }

    @Test
    void afterThePortalClearsANewPortalPromptsAtOnce() {
        result.set(Classifications.captive(Classifications.LOGIN));
        startDefault();
        result.set(Classifications.of(Verdict.ONLINE));
        clock.advance(Duration.ofSeconds(3));
        assertThat(cleared).hasSize(1);
        result.set(Classifications.captive(Classifications.LOGIN)); // session expired
        monitor.checkNow();
        clock.runDue();
        assertThat(prompts).hasSize(2);
    }

    @Test
    void networkChangeChecksAtOnceResetsConnectionsAndStartsANewEpisode() {
        result.set(Classifications.captive(Classifications.LOGIN));
        startDefault();
        clock.advance(Duration.ofSeconds(1));
        assertThat(prompts).hasSize(1);
        watcher.emit(NetworkChange.Kind.CHANGED, net("Cafe"));
        clock.runDue();
        assertThat(changes).hasSize(1);
        assertThat(resets).hasValue(1);
        assertThat(checkSeconds()).containsExactly(0L, 1L);
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(1).network()).isEqualTo(net("Cafe"));
        assertThat(monitor.state().network()).contains(net("Cafe"));
    }

    @Test
    void networkChangeWhileOnlineChecksAtOnceAndResetsBackoff() {
        result.set(Classifications.of(Verdict.OFFLINE));
        startDefault();
        clock.advance(Duration.ofSeconds(100)); // backoff has grown
        int n = checkTimes.size();
        watcher.emit(NetworkChange.Kind.JOINED, net("Cafe"));
        clock.runDue();
        assertThat(checkTimes).hasSize(n + 1);
        assertThat(monitor.state().nextCheck()).contains(clock.now().plusSeconds(5));
    }

    @Test
    void neverPromptOnThisNetworkSuppressesAutomaticPrompts() {
        result.set(Classifications.captive(Classifications.LOGIN));
        build(Settings.defaults().withNetwork("ssid:Home", new NetworkPrefs(true, false)), false);
        monitor.start();
        clock.advance(Duration.ofSeconds(10));
        assertThat(prompts).isEmpty();
        monitor.signIn();
        clock.runDue();
        assertThat(prompts).hasSize(1);
        assertThat(prompts.get(0).automatic()).isFalse();
        // another network has no such preference
        watcher.emit(NetworkChange.Kind.CHANGED, net("Cafe"));
        clock.runDue();
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(1).automatic()).isTrue();
    }

    @Test
    void popupNeverSuppressesButAlwaysOpenOverridesIt() {
        result.set(Classifications.captive(Classifications.LOGIN));
        build(Settings.defaults().withPopup(PopupBehaviour.NEVER)
                .withNetwork("ssid:Cafe", new NetworkPrefs(false, true)), false);
        monitor.start();
        clock.advance(Duration.ofSeconds(10));
        assertThat(prompts).isEmpty();
        watcher.emit(NetworkChange.Kind.CHANGED, net("Cafe"));
        clock.runDue();
        assertThat(prompts).hasSize(1);
        assertThat(prompts.get(0).askFirst()).isFalse();
    }

    @Test
    void popupAskMarksThePromptAskFirst() {
        result.set(Classifications.captive(Classifications.LOGIN));
        build(Settings.defaults().withPopup(PopupBehaviour.ASK), false);
        monitor.start();
        clock.advance(Duration.ofSeconds(10));
        assertThat(prompts).singleElement().satisfies(p -> {
            assertThat(p.automatic()).isTrue();
            assertThat(p.askFirst()).isTrue();
        });
    }

    @Test
    void promptFallsBackToTheInterceptedProbeUrl() {
        result.set(Classifications.captiveWithoutLink());
        startDefault();
        assertThat(prompts).singleElement().extracting(p -> p.url().uri()).isEqualTo(Classifications.PROBE.url());
    }

    @Test
    void signInAlwaysPromptsEvenWhenOnline() {
        startDefault();
        monitor.signIn();
        clock.runDue();
        assertThat(prompts).singleElement().satisfies(p -> {
            assertThat(p.automatic()).isFalse();
            assertThat(p.url().uri().getScheme()).isEqualTo("http");
        });
    }

    @Test
    void setNeverPromptAndAlwaysOpenArePersisted() {
        startDefault();
        monitor.setNeverPrompt(net("Home"), true);
        clock.runDue();
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).network("ssid:Home")).isEqualTo(new NetworkPrefs(true, false));
        monitor.setAlwaysOpen(net("Home"), true);
        clock.runDue();
        assertThat(saved.get(1).network("ssid:Home")).isEqualTo(new NetworkPrefs(false, true));
        assertThat(monitor.settings().network("ssid:Home").alwaysOpen()).isTrue();
    }

    @Test
    void updateSettingsReplansTheNextCheck() {
        startDefault();
        CompletableFuture<Settings> done = monitor.updateSettings(s -> s.withOnlineIntervalSeconds(60));
        assertThat(done).as("applied on the monitor thread, not the caller's").isNotDone();
        clock.runDue();
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(60));
        assertThat(saved).hasSize(1);
        assertThat(done).isCompletedWithValue(saved.get(0));
    }

    @Test
    void updateSettingsChangesTheCurrentSettingsNotACopyFromEarlier() {
        startDefault();
        Settings seenByTheWindow = monitor.settings();
        monitor.setNeverPrompt(net("Home"), true); // e.g. from the tray, while a settings window is open
        clock.runDue();
        CompletableFuture<Settings> done = monitor.updateSettings(s -> s.withCaptiveIntervalSeconds(7));
        clock.runDue();
        assertThat(seenByTheWindow.network("ssid:Home").neverPrompt()).isFalse();
        assertThat(monitor.settings().network("ssid:Home").neverPrompt()).as("kept").isTrue();
        assertThat(monitor.settings().captiveIntervalSeconds()).isEqualTo(7);
        assertThat(saved).last().isEqualTo(monitor.settings());
        assertThat(done).isCompletedWithValue(monitor.settings());
    }

    @Test
    void aSettingsChangeThatCannotBeSavedChangesNothingAndSaysWhy() {
        startDefault();
        saveFailure = new IOException("disk full");
        Duration before = Duration.between(t0, monitor.state().nextCheck().orElseThrow());
        CompletableFuture<Settings> done = monitor.updateSettings(s -> s.withOnlineIntervalSeconds(60));
        clock.runDue();
        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).withCause(saveFailure);
        assertThat(monitor.settings()).isEqualTo(Settings.defaults());
        assertThat(monitor.state().nextCheck()).contains(t0.plus(before));
    }

    @Test
    void aTrayChoiceThatCannotBeSavedStillApplies() {
        startDefault();
        saveFailure = new IOException("read-only file system");
        monitor.setNeverPrompt(net("Home"), true);
        clock.runDue();
        assertThat(saved).isEmpty();
        assertThat(monitor.settings().network("ssid:Home").neverPrompt()).isTrue();
    }

    @Test
    void updateSettingsAfterCloseFails() {
        startDefault();
        monitor.close();
        assertThat(monitor.updateSettings(s -> s.withOnlineIntervalSeconds(60))).isCompletedExceptionally();
    }

    @Test
    void requestsDuringACheckCoalesceIntoOneFollowUp() {
        build(Settings.defaults(), true);
        monitor.start();
        clock.runDue();
        assertThat(heldChecks).hasSize(1);
        assertThat(monitor.state().checking()).isTrue();
        monitor.checkNow();
        monitor.checkNow();
        watcher.emit(NetworkChange.Kind.CHANGED, net("Cafe"));
        monitor.checkNow();
        clock.runDue();
        assertThat(heldChecks).as("no second check while one runs").hasSize(1);
        heldChecks.poll().run();
        clock.runDue();
        assertThat(heldChecks).as("exactly one follow-up").hasSize(1);
        heldChecks.poll().run();
        clock.runDue();
        assertThat(heldChecks).isEmpty();
        assertThat(checkTimes).hasSize(2);
        assertThat(monitor.state().checking()).isFalse();
        assertThat(monitor.state().nextCheck()).isPresent();
    }

    @Test
    void aResultFromBeforeANetworkChangeIsDiscarded() {
        result.set(Classifications.captive(Classifications.LOGIN));
        build(Settings.defaults(), true);
        monitor.start();
        clock.runDue();
        watcher.emit(NetworkChange.Kind.LEFT, null);
        clock.runDue();
        heldChecks.poll().run(); // the old network's check says captive
        clock.runDue();
        assertThat(prompts).as("stale result must not prompt").isEmpty();
        assertThat(monitor.state().last()).isEmpty();
        result.set(Classifications.of(Verdict.OFFLINE));
        heldChecks.poll().run();
        clock.runDue();
        assertThat(monitor.state().verdict()).contains(Verdict.OFFLINE);
    }

    @Test
    void pauseStopsChecksAndRemembersNetworkChanges() {
        startDefault();
        monitor.pause(Duration.ofHours(1));
        clock.runDue();
        assertThat(monitor.state().paused()).isTrue();
        assertThat(monitor.state().nextCheck()).isEmpty();
        watcher.emit(NetworkChange.Kind.CHANGED, net("Cafe"));
        clock.advance(Duration.ofMinutes(59));
        assertThat(checkTimes).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(checkTimes).hasSize(2);
        assertThat(secondsSinceStart(checkTimes.get(1))).isEqualTo(3600L);
        assertThat(monitor.state().paused()).isFalse();
    }

    @Test
    void resumeEndsAPauseAndChecksAtOnce() {
        startDefault();
        monitor.pause(Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(10));
        monitor.resume();
        clock.runDue();
        assertThat(checkSeconds()).containsExactly(0L, 600L);
        assertThat(monitor.state().paused()).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(checkSeconds()).containsExactly(0L, 600L, 900L, 1200L, 1500L, 1800L, 2100L, 2400L, 2700L, 3000L, 3300L, 3600L, 3900L, 4200L);
    }

    @Test
    void checkNowEndsAPause() {
        startDefault();
        monitor.pause(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(5));
        monitor.checkNow();
        clock.runDue();
        assertThat(checkTimes).hasSize(2);
        assertThat(monitor.state().paused()).isFalse();
    }

    @Test
    void aFailingCheckerCountsAsOfflineAndBacksOff() {
        CheckFunction boom = (p, t) -> {
            checkTimes.add(clock.now());
            throw new IllegalStateException("boom");
        };
        monitor = Monitor.builder(boom).scheduler(clock).network(watcher).checkExecutor(Runnable::run).build();
        monitor.start();
        clock.advance(Duration.ofSeconds(16));
        assertThat(checkSeconds()).containsExactly(0L, 5L, 15L);
        assertThat(monitor.state().last().orElseThrow().evidence()).contains("boom");
    }

    @Test
    void closeStopsEverythingAndClosesTheWatcher() {
        startDefault();
        monitor.close();
        clock.advance(Duration.ofHours(2));
        assertThat(checkTimes).hasSize(1);
        assertThat(watcher.closed).isTrue();
        monitor.close(); // idempotent
    }

    @Test
    void stateChangesAreReportedToListeners() {
        List<MonitorState> states = new ArrayList<>();
        build(Settings.defaults(), false);
        monitor.addListener(new MonitorListener() {
            @Override
            public void stateChanged(MonitorState state) {
                states.add(state);
            }
        });
        monitor.start();
        clock.runDue();
        assertThat(states).anyMatch(MonitorState::checking);
        assertThat(states.get(states.size() - 1).verdict()).contains(Verdict.ONLINE);
        assertThat(states.get(states.size() - 1).checking()).isFalse();
    }
}
