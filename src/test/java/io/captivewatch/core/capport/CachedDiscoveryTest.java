package io.captivewatch.core.capport;

import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.network.NetworkSnapshot;
import io.captivewatch.core.probe.Prober;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-network discovery cache with a counting fake source, a fake clock and recorded snapshots: no processes. */
class CachedDiscoveryTest {
    static final DiscoveredUri HOTEL = new DiscoveredUri(URI.create("https://api.hotel.example/capport"), "fake", List.of());
    static final DiscoveredUri CAFE = new DiscoveredUri(URI.create("https://cafe.example/api"), "fake", List.of());

    static final NetworkSnapshot HOTEL_WIFI = new NetworkSnapshot(Map.of("wlan0", List.of("10.20.0.57/16")),
            List.of(new NetworkSnapshot.Route("wlan0", "10.20.0.1", false)), null);

    /** A discovery source that counts its lookups and answers {@link #answer}; {@link #during} runs inside each lookup. */
    static final class Counting implements CapportDiscovery {
        final AtomicInteger calls = new AtomicInteger();
        volatile Optional<DiscoveredUri> answer = Optional.empty();
        volatile Runnable during = () -> {};

        @Override
        public Optional<DiscoveredUri> discover() {
            calls.incrementAndGet();
            Optional<DiscoveredUri> a = answer;
            during.run();
            return a;
        }
    }

    private final Counting source = new Counting();
    private long now = 1_000_000_000L;
    private NetworkSnapshot network = HOTEL_WIFI;
    private final CachedDiscovery cache = new CachedDiscovery(source, () -> network.attachment(), () -> now,
            Duration.ofMinutes(15), Duration.ofSeconds(10));

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void aSteadyNetworkAsksTheSourcesOnce() {
        source.answer = Optional.of(HOTEL);
        for (int i = 0; i < 200; i++) { // a captive network re-checked every 3 s for 10 minutes
            assertThat(cache.discover()).contains(HOTEL);
            advance(Duration.ofSeconds(3));
        }
        assertThat(source.calls).hasValue(1);
    }

    @Test
    void aNewNetworkIsLookedUpAtOnce() {
        source.answer = Optional.of(HOTEL);
        cache.discover();
        cache.discover();
        assertThat(source.calls).hasValue(1);

        source.answer = Optional.of(CAFE);
        network = new NetworkSnapshot(Map.of("wlan0", List.of("192.168.4.20/24")),
                List.of(new NetworkSnapshot.Route("wlan0", "192.168.4.1", false)), null);
        assertThat(cache.discover()).contains(CAFE);
        assertThat(source.calls).hasValue(2);

        // same gateway, another address: another attachment
        network = new NetworkSnapshot(Map.of("wlan0", List.of("192.168.4.21/24")), network.defaultRoutes(), null);
        cache.discover();
        assertThat(source.calls).hasValue(3);

        // same address, the default route moved to another interface
        network = new NetworkSnapshot(Map.of("eth0", List.of("192.168.4.21/24")),
                List.of(new NetworkSnapshot.Route("eth0", "192.168.4.1", false)), null);
        cache.discover();
        assertThat(source.calls).hasValue(4);

        // back to the hotel: asked again (only the current network is remembered)
        source.answer = Optional.of(HOTEL);
        network = HOTEL_WIFI;
        assertThat(cache.discover()).contains(HOTEL);
        assertThat(source.calls).hasValue(5);
    }

    @Test
    void anotherInterfaceComingUpIsNotANewNetwork() {
        source.answer = Optional.of(HOTEL);
        cache.discover();
        network = new NetworkSnapshot(Map.of("wlan0", List.of("10.20.0.57/16"), "docker0", List.of("172.17.0.1/16")),
                HOTEL_WIFI.defaultRoutes(), null);
        assertThat(cache.discover()).contains(HOTEL);
        assertThat(source.calls).hasValue(1);
    }

    @Test
    void answersExpireAfterTheMaximumAge() {
        source.answer = Optional.of(HOTEL);
        cache.discover();
        advance(Duration.ofMinutes(15).minusSeconds(1));
        cache.discover();
        assertThat(source.calls).hasValue(1);
        advance(Duration.ofSeconds(1));
        source.answer = Optional.of(CAFE); // the lease renewal brought another URI
        assertThat(cache.discover()).contains(CAFE);
        assertThat(source.calls).hasValue(2);
    }

