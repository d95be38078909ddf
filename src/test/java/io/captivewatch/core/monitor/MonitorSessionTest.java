package io.captivewatch.core.monitor;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.os.FakeScheduler;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.captivewatch.core.monitor.FakeWatcher.net;
import static org.assertj.core.api.Assertions.assertThat;

/** Session awareness (RFC 8908 seconds-remaining) in virtual time: the warning, the check at expiry. */
class MonitorSessionTest {
    static final URI PORTAL = URI.create("https://portal.example.test/account");

    final FakeScheduler clock = new FakeScheduler();
    final Instant t0 = clock.now();
    /** What the next check returns, given the virtual time it runs at. */
    Function<Instant, Classification> result = t -> Classifications.of(Verdict.ONLINE);
    final List<Instant> checkTimes = new ArrayList<>();
    final List<Instant> warningTimes = new ArrayList<>();
    final List<SessionInfo> warnings = new ArrayList<>();
    final List<LoginPrompt> prompts = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final FakeWatcher watcher = new FakeWatcher(net("Hotel"));
    Monitor monitor;

    final CheckFunction checker = (probes, timeout) -> {
        assertThat(inFlight.incrementAndGet()).as("checks never overlap").isEqualTo(1);
        try {
            checkTimes.add(clock.now());
            return result.apply(clock.now());
        } finally {
            inFlight.decrementAndGet();
        }
    };

    static Classification online(CapportStatus api) {
        return new Classification(Verdict.ONLINE, "online", Optional.empty(), List.of(), List.of(), List.of(),
                Optional.ofNullable(api));
    }

