package io.captivewatch.core.network;

import io.captivewatch.core.os.FakeScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The real watcher logic with an injected hint source, snapshot source and virtual clock. */
class NetworkWatcherTest {
    static final NetworkSnapshot DOWN = new NetworkSnapshot(Map.of(), List.of(), null);
    static final NetworkSnapshot ADDR = new NetworkSnapshot(Map.of("eth0", List.of("10.0.0.5/24")), List.of(), null);
    static final NetworkSnapshot UP = new NetworkSnapshot(Map.of("eth0", List.of("10.0.0.5/24")),
            List.of(new NetworkSnapshot.Route("eth0", "10.0.0.1", false)), null);

    final FakeScheduler clock = new FakeScheduler();
    final Instant t0 = clock.now();
    final FakeHints hints = new FakeHints();
    final AtomicReference<NetworkSnapshot> os = new AtomicReference<>(DOWN);
    final AtomicInteger takes = new AtomicInteger();
    final List<NetworkChange> events = new ArrayList<>();
    final DefaultNetworkWatcher watcher = new DefaultNetworkWatcher(hints, () -> {
        takes.incrementAndGet();
        return os.get();
    }, clock, Duration.ofMillis(700), Duration.ofMillis(1500), Duration.ofSeconds(10));

    void start() {
        watcher.start(events::add);
        clock.runDue();
    }

    long ms(Instant t) {
        return Duration.between(t0, t).toMillis();
    }

    @AfterEach
    void close() {
        watcher.close();
    }

    @Test
    void takesAFirstSnapshotAndReportsNothingWithoutChange() {
        os.set(UP);
        start();
        assertThat(takes).hasValue(1);
        assertThat(watcher.current()).contains(new NetworkIdentity("if:eth0/gw:10.0.0.1", "eth0", null));
        hints.hint();
        clock.advance(Duration.ofSeconds(5));
        assertThat(takes).as("one snapshot per debounced hint").hasValue(2);
        assertThat(events).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(takes).as("no polling while hints work").hasValue(2);
    }

