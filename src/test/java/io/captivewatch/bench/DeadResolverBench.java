package io.captivewatch.bench;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.dns.DnsRace;
import io.captivewatch.core.probe.ProbeSpec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code DeadResolverBench --url URL [--runs N] [--warmup W]}: the verdict time of the product's detector
 * ({@link Detector#withDiscovery()}: probes and API through the {@link DnsRace}) for a probe URL given by host
 * name. bench/run.sh runs it twice in the same namespace, once with resolv.conf pointing at a DNS server that
 * answers and once at one that drops every query (a custom resolver the portal blocks); the ratio is the row
 * "verdict with a dead custom resolver". Prints {@code verdict_ms} (median), {@code verdict_p90_ms},
 * {@code verdict} and {@code resolver} (which resolver answered the probe host in the last check).
 */
public final class DeadResolverBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private DeadResolverBench() {}

    public static void main(String[] args) throws Exception {
        URI url = null;
        int runs = 20;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        List<Double> ms = new ArrayList<>();
        String verdict = "?";
        String resolver = "?";
        try (Detector detector = Detector.withDiscovery()) {
            for (int i = 0; i < warmup + runs; i++) {
                detector.resetConnections(); // as after a network change: the network's DNS is found again
                long t0 = System.nanoTime();
                Classification c = detector.check(List.of(ProbeSpec.forUrl(url)), TIMEOUT);
                long t1 = System.nanoTime();
                if (i >= warmup) ms.add((t1 - t0) / 1e6);
                verdict = c.verdict().name().toLowerCase(Locale.ROOT);
                String host = url.getHost();
                resolver = detector.dns().flatMap(d -> d.log().forHost(host)).map(DnsRace.Answer::resolver).orElse("?");
            }
        }
        System.out.printf(Locale.ROOT, "runs=%d%n", runs);
        System.out.printf(Locale.ROOT, "verdict_ms=%.2f%n", LatencyBench.percentile(ms, 50));
        System.out.printf(Locale.ROOT, "verdict_p90_ms=%.2f%n", LatencyBench.percentile(ms, 90));
        System.out.printf(Locale.ROOT, "verdict=%s%nresolver=%s%n", verdict, resolver);
    }
}
