package io.captivewatch.bench;

import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.probe.ProbeSpec;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verdict latency of one check vs one bare HTTP GET of the same URL, in the same JVM, interleaved:
 * {@code LatencyBench --url URL [--runs N] [--warmup W] [--modes online,captive]}. Run by bench/run.sh inside a network namespace
 * whose loopback has a netem delay. Both sides use a fresh connection for every run (a new HttpClient for
 * the bare GET; the prober keeps no connection between checks, and {@link Detector#resetConnections()} runs before each check as after a network change), and
 * building the client is outside the timed part for both.
 *
 * <p>Also reports the bytes on the wire per check, read from {@link BenchPortal}'s counters
 * ({@code /__stats}, request + response TCP payload, not counting TCP/IP headers).
 *
 * <p>Prints {@code key=value} lines for the script, per mode ({@code online_}, {@code captive_}): {@code httpclient_ms}, {@code detector_ms} (medians),
 * their p90s, {@code verdict}, {@code check_req_bytes}, {@code check_resp_bytes}, {@code get_req_bytes}, {@code get_resp_bytes} (per run).
 */
public final class LatencyBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        URI url = null;
        int runs = 20;
        int warmup = 10;
        List<String> modes = List.of("online", "captive");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--modes" -> modes = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        System.out.printf(Locale.ROOT, "runs=%d%n", runs);
        try (Detector detector = new Detector()) {
            for (String mode : modes) {
                measure(detector, url, mode, runs, warmup);
            }
        }
    }

    /**
     * One scenario. {@code online}: the portal answers 204. {@code captive}: it answers 302 to its login
     * page; our check follows the redirect (bounded, recorded) to find the login link, so the bare GET
     * follows it too (Redirect.NORMAL): the same two requests.
     */
    private static void measure(Detector detector, URI url, String mode, int runs, int warmup) throws Exception {
        URI stats = url.resolve("/__stats");
        HttpClient control = bareClient(HttpClient.Redirect.NEVER);
        control.send(HttpRequest.newBuilder(url.resolve("/__mode/" + mode)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpClient.Redirect redirect = mode.equals("captive") ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER;
        ProbeSpec spec = ProbeSpec.forUrl(url);
        List<Double> raw = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        long[] rawBytes = {0, 0};
        long[] oursBytes = {0, 0};
        String verdict = "?";
        for (int i = 0; i < warmup + runs; i++) {
            boolean measured = i >= warmup;
            // bare GET: a new client, so a fresh connection like the check's
            HttpClient client = bareClient(redirect);
            HttpRequest req = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
            long[] before = counters(control, stats);
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            long t1 = System.nanoTime();
            long[] after = counters(control, stats);
            if (r.statusCode() <= 0) throw new IllegalStateException("no status");
            if (measured) {
                raw.add((t1 - t0) / 1e6);
                rawBytes[0] += after[0] - before[0];
                rawBytes[1] += after[1] - before[1];
            }
            // our check, after dropping pooled connections as on a network change
            detector.resetConnections();
            before = counters(control, stats);
            long t2 = System.nanoTime();
            Classification c = detector.check(List.of(spec), TIMEOUT);
            long t3 = System.nanoTime();
            after = counters(control, stats);
            verdict = c.verdict().name().toLowerCase(Locale.ROOT);
            if (measured) {
                ours.add((t3 - t2) / 1e6);
                oursBytes[0] += after[0] - before[0];
                oursBytes[1] += after[1] - before[1];
            }
        }
        String p = mode + "_";
        System.out.printf(Locale.ROOT, "%shttpclient_ms=%.2f%n", p, percentile(raw, 50));
        System.out.printf(Locale.ROOT, "%shttpclient_p90_ms=%.2f%n", p, percentile(raw, 90));
        System.out.printf(Locale.ROOT, "%sdetector_ms=%.2f%n", p, percentile(ours, 50));
        System.out.printf(Locale.ROOT, "%sdetector_p90_ms=%.2f%n", p, percentile(ours, 90));
        System.out.printf(Locale.ROOT, "%sverdict=%s%n", p, verdict);
        System.out.printf(Locale.ROOT, "%sget_req_bytes=%d%n%sget_resp_bytes=%d%n", p, rawBytes[0] / runs, p, rawBytes[1] / runs);
        System.out.printf(Locale.ROOT, "%scheck_req_bytes=%d%n%scheck_resp_bytes=%d%n", p, oursBytes[0] / runs, p, oursBytes[1] / runs);
    }

    private static HttpClient bareClient(HttpClient.Redirect redirect) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(redirect)
                .proxy(ProxySelector.of(null))
                .connectTimeout(TIMEOUT)
                .build();
    }

    private static final Pattern NUM = Pattern.compile("\"(bytesIn|bytesOut)\":(\\d+)");

    /** {bytesIn, bytesOut} as counted by the portal (the stats request itself is not counted). */
    static long[] counters(HttpClient c, URI stats) throws IOException, InterruptedException {
        String body = c.send(HttpRequest.newBuilder(stats).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
        long[] r = new long[2];
        Matcher m = NUM.matcher(body);
        while (m.find()) {
            r[m.group(1).equals("bytesIn") ? 0 : 1] = Long.parseLong(m.group(2));
        }
        return r;
    }

    static double percentile(List<Double> xs, int p) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, idx)));
    }
}