    @Test
    void aJoiningHintIsReportedAsActivityAtOnceBeforeTheDebouncedChange() {
        java.util.concurrent.atomic.AtomicInteger activity = new java.util.concurrent.atomic.AtomicInteger();
        watcher.onActivity(activity::incrementAndGet);
        start();
        os.set(ADDR);
        hints.hint();
        assertThat(activity).as("at the hint, before any debounce").hasValue(1);
        assertThat(events).isEmpty();
        hints.hint();
        assertThat(activity).hasValue(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(events).hasSize(1);
    }

    /** Lines recorded from {@code ip -o monitor link address route} while a namespace joined and left a network. */
    static final List<String> JOIN_AND_LEAVE = List.of(
            "2: cwt-x@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default \\    link/ether f2:71:6e:a0:ed:69 brd ff:ff:ff:ff:ff:ff link-netns cwt-b",
            "multicast ff00::/8 dev cwt-x table local proto kernel metric 256 pref medium",
            "fe80::/64 dev cwt-x proto kernel metric 256 pref medium",
            "2: cwt-x    inet 10.240.0.2/24 scope global cwt-x\\       valid_lft forever preferred_lft forever",
            "local 10.240.0.2 dev cwt-x table local proto kernel scope host src 10.240.0.2 ",
            "10.240.0.0/24 dev cwt-x proto kernel scope link src 10.240.0.2 ",
            "default via 10.240.0.1 dev cwt-x ",
            "2001:db8::/64 dev cwt-x proto kernel metric 256 pref medium",
            "2: cwt-x    inet6 2001:db8::2/64 scope global tentative \\       valid_lft forever preferred_lft forever",
            "Deleted default via 10.240.0.1 dev cwt-x ",
            "Deleted 2: cwt-x    inet 10.240.0.2/24 scope global cwt-x\\       valid_lft forever preferred_lft forever",
            "Deleted 2: cwt-x    inet6 fe80::f071:6eff:fea0:ed69/64 scope link tentative \\       valid_lft forever preferred_lft forever",
            "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
            "2: cwt-x    inet6 fe80::f071:6eff:fea0:ed69/64 scope link \\       valid_lft forever preferred_lft forever");

    @Test
    void onlyAnAddressOrADefaultRouteAppearingLooksLikeJoining() {
        assertThat(JOIN_AND_LEAVE.stream().filter(DefaultNetworkWatcher::looksLikeJoining).toList()).containsExactly(
                "2: cwt-x    inet 10.240.0.2/24 scope global cwt-x\\       valid_lft forever preferred_lft forever",
                "default via 10.240.0.1 dev cwt-x ",
                "2: cwt-x    inet6 2001:db8::2/64 scope global tentative \\       valid_lft forever preferred_lft forever");
    }

    @Test
    void reportsJoinedChangedLeftWithinTwoSeconds() {
        start();
        os.set(ADDR);
        hints.hint();
        clock.advance(Duration.ofSeconds(2));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(NetworkChange.Kind.CHANGED);
            assertThat(e.details()).containsExactly("eth0 up 10.0.0.5/24");
            assertThat(e.network()).isNull();
            assertThat(ms(e.at())).isEqualTo(700L);
        });
        os.set(UP);
        hints.hint();
        clock.advance(Duration.ofSeconds(2));
        assertThat(events.get(1).kind()).isEqualTo(NetworkChange.Kind.JOINED);
        assertThat(events.get(1).network().key()).isEqualTo("if:eth0/gw:10.0.0.1");
        assertThat(events.get(1).details()).containsExactly("+default via 10.0.0.1 dev eth0");
        os.set(DOWN);
        hints.hint();
        clock.advance(Duration.ofSeconds(2));
        assertThat(events.get(2).kind()).isEqualTo(NetworkChange.Kind.LEFT);
        assertThat(events.get(2).details()).contains("eth0 down", "-default via 10.0.0.1 dev eth0");
        assertThat(events).hasSize(3);
        assertThat(watcher.current()).isEmpty();
    }

    @Test
    void flappingGivesFewEventsAndEndsInTheRightState() {
        start();
        for (int i = 0; i < 100; i++) {
            os.set(i % 2 == 0 ? UP : DOWN);
            hints.hint();
            clock.advance(Duration.ofMillis(100));
        }
        os.set(UP);
        hints.hint();
        clock.advance(Duration.ofSeconds(3));
        assertThat(events.size()).as("bounded by one per max-wait, not one per flap").isLessThanOrEqualTo(8);
        assertThat(events.get(events.size() - 1).kind()).isEqualTo(NetworkChange.Kind.JOINED);
        assertThat(watcher.lastSnapshot()).contains(UP);
    }

    @Test
    void whenTheHintSourceDiesItPollsAndRestartsWithBackoff() {
        start();
        assertThat(hints.starts).hasValue(1);
        hints.die();
        clock.runDue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(hints.starts).as("restarted after 1 s").hasValue(2);
        // restart signals a check, since changes may have been missed
        os.set(ADDR);
        clock.advance(Duration.ofSeconds(1));
        assertThat(events).hasSize(1);
        hints.die();
        clock.runDue();
        clock.advance(Duration.ofMillis(1999));
        assertThat(hints.starts).as("second restart waits 2 s").hasValue(2);
        clock.advance(Duration.ofMillis(1));
        assertThat(hints.starts).hasValue(3);
        hints.hint(); // working again: backoff resets
        clock.runDue();
        hints.die();
        clock.runDue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(hints.starts).hasValue(4);
    }

    @Test
    void anyLineFromTheHintSourceResetsItsRestartBackoffNotOnlyJoiningOnes() {
        start();
        hints.die();
        clock.runDue();
        clock.advance(Duration.ofSeconds(1));
        hints.die();
        clock.runDue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(hints.starts).as("backed off to 2 s, restarted").hasValue(3);
        hints.hint("Deleted default via 10.0.0.1 dev eth0 "); // leaving: no activity, but ip monitor works
        clock.runDue();
        hints.die();
        clock.runDue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(hints.starts).as("back to a 1 s restart").hasValue(4);
    }

    @Test
    void withoutAHintSourceItPollsEveryTenSeconds() {
        hints.missing = true;
        start();
        int startsAfterBoot = hints.starts.get();
        os.set(UP);
        clock.advance(Duration.ofSeconds(10));
        assertThat(events).singleElement().extracting(NetworkChange::kind).isEqualTo(NetworkChange.Kind.JOINED);
        assertThat(ms(events.get(0).at())).isLessThanOrEqualTo(10_000L);
        clock.advance(Duration.ofMinutes(30));
        // polls ~180 times in 30 min, restarts the hint source with capped backoff (1,2,4,...,300 s)
        assertThat(takes.get()).isBetween(150, 260);
        assertThat(hints.starts.get() - startsAfterBoot).isBetween(8, 20);
        assertThat(events).hasSize(1);
    }

    @Test
    void closeStopsHintsAndPolling() {
        start();
        watcher.close();
        assertThat(hints.closes).hasValue(1);
        int before = takes.get();
        hints.hint();
        clock.advance(Duration.ofMinutes(5));
        assertThat(takes).hasValue(before);
        assertThat(events).isEmpty();
    }

    @Test
    void aFailingSnapshotIsSkipped() {
        AtomicReference<RuntimeException> fail = new AtomicReference<>();
        DefaultNetworkWatcher w = new DefaultNetworkWatcher(hints, () -> {
            if (fail.get() != null) throw fail.get();
            return os.get();
        }, clock, Duration.ofMillis(700), Duration.ofMillis(1500), Duration.ofSeconds(10));
        try {
            w.start(events::add);
            clock.runDue();
            fail.set(new IllegalStateException("boom"));
            hints.hint();
            clock.advance(Duration.ofSeconds(2));
            fail.set(null);
            os.set(UP);
            hints.hint();
            clock.advance(Duration.ofSeconds(2));
            assertThat(events).singleElement().extracting(NetworkChange::kind).isEqualTo(NetworkChange.Kind.JOINED);
        } finally {
            w.close();
        }
    }

    @Test
    void ipMonitorHintsReadsLinesFromARealProcessAndReportsItsEnd() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "/bin/sh");
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<String> ended = new AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        ChangeHintSource.Handle h = new IpMonitorHints(List.of("/bin/sh", "-c", "echo one; echo two; printf 'x%.0s' $(seq 1 5000); echo"))
                .start(new ChangeHintSource.Listener() {
                    @Override
                    public void hint(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void ended(String why) {
                        ended.set(why);
                        done.countDown();
                    }
                });
        try {
            assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(ended.get()).isNotNull();
            assertThat(lines).hasSize(3).startsWith("one", "two");
            assertThat(lines.get(2)).hasSize(4096);
        } finally {
            h.close();
        }
        AtomicReference<String> missing = new AtomicReference<>();
        new IpMonitorHints(List.of("/nonexistent/ip")).start(new ChangeHintSource.Listener() {
            @Override
            public void hint(String line) {}

            @Override
            public void ended(String why) {
                missing.set(why);
            }
        }).close();
        assertThat(missing.get()).contains("cannot run");
    }
}
