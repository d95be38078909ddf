package io.captivewatch.core.extract;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.probe.MalformedResponseException;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RawHttpResponseParser;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs raw responses through RawHttpResponseParser, Classifier and LoginLinkExtractor in a bounded
 * executor and checks the invariants: only MalformedResponseException may escape, each input finishes
 * within {@link #DEADLINE_MS}, and every candidate is http(s), acceptable and at most SafeUrl.MAX_LENGTH.
 * A failing input is saved under target/fuzz-failures/ so it can be added to src/test/resources/fuzz-regressions/.
 */
final class FuzzHarness implements AutoCloseable {
    static final long DEADLINE_MS = 2000;
    private static final Path FAILURES = Path.of("target", "fuzz-failures");

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-worker");
        t.setDaemon(true);
        return t;
    });
    private final Classifier classifier = new Classifier();
    private final LoginLinkExtractor extractor = new LoginLinkExtractor();

    /** One input: the raw bytes of each hop (hop 0 answered the probe), and the probe URL. */
    record Input(URI probe, List<byte[]> hops, String how) {}

    private final java.util.Map<String, long[]> stats = new java.util.TreeMap<>();
    private final java.util.concurrent.atomic.AtomicInteger malformed = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger withCandidates = new java.util.concurrent.atomic.AtomicInteger();

    /** Checks one input; returns null when it passed, else a one-line reason (the input is saved). */
    String check(Input in) {
        long t0 = System.nanoTime();
        Future<String> f = executor.submit(() -> run(in));
        String problem;
        try {
            problem = f.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            problem = "took longer than " + DEADLINE_MS + " ms";
        } catch (ExecutionException e) {
            problem = "threw " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        String kind = in.how().replaceAll(" .*", "").replaceAll("^mutated\\+?", "").replaceAll("\\+.*", "");
        long[] st = stats.computeIfAbsent(kind, k -> new long[3]);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        st[0]++;
        st[1] += ms;
        st[2] = Math.max(st[2], ms);
        if (problem != null) {
            problem = in.how() + ": " + problem + " (saved as " + save(in) + ")";
        }
        return problem;
    }

    private String run(Input in) {
        List<RecordedResponse> hops = new ArrayList<>();
        URI url = in.probe();
        for (byte[] raw : in.hops()) {
            RecordedResponse r;
            try {
                r = RawHttpResponseParser.parse(raw, url);
            } catch (MalformedResponseException e) {
                if (hops.isEmpty()) malformed.incrementAndGet();
                break; // the one allowed exception
            }
            hops.add(r);
            // the next hop answers this hop's Location, if it has a usable one
            URI next = r.location().flatMap(l -> SafeUrl.resolve(r.url(), l)).orElse(null);
            if (next == null) break;
            url = next;
        }
        if (hops.isEmpty()) return null;
        ProbeSpec spec = ProbeSpec.forUrl(in.probe());
        ProbeObservation o = new ProbeObservation(spec, Instant.EPOCH, hops, null, "", 1, List.of());
        Classification c = classifier.classify(List.of(o, ProbeObservation.ofResponse(spec, hops.get(0))));
        List<LoginCandidate> all = new ArrayList<>(c.candidates());
        all.addAll(extractor.extract(o));
        for (RecordedResponse r : hops) all.addAll(extractor.extract(r));
        if (!all.isEmpty()) withCandidates.incrementAndGet();
        for (LoginCandidate lc : all) {
            String s = lc.url().toString();
            String scheme = lc.url().uri().getScheme();
            if (!("http".equals(scheme) || "https".equals(scheme))) return "non-http candidate " + abbreviate(s);
            if (s.length() > SafeUrl.MAX_LENGTH) return "candidate longer than MAX_LENGTH: " + s.length();
            if (!SafeUrl.isAcceptable(lc.url().uri())) return "unacceptable candidate " + abbreviate(s);
        }
        if (c.loginUrl().isPresent() && !SafeUrl.isAcceptable(c.loginUrl().get().uri())) return "unacceptable login URL";
        return null;
    }

    private static String save(Input in) {
        try {
            Files.createDirectories(FAILURES);
            String name = "fail-" + Integer.toHexString(java.util.Arrays.deepHashCode(in.hops().toArray()));
            for (int i = 0; i < in.hops().size(); i++) {
                Files.write(FAILURES.resolve(name + (in.hops().size() > 1 ? "-hop" + i : "") + ".http"), in.hops().get(i));
            }
            return FAILURES.resolve(name).toString();
        } catch (IOException e) {
            return "(not saved: " + e + ")";
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 64));
    }

    /** Per kind of input: count, total ms, slowest ms. */
    String stats() {
        StringBuilder sb = new StringBuilder();
        sb.append("refused as malformed: ").append(malformed.get()).append(", with login candidates: ").append(withCandidates.get()).append('\n');
        stats.forEach((k, v) -> sb.append(String.format("%-10s n=%5d total=%6d ms max=%5d ms%n", k, v[0], v[1], v[2])));
        return sb.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
