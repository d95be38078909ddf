package io.captivewatch.core.monitor;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The phase transitions alone. */
class MonitorPhaseTest {
    static final Instant UNTIL = Instant.parse("2026-01-01T00:10:00Z");

    @Test
    void aCheckCycle() {
        MonitorPhase p = MonitorPhase.IDLE;
        assertThat(p.isStarted()).isFalse();
        p = p.started();
        assertThat(p).isEqualTo(new MonitorPhase.Waiting());
        p = p.checkStarted();
        assertThat(p.isChecking()).isTrue();
        assertThat(p.followUp()).isFalse();
        p = p.followUpRequested();
        assertThat(p).isEqualTo(new MonitorPhase.Checking(true));
        p = p.checkFinished();
        assertThat(p).isEqualTo(new MonitorPhase.Waiting());
        assertThat(p.followUpRequested()).as("no check, nothing to follow").isEqualTo(p);
    }

    @Test
    void aPauseLiesOverWhatGoesOnBeneath() {
        MonitorPhase p = MonitorPhase.IDLE.started().checkStarted().paused(UNTIL);
        assertThat(p.isPaused()).isTrue();
        assertThat(p.pausedUntil()).isEqualTo(UNTIL);
        assertThat(p.isChecking()).as("the running check still finishes").isTrue();
        p = p.checkFinished();
        assertThat(p).isEqualTo(new MonitorPhase.Paused(UNTIL, new MonitorPhase.Waiting()));
        p = p.paused(UNTIL.plusSeconds(60));
        assertThat(p.pausedUntil()).as("a new pause replaces the old").isEqualTo(UNTIL.plusSeconds(60));
        assertThat(p.resumed()).isEqualTo(new MonitorPhase.Waiting());
        assertThat(MonitorPhase.WAITING.resumed()).isEqualTo(MonitorPhase.WAITING);
    }

    @Test
    void startDuringAPauseBeforeStart() {
        MonitorPhase p = MonitorPhase.IDLE.paused(UNTIL);
        assertThat(p.isStarted()).isFalse();
        p = p.started();
        assertThat(p.isStarted()).isTrue();
        assertThat(p.isPaused()).isTrue();
        assertThat(p.resumed()).isEqualTo(MonitorPhase.WAITING);
    }

    @Test
    void stoppedForGoodButKeepsTheBookkeeping() {
        MonitorPhase p = MonitorPhase.IDLE.started().checkStarted().paused(UNTIL).stopped();
        assertThat(p.isStopped()).isTrue();
        assertThat(p.stopped()).isSameAs(p);
        assertThat(p.isChecking()).isTrue();
        p = p.checkFinished().resumed();
        assertThat(p).isEqualTo(new MonitorPhase.Stopped(MonitorPhase.WAITING));
        assertThat(p.paused(UNTIL).isStopped()).isTrue();
        assertThat(p.isPaused()).isFalse();
    }
}
