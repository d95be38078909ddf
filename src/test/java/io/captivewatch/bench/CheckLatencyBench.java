package io.captivewatch.bench;

import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.testing.PortalSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How much a check costs over a bare HTTP GET (not a test: run it by hand).
 *
 * <p>Starts a {@link PortalSimulator} in its 302 scenario and, alternating, N times: (a) a bare
 * {@link HttpClient} GET of the probe URL that follows the redirect (the same two requests a check makes),
 * (b) {@link Detector#check} with that one probe (probe, redirect recorded, classification, login link).
 * Prints the medians and whether ours is within the target of 1.2 × baseline + 20 ms.
 *
 * <pre>
 *   mvn -q test-compile exec:java -Dexec.mainClass=io.captivewatch.bench.CheckLatencyBench \
 *       -Dexec.classpathScope=test -Dexec.args=200
 * or
 *   mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.captivewatch.bench.CheckLatencyBench 200
 * </pre>
 * Exit status 0 when the target is met, 1 when not.
 */
public final class CheckLatencyBench {
    private CheckLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = Math.max(10, runs / 5);
        boolean met;
        try (PortalSimulator sim = new PortalSimulator(PortalSimulator.Scenario.REDIRECT_302).start();
             Detector detector = new Detector()) {
            URI url = sim.url("/generate_204");
            HttpClient bare = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest request = HttpRequest.newBuilder(url).GET().build();
            List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(url));
            Duration timeout = Duration.ofSeconds(5);
            List<Long> baseline = new ArrayList<>();
            List<Long> ours = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = bare.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long t1 = System.nanoTime();
                Classification c = detector.check(probes, timeout);
                long t2 = System.nanoTime();
                if (r.statusCode() != 200 || c.verdict() != Verdict.CAPTIVE) {
                    throw new IllegalStateException("unexpected answer: " + r.statusCode() + " / " + c.verdict());
                }
                if (i >= warmup) {
                    baseline.add(t1 - t0);
                    ours.add(t2 - t1);
                }
            }
            double b = median(baseline) / 1e6;
            double o = median(ours) / 1e6;
            double target = 1.2 * b + 20;
            met = o <= target;
            System.out.printf("runs:      %d (after %d warm-up runs), URL %s%n", runs, warmup, url);
            System.out.printf("baseline:  %.2f ms median (bare HttpClient GET, redirect followed)%n", b);
            System.out.printf("ours:      %.2f ms median (Detector.check, one probe)%n", o);
            System.out.printf("ratio:     %.2f%n", o / b);
            System.out.printf("target:    <= %.2f ms (1.2 x baseline + 20 ms): %s%n", target, met ? "MET" : "NOT MET");
        }
        System.exit(met ? 0 : 1);
    }

    private static double median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }
}