    @Test
    void nothingFoundIsAskedAgainUntilTheNetworkHasSettled() {
        // joined: the route is there, the DHCP client has not published option 114 yet
        assertThat(cache.discover()).isEmpty();
        advance(Duration.ofSeconds(3));
        source.answer = Optional.of(HOTEL);
        assertThat(cache.discover()).contains(HOTEL);
        assertThat(source.calls).hasValue(2);
        advance(Duration.ofSeconds(3));
        cache.discover();
        assertThat(source.calls).hasValue(2);

        // a network without an API: asked on each check while young, then remembered
        source.answer = Optional.empty();
        network = new NetworkSnapshot(Map.of("eth0", List.of("10.9.0.2/24")),
                List.of(new NetworkSnapshot.Route("eth0", "10.9.0.1", false)), null);
        cache.discover();
        advance(Duration.ofSeconds(9));
        cache.discover();
        assertThat(source.calls).hasValue(4);
        advance(Duration.ofSeconds(1));
        cache.discover(); // 10 s after the network appeared: this answer is kept
        advance(Duration.ofSeconds(3));
        assertThat(cache.discover()).isEmpty();
        advance(Duration.ofMinutes(5));
        assertThat(cache.discover()).isEmpty();
        assertThat(source.calls).hasValue(5);
    }

    @Test
    void forgetDropsTheAnswerAndALookupRunningAcrossItIsNotKept() {
        source.answer = Optional.of(HOTEL);
        cache.discover();
        cache.forget();
        cache.discover();
        assertThat(source.calls).hasValue(2);

        cache.forget();
        source.during = cache::forget; // the network changes while the sources are being asked
        assertThat(cache.discover()).contains(HOTEL);
        source.during = () -> {};
        cache.discover();
        assertThat(source.calls).hasValue(4);
        cache.discover();
        assertThat(source.calls).hasValue(4);

        // the network changes during a lookup and the next lookup, on the new network, ends first
        source.during = () -> {
            source.during = () -> {};
            cache.forget();
            source.answer = Optional.of(CAFE);
            assertThat(cache.discover()).contains(CAFE);
        };
        cache.forget();
        assertThat(cache.discover()).contains(HOTEL); // the old network's answer, given to its own caller only
        assertThat(cache.discover()).contains(CAFE);
        assertThat(source.calls).hasValue(6);
    }

    @Test
    void aLookupCutShortByAnInterruptIsNotKept() {
        source.answer = Optional.of(HOTEL);
        source.during = () -> Thread.currentThread().interrupt(); // the detector's deadline passed meanwhile
        try {
            cache.discover();
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag left set").isTrue();
        }
        source.during = () -> {};
        cache.discover();
        cache.discover();
        assertThat(source.calls).hasValue(2);
    }

    @Test
    void withoutAnAttachmentKeyEveryLookupAsks() {
        CachedDiscovery blind = new CachedDiscovery(source, () -> {
            throw new IllegalStateException("no interfaces readable");
        }, () -> now, Duration.ofMinutes(15), Duration.ofSeconds(10));
        source.answer = Optional.of(HOTEL);
        assertThat(blind.discover()).contains(HOTEL);
        assertThat(blind.discover()).contains(HOTEL);
        assertThat(source.calls).hasValue(2);
    }

    @Test
    void theDetectorsNetworkChangeReachesTheCacheThroughTheLookup() {
        // nothing is discovered, so the client never goes to the network
        CapportLookup lookup = new CapportLookup(cache, new CapportClient());
        try (Detector detector = new Detector(new Prober(), new Classifier(), lookup)) {
            lookup.fetch(Duration.ofSeconds(1));
            advance(Duration.ofSeconds(11)); // settled: "nothing found" is kept from now on
            assertThat(lookup.fetch(Duration.ofSeconds(1))).isEmpty();
            assertThat(lookup.fetch(Duration.ofSeconds(1))).isEmpty();
            assertThat(source.calls).hasValue(2);
            detector.resetConnections(); // what the monitor calls on a network change
            lookup.fetch(Duration.ofSeconds(1));
            assertThat(source.calls).hasValue(3);
        }
    }
}
