package io.captivewatch.core.capport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Discovery plus query: the {@link CapportSource} CaptiveWatch uses
 * ({@code new Detector(prober, classifier, CapportLookup.defaults())}).
 * {@link #lookup(Duration)} gives the full story (what was discovered, why the query failed).
 */
public final class CapportLookup implements CapportSource {
    private final CapportDiscovery discovery;
    private final CapportClient client;

    /** Discovers with {@code discovery}, queries with {@code client}. */
    public CapportLookup(CapportDiscovery discovery, CapportClient client) {
        this.discovery = discovery;
        this.client = client;
    }

    /**
     * The OS's discovery sources, remembered per network ({@link CachedDiscovery}: a steady network runs no
     * tool per check), and a default client.
     */
    public static CapportLookup defaults() {
        return new CapportLookup(CachedDiscovery.perAttachment(CapportDiscovery.defaults()), new CapportClient());
    }

    /**
     * As {@link #defaults()}, but the API's host is looked up with {@code resolver} (the probes' {@code DnsRace}):
     * an API name only the network's DNS knows then answers even when the system's DNS is elsewhere.
     */
    public static CapportLookup defaults(io.captivewatch.core.probe.Prober.Resolver resolver) {
        return new CapportLookup(CachedDiscovery.perAttachment(CapportDiscovery.defaults()),
                new CapportClient(Duration.ofSeconds(3), resolver));
    }

    /**
     * What one lookup found.
     *
     * @param discovered the API URI found, if any
     * @param result     the query's result, empty if nothing was discovered
     */
    public record Outcome(Optional<DiscoveredUri> discovered, Optional<CapportResult> result) {
        public Optional<CapportStatus> status() {
            return result.flatMap(CapportResult::status);
        }
    }

    /** Discovers the API and queries it, all within {@code timeout}. */
    public Outcome lookup(Duration timeout) {
        long start = System.nanoTime();
        Optional<DiscoveredUri> d = discovery.discover();
        if (d.isEmpty()) return new Outcome(Optional.empty(), Optional.empty());
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        if (left.toMillis() < 50) left = Duration.ofMillis(50);
        CapportResult r = client.fetch(d.get().uri(), d.get().source(), left);
        if (r.status().isPresent() && !d.get().warnings().isEmpty()) {
            // discovery's warnings, then the API's; a fact both noticed (plain http) has one text and shows once
            CapportStatus s = r.status().get();
            java.util.Set<String> w = new java.util.LinkedHashSet<>(d.get().warnings());
            w.addAll(s.warnings());
            s = new CapportStatus(s.apiUrl(), s.discoveredFrom(), s.captive(), s.userPortalUrl(), s.venueInfoUrl(),
                    s.secondsRemaining(), s.bytesRemaining(), s.canExtendSession(), List.copyOf(w));
            r = CapportResult.ok(s);
        }
        return new Outcome(d, Optional.of(r));
    }

    /** Forgets the discovered URI, so the next lookup discovers again. */
    @Override
    public void networkChanged() {
        discovery.forget();
    }

    /** The status, if an API was discovered and answered usefully within {@code timeout}. */
    @Override
    public Optional<CapportStatus> fetch(Duration timeout) {
        return lookup(timeout).status();
    }
}
