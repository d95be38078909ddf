package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.os.FakeScheduler;
import io.captivewatch.core.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.captivewatch.core.monitor.CheckSchedule.AfterCheck.CHECK_AGAIN;
import static io.captivewatch.core.monitor.CheckSchedule.AfterCheck.NOTHING;
import static io.captivewatch.core.monitor.CheckSchedule.AfterCheck.PLAN_NEXT;
import static org.assertj.core.api.Assertions.assertThat;

/** Waits, backoff and the after-check rule, computed alone. */
class CheckScheduleTest {
    final FakeScheduler clock = new FakeScheduler();
    final CheckSchedule schedule = new CheckSchedule(clock);
    final Settings settings = Settings.defaults().withOnlineIntervalSeconds(300).withCaptiveIntervalSeconds(3)
            .withOfflineBackoffMaxSeconds(60);

    @Test
    void offlineBacksOffFrom5sDoublingToTheMaxAndResetsOnAnyOtherVerdict() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) waits.add(schedule.waitAfter(Verdict.OFFLINE, settings, 0.5).toSeconds());
        assertThat(waits).containsExactly(5L, 10L, 20L, 40L, 60L, 60L);
        assertThat(schedule.waitAfter(Verdict.CAPTIVE, settings, 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(schedule.waitAfter(Verdict.LIMITED, settings, 0.5)).as("reset by CAPTIVE").isEqualTo(Duration.ofSeconds(5));
        schedule.waitAfter(Verdict.OFFLINE, settings, 0.5);
        schedule.networkChanged();
        assertThat(schedule.waitAfter(Verdict.OFFLINE, settings, 0.5)).as("reset by a network change").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void backoffIsCappedEvenBelowTheStart() {
        assertThat(CheckSchedule.backoff(0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(CheckSchedule.backoff(3, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(CheckSchedule.backoff(50, Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void onlineWaitIsJitteredTenPercentEitherWay() {
        assertThat(schedule.waitAfter(Verdict.ONLINE, settings, 0.0)).isEqualTo(Duration.ofSeconds(270));
        assertThat(schedule.waitAfter(Verdict.ONLINE, settings, 0.5)).isEqualTo(Duration.ofSeconds(300));
        assertThat(schedule.waitAfter(Verdict.ONLINE, settings, 1.0)).isEqualTo(Duration.ofSeconds(330));
    }

    @Test
    void afterCheckRule() {
        assertThat(CheckSchedule.afterCheck(false, false, false, false)).isEqualTo(PLAN_NEXT);
        assertThat(CheckSchedule.afterCheck(false, false, false, true)).as("planning does nothing while paused").isEqualTo(PLAN_NEXT);
        assertThat(CheckSchedule.afterCheck(true, false, false, false)).isEqualTo(CHECK_AGAIN);
        assertThat(CheckSchedule.afterCheck(false, true, false, false)).isEqualTo(CHECK_AGAIN);
        assertThat(CheckSchedule.afterCheck(false, true, true, false)).isEqualTo(CHECK_AGAIN);
        assertThat(CheckSchedule.afterCheck(false, false, true, false)).as("interrupted: plan normally").isEqualTo(PLAN_NEXT);
        assertThat(CheckSchedule.afterCheck(true, true, false, true)).isEqualTo(NOTHING);
    }

    @Test
    void staleAfterANetworkChange() {
        long g = schedule.generation();
        assertThat(schedule.isStale(g)).isFalse();
        schedule.networkChanged();
        assertThat(schedule.isStale(g)).isTrue();
    }

    @Test
    void onePlannedCheckAtATime() {
        AtomicInteger due = new AtomicInteger();
        Instant t0 = clock.now();
        schedule.planNext(Duration.ofSeconds(10), due::incrementAndGet);
        schedule.planNext(Duration.ofSeconds(20), due::incrementAndGet);
        assertThat(schedule.nextAt()).isEqualTo(t0.plusSeconds(20));
        clock.advance(Duration.ofSeconds(15));
        assertThat(due).hasValue(0);
        clock.advance(Duration.ofSeconds(5));
        assertThat(due).hasValue(1);
        assertThat(schedule.hasNext()).isFalse();
        assertThat(schedule.nextAt()).isNull();
    }

    @Test
    void shownNextIsTheEarlierOfPlannedAndSessionEndUnlessPaused() {
        Instant a = Instant.parse("2026-01-01T00:00:10Z");
        Instant b = a.plusSeconds(5);
        assertThat(CheckSchedule.shownNext(b, a, false)).isEqualTo(a);
        assertThat(CheckSchedule.shownNext(a, b, false)).isEqualTo(a);
        assertThat(CheckSchedule.shownNext(null, b, false)).isEqualTo(b);
        assertThat(CheckSchedule.shownNext(null, b, true)).isNull();
    }
}
