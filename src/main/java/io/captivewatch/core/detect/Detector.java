package io.captivewatch.core.detect;

import io.captivewatch.core.capport.CapportSource;
import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.extract.ExtractionBudget;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.Prober;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One detection: runs the probes in parallel (the first decisive answer wins, see
 * {@link Classifier#isDecisive}), asks the RFC 8908 API if a {@link CapportSource} is wired in, and
 * classifies. What {@code captivewatch check} and the monitor call.
 */
public final class Detector implements AutoCloseable {

    /** Extraction gets at least this long after the probes, even when they used the whole timeout. */
    static final Duration MIN_EXTRACTION = Duration.ofMillis(250);

    private final Prober prober;
    private final Classifier classifier;
    private final CapportSource capport;
    private final ExecutorService capportExecutor;
    private volatile boolean closed;
    private io.captivewatch.core.dns.DnsAwareness dns;

    /** Default prober limits, the default classifier, no capport API (tests, {@code analyze}). */
    public Detector() {
        this(new Prober(), new Classifier(), CapportSource.none());
    }

    /**
     * What the product uses everywhere ({@code check}, {@code watch}, the tray app): default probing plus
     * the RFC 8908 API at the URI the network advertised (RFC 8910 discovery, see
     * {@link io.captivewatch.core.capport.CapportLookup#defaults()}); probe hosts and the API's host are looked up
     * through the same {@link io.captivewatch.core.dns.DnsRace}.
     */
    public static Detector withDiscovery() {
        io.captivewatch.core.dns.DnsAwareness dns = io.captivewatch.core.dns.DnsAwareness.defaults();
        Detector d = new Detector(dns.prober(), new Classifier(),
                io.captivewatch.core.capport.CapportLookup.defaults(dns.race()));
        d.dns = dns;
        return d;
    }

    /**
     * The network-DNS and VPN awareness of this detector ({@link #withDiscovery()}): which resolver answered in
     * the last check. Empty for detectors built without it.
     */
    public Optional<io.captivewatch.core.dns.DnsAwareness> dns() {
        return Optional.ofNullable(dns);
    }

    /** The detector owns {@code prober} from now on: {@link #close()} closes it. {@code capport} may be null (none). */
    public Detector(Prober prober, Classifier classifier, CapportSource capport) {
        this.prober = Objects.requireNonNull(prober, "prober");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.capport = capport == null ? CapportSource.none() : capport;
        this.capportExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "captivewatch-capport");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Probes (all of {@code probes}, or {@link ProbeSpec#defaults()} if empty) within {@code timeout} and
     * classifies what they saw; the capport API is asked in parallel within the same timeout.
     *
     * @throws InterruptedException if the calling thread is interrupted (running probes are cancelled)
     */
    public Classification check(List<ProbeSpec> probes, Duration timeout) throws InterruptedException {
        return check(probes, timeout, null);
    }

    /**
     * As {@link #check(List, Duration)}, as a re-check while a portal is {@code known} (null: a full check): each
     * probe decides from its first answer, a redirect is recorded but not followed (the login page is not read
     * again), and a captive verdict keeps the known login links first, the evidence saying so.
     *
     * @throws InterruptedException if the calling thread is interrupted (running probes are cancelled)
     */
    public Classification check(List<ProbeSpec> probes, Duration timeout, KnownPortal known) throws InterruptedException {
        if (closed) throw new IllegalStateException("detector is closed");
        List<ProbeSpec> specs = probes == null || probes.isEmpty() ? ProbeSpec.defaults() : probes;
        long deadline = System.nanoTime() + timeout.toNanos();
        // Every check starts on fresh connections (the prober keeps none between probes): a portal's firewall
        // decides per new connection, so a connection kept alive from before a deauth (or from another
        // network) would still reach the genuine server and hide the portal.
        if (dns != null) dns.beginCheck();
        Future<Optional<CapportStatus>> api = capportExecutor.submit(() -> capport.fetch(timeout));
        List<ProbeObservation> observations;
        try {
            observations = prober.probeAll(specs, timeout, classifier::isDecisive, known != null);
            if (Thread.interrupted()) throw new InterruptedException("check interrupted");
        } catch (InterruptedException | RuntimeException e) {
            api.cancel(true);
            throw e;
        }
        Optional<CapportStatus> status = capportStatus(api, deadline);
        // Reading the answers for login links is covered by the same deadline (a hostile page must not keep
        // a core busy past it), with a short floor so that probes that used the whole timeout still get
        // their links read.
        long extractionDeadline = Math.max(deadline, System.nanoTime() + MIN_EXTRACTION.toNanos());
        Classification c = classifier.classify(observations, status, ExtractionBudget.until(extractionDeadline));
        c = dns == null ? c : dns.apply(c);
        return known == null ? c : withKnownLinks(c, known);
    }

    /** A captive re-check offers the login links the portal's first check found, then any new ones from the first hop. */
    static Classification withKnownLinks(Classification c, KnownPortal known) {
        if (c.verdict() != io.captivewatch.core.classify.Verdict.CAPTIVE || known.candidates().isEmpty()) return c;
        java.util.Map<io.captivewatch.core.url.WebUrl, io.captivewatch.core.extract.LoginCandidate> merged = new java.util.LinkedHashMap<>();
        for (var l : known.candidates()) merged.putIfAbsent(l.url(), l);
        for (var l : c.candidates()) merged.putIfAbsent(l.url(), l);
        io.captivewatch.core.i18n.Text evidence = c.explanation().then(io.captivewatch.core.i18n.Text.of("explain.knownPortal"));
        return new Classification(c.verdict(), evidence, c.deciding(), c.probes(), List.copyOf(merged.values()),
                c.warningTexts(), c.capport());
    }

    private static Optional<CapportStatus> capportStatus(Future<Optional<CapportStatus>> api, long deadline)
            throws InterruptedException {
        try {
            long left = deadline - System.nanoTime();
            Optional<CapportStatus> s = left > 0 ? api.get(left, TimeUnit.NANOSECONDS) : (api.isDone() ? api.get() : null);
            if (s == null) {
                api.cancel(true);
                return Optional.empty();
            }
            return s;
        } catch (TimeoutException | CancellationException | ExecutionException e) {
            api.cancel(true);
            return Optional.empty(); // an API that fails or is slow must not spoil the probes' answer
        }
    }

    /**
     * Forgets what the capport source remembers of the network (call on a network change). There are no
     * pooled connections to drop: the prober closes every connection when its probe ends.
     */
    public void resetConnections() {
        capport.networkChanged();
        if (dns != null) dns.networkChanged();
    }

    /** Closes the prober and stops the capport thread. */
    @Override
    public void close() {
        closed = true;
        capportExecutor.shutdownNow();
        prober.close();
    }
}
