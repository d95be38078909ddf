package io.captivewatch.core.network;

import io.captivewatch.core.os.FakeScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DebouncerTest {
    final FakeScheduler clock = new FakeScheduler();
    final Instant t0 = clock.now();
    final List<Long> fired = new ArrayList<>();
    final Debouncer d = new Debouncer(clock, Duration.ofMillis(700), Duration.ofMillis(1500),
            () -> fired.add(Duration.between(t0, clock.now()).toMillis()));

    @Test
    void singleSignalFiresAfterTheQuietPeriod() {
        d.signal();
        clock.advance(Duration.ofMillis(699));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(fired).containsExactly(700L);
        clock.advance(Duration.ofSeconds(10));
        assertThat(fired).containsExactly(700L);
    }

    @Test
    void signalsWithinTheQuietPeriodExtendIt() {
        d.signal();
        clock.advance(Duration.ofMillis(500));
        d.signal();
        clock.advance(Duration.ofMillis(500));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMillis(200));
        assertThat(fired).containsExactly(1200L);
    }

    @Test
    void continuousFlappingFiresAtMaxWaitThenAgainAfterItStops() {
        for (int i = 0; i < 100; i++) { // every 100 ms for 10 s
            d.signal();
            clock.advance(Duration.ofMillis(100));
        }
        clock.advance(Duration.ofSeconds(5));
        // at most one event per 1.5 s while flapping, and a final one after it stops
        assertThat(fired).hasSizeBetween(6, 8);
        assertThat(fired.get(0)).isEqualTo(1500L);
        for (int i = 1; i < fired.size(); i++) {
            assertThat(fired.get(i) - fired.get(i - 1)).isGreaterThanOrEqualTo(700L).isLessThanOrEqualTo(1600L);
        }
        assertThat(fired.get(fired.size() - 1)).isLessThanOrEqualTo(10_000L + 700L);
    }

    @Test
    void aBurstIsReportedWithinTwoSecondsOfItsStart() {
        for (int i = 0; i < 30; i++) {
            d.signal();
            clock.advance(Duration.ofMillis(50));
        }
        clock.advance(Duration.ofSeconds(3));
        assertThat(fired.get(0)).isLessThanOrEqualTo(2000L);
    }

    @Test
    void closeDropsThePendingAction() {
        d.signal();
        d.close();
        d.signal();
        clock.advance(Duration.ofSeconds(5));
        assertThat(fired).isEmpty();
    }

    @Test
    void rejectsMaxWaitBelowQuiet() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Debouncer(clock, Duration.ofSeconds(2), Duration.ofSeconds(1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