    static CapportStatus api(boolean captive, Long seconds, Long bytes) {
        return new CapportStatus(URI.create("https://api.example.test/capport"), "test", captive, Optional.of(PORTAL),
                Optional.empty(), seconds == null ? OptionalLong.empty() : OptionalLong.of(seconds),
                bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes), true, List.of());
    }

    /** An API whose session ends at {@code end} (seconds since t0), counting down honestly; captive after it. */
    Function<Instant, Classification> sessionEndingAt(long end) {
        return t -> {
            long left = end - secs(t);
            if (left <= 0) return Classifications.captive(Classifications.LOGIN);
            return online(api(false, left, 100_000_000L));
        };
    }

    long secs(Instant t) {
        return Duration.between(t0, t).toSeconds();
    }

    List<Long> checkSeconds() {
        return checkTimes.stream().map(this::secs).toList();
    }

    void start() {
        monitor = Monitor.builder(checker).scheduler(clock).network(watcher).settings(Settings.defaults())
                .random(() -> 0.5).checkExecutor(Runnable::run).build();
        monitor.addListener(new MonitorListener() {
            @Override
            public void sessionExpiring(SessionInfo info) {
                warningTimes.add(clock.now());
                warnings.add(info);
            }

            @Override
            public void promptLogin(LoginPrompt prompt) {
                prompts.add(prompt);
            }
        });
        monitor.start();
        clock.runDue();
    }

    @AfterEach
    void close() {
        if (monitor != null) monitor.close();
    }

    @Test
    void warningLeadIsTenPercentCappedAndFloored() {
        assertThat(Monitor.sessionWarningLead(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(120));
        assertThat(Monitor.sessionWarningLead(Duration.ofSeconds(600))).isEqualTo(Duration.ofSeconds(60));
        assertThat(Monitor.sessionWarningLead(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void warnsOnceShortlyBeforeTheEndAndChecksAtTheEnd() {
        result = sessionEndingAt(3600);
        start();
        SessionInfo s = monitor.state().session().orElseThrow();
        assertThat(s.expiresAt()).isEqualTo(t0.plusSeconds(3600));
        assertThat(s.bytesRemaining()).hasValue(100_000_000L);
        assertThat(s.userPortalUrl().map(WebUrl::uri)).contains(PORTAL);
        assertThat(s.canExtend()).isTrue();
        assertThat(s.secondsRemaining(t0.plusSeconds(600))).isEqualTo(3000);

        clock.advance(Duration.ofSeconds(3479));
        assertThat(warnings).as("every online check confirms the same session; no warning yet").isEmpty();
        assertThat(checkSeconds()).containsExactly(0L, 300L, 600L, 900L, 1200L, 1500L, 1800L, 2100L, 2400L, 2700L, 3000L, 3300L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(warningTimes).as("2 min before the end").containsExactly(t0.plusSeconds(3480));
        assertThat(warnings.get(0).expiresAt()).isEqualTo(t0.plusSeconds(3600));
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(3600));

        clock.advance(Duration.ofSeconds(120));
        assertThat(checkSeconds()).as("a check exactly at the end").endsWith(3300L, 3600L);
        assertThat(monitor.state().verdict()).contains(Verdict.CAPTIVE);
        assertThat(monitor.state().session()).as("captive: no session").isEmpty();
        assertThat(prompts).hasSize(1);
        clock.advance(Duration.ofSeconds(3600));
        assertThat(warnings).as("once").hasSize(1);
    }

    @Test
    void theCheckAtTheEndCoalescesWithTheNormalSchedule() {
        result = sessionEndingAt(300); // ends exactly when the normal online re-check is due
        start();
        clock.advance(Duration.ofSeconds(300));
        assertThat(checkSeconds()).as("one check at 300, not two").containsExactly(0L, 300L);
        assertThat(warningTimes).containsExactly(t0.plusSeconds(270));
    }

    @Test
    void anExtendedSessionMovesTheWarningAndTheCheck() {
        result = sessionEndingAt(600); // warning due at 540
        start();
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(300));
        result = sessionEndingAt(2100); // the user extended the session before the 300 s re-check
        clock.advance(Duration.ofSeconds(300));
        assertThat(monitor.state().session().orElseThrow().expiresAt()).isEqualTo(t0.plusSeconds(2100));
        clock.advance(Duration.ofSeconds(300));
        assertThat(warnings).as("the old session's warning is gone").isEmpty();
        clock.advance(Duration.ofSeconds(1979 - 600));
        assertThat(warnings).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(warningTimes).containsExactly(t0.plusSeconds(1980));
        clock.advance(Duration.ofSeconds(120));
        assertThat(monitor.state().verdict()).as("checked at the new end").contains(Verdict.CAPTIVE);
        assertThat(checkSeconds()).contains(2100L);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aSessionShorterThanTheWarningLeadWarnsAtOnce() {
        result = t -> secs(t) == 0 ? online(api(false, 3L, null)) : Classifications.of(Verdict.ONLINE);
        start();
        assertThat(warningTimes).containsExactly(t0);
        assertThat(warnings.get(0).bytesRemaining()).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(checkSeconds()).containsExactly(0L, 3L);
        assertThat(monitor.state().session()).isEmpty();
        assertThat(monitor.state().nextCheck()).contains(t0.plusSeconds(303));
    }

    @Test
    void noSessionInformationMeansNoWarningAndNoExtraCheck() {
        result = t -> online(api(false, null, 5_000L)); // bytes but no seconds-remaining
        start();
        assertThat(monitor.state().session()).isEmpty();
        clock.advance(Duration.ofSeconds(1000));
        assertThat(checkSeconds()).containsExactly(0L, 300L, 600L, 900L);

        result = t -> online(api(true, 600L, null)); // "captive" with seconds: no session either
        clock.advance(Duration.ofSeconds(2000));
        assertThat(monitor.state().session()).isEmpty();
        assertThat(warnings).isEmpty();
        assertThat(checkSeconds()).allMatch(s -> s % 300 == 0);
    }

    @Test
    void aNetworkChangeEndsTheSession() {
        result = sessionEndingAt(1000);
        start();
        assertThat(monitor.state().session()).isPresent();
        result = t -> Classifications.of(Verdict.ONLINE);
        watcher.emit(NetworkChange.Kind.CHANGED, net("Home"));
        clock.runDue();
        assertThat(monitor.state().session()).isEmpty();
        clock.advance(Duration.ofSeconds(1200));
        assertThat(warnings).isEmpty();
        assertThat(checkSeconds()).doesNotContain(1000L);
    }

    @Test
    void anOfflineBlipAfterTheWarningDoesNotWarnAgain() {
        result = sessionEndingAt(600); // warning at 540
        start();
        clock.advance(Duration.ofSeconds(540));
        assertThat(warningTimes).containsExactly(t0.plusSeconds(540));
        Function<Instant, Classification> honest = result;
        result = t -> Classifications.of(Verdict.OFFLINE);
        monitor.checkNow();
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.state().session()).isEmpty();
        result = honest;
        clock.advance(Duration.ofSeconds(5)); // backoff re-check: online, same session end
        assertThat(monitor.state().session().orElseThrow().expiresAt()).isEqualTo(t0.plusSeconds(600));
        clock.advance(Duration.ofSeconds(54)); // to 600 s: the end
        assertThat(warnings).as("same session, warned already").hasSize(1);
        assertThat(checkSeconds()).contains(600L);
    }
}
