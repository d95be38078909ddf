package io.captivewatch.core.probe;

import io.captivewatch.core.url.HostAddress;
import io.captivewatch.core.url.SafeUrl;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocketFactory;

/**
 * Runs probes: the orchestration (probes in parallel, one deadline each, the redirect chain, the
 * observations); each request is one {@link HttpFetch} exchange (socket, TLS, request, framed read under
 * {@link ProbeLimits}). One GET per hop, redirects followed here and every hop recorded, bodies read up to
 * {@link ProbeLimits#maxBodyBytes()} and then the connection dropped. https uses the JVM's default TLS
 * context, taken on the first https probe. The host is resolved once per probe; a connection is kept only
 * for a redirect to the same scheme, host and port within one chain and closed when the probe ends.
 * Nothing is pooled between probes, so every check starts on new connections, and no HTTP client (no
 * selector thread) is ever built. Failures are mapped by {@link ErrorKind#of(Throwable)}.
 *
 * <p>Each probe has one deadline covering DNS, connect, TLS handshake, headers and body of every hop. It
 * is enforced from outside the probe: when it passes, the whole chain is cancelled (the socket closed, the
 * worker interrupted) and a {@link ErrorKind#TIMEOUT} observation is returned with the hops completed so
 * far, whatever the network is doing.
 *
 * <p>Probes connect directly (no proxy), as the vendors' own connectivity checks do: what matters is what
 * this network does to a plain request. Requests carry a browser-like User-Agent and
 * {@code Cache-Control: no-cache} / {@code Pragma: no-cache}; observations keep the reason phrase and the
 * header order as sent.
 *
 * <p>Thread-safe. {@link #close()} stops every thread this prober started.
 */
public final class Prober implements AutoCloseable {

    static {
        noDnsCaching();
    }

    /**
     * Turns off the JVM's own DNS cache (30 s for answers, 10 s for failures by default): a portal answers
     * DNS one way before sign-in and another after, and a name that failed before the DHCP lease arrived
     * must be asked again at once. The OS resolver keeps its own cache; {@code check} asks it each time.
     * JVM-wide on purpose; called before the first lookup (here and from {@code Main}).
     */
    public static void noDnsCaching() {
        java.security.Security.setProperty("networkaddress.cache.ttl", "0");
        java.security.Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    /** A plain desktop-browser User-Agent: some portals only intercept what looks like a browser. */
    public static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    /** What every probe request says after its Host line: a browser's Accept, and no cached answers. */
    private static final List<String> REQUEST_HEADERS = List.of(
            "User-Agent: " + USER_AGENT,
            "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Cache-Control: no-cache",
            "Pragma: no-cache");
    private static final int MAX_PARALLEL = 8;
    private static final AtomicInteger PROBER_IDS = new AtomicInteger();

    /**
     * Name resolution: the system's ({@link InetAddress#getAllByName}, uncached: see {@link #noDnsCaching()}) by
     * default; {@link io.captivewatch.core.dns.DnsRace} adds the network's own DNS; a seam for tests.
     */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final ProbeLimits limits;
    private final Resolver resolver;
    private final ThreadPoolExecutor probeExecutor;
    /** TLS for https hops; {@code null} until the first https probe needs it (then the JVM's default context). */
    private volatile SSLSocketFactory tls;
    private final Predicate<InetAddress> thisComputer;
    private volatile boolean closed;

    public Prober() {
        this(ProbeLimits.DEFAULT);
    }

    public Prober(ProbeLimits limits) {
        this(limits, InetAddress::getAllByName);
    }

    /** Probe hosts (http and https hops alike) are looked up with {@code resolver}. */
    public Prober(ProbeLimits limits, Resolver resolver) {
        this(limits, resolver, null);
    }

    /** {@code tls} null: the JVM's default TLS context, set up on the first https probe. A seam for tests. */
    Prober(ProbeLimits limits, Resolver resolver, SSLSocketFactory tls) {
        this(limits, resolver, tls, SafeUrl::isThisComputer);
    }

    /**
     * {@code thisComputer}: which resolved addresses are this computer ({@link SafeUrl#isThisComputer(InetAddress)});
     * a seam for tests, whose servers can only live on loopback, to let one loopback address play a remote portal.
     */
    Prober(ProbeLimits limits, Resolver resolver, SSLSocketFactory tls, Predicate<InetAddress> thisComputer) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.thisComputer = Objects.requireNonNull(thisComputer, "thisComputer");
        this.tls = tls;
        int id = PROBER_IDS.incrementAndGet();
        this.probeExecutor = new ThreadPoolExecutor(MAX_PARALLEL, MAX_PARALLEL, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("captivewatch-probe-" + id + "-"));
        this.probeExecutor.allowCoreThreadTimeOut(true);
        // The TLS context is taken on the first https probe, not here: it loads the JDK's TLS setup and
        // trusted certificates (~0.4 s of CPU), which would otherwise sit on the tray app's start path.
    }

    private SSLSocketFactory tls() throws java.security.GeneralSecurityException {
        SSLSocketFactory f = tls;
        if (f == null) {
            synchronized (this) {
                if (tls == null) tls = HttpFetch.DEFAULT_TLS.sockets();
                f = tls;
            }
        }
        return f;
    }

    /** Runs one probe; returns within {@code deadline} (plus scheduling slack). */
    public ProbeObservation probe(ProbeSpec spec, Duration deadline) {
        return probeAll(List.of(spec), deadline, o -> false).get(0);
    }

    /**
     * Runs probes in parallel. As soon as one finishes with an observation {@code decisive} accepts, the
     * others are cancelled and reported as {@link ErrorKind#CANCELLED}; otherwise all are awaited until
     * {@code deadline}, and those still running then are reported as {@link ErrorKind#TIMEOUT}.
     * Results are in the order of {@code specs}. If the calling thread is interrupted, every probe still
     * running is cancelled, the interrupt flag stays set, and the method returns at once.
     */
    public List<ProbeObservation> probeAll(List<ProbeSpec> specs, Duration deadline, Predicate<ProbeObservation> decisive) {
        return probeAll(specs, deadline, decisive, false);
    }

    /**
     * As {@link #probeAll(List, Duration, Predicate)}; with {@code firstHopOnly} a redirect is recorded but not
     * followed (the observation's detail says so): a re-check while the portal is already known decides from
     * the first answer and does not read the login page again.
     */
    public List<ProbeObservation> probeAll(List<ProbeSpec> specs, Duration deadline, Predicate<ProbeObservation> decisive,
                                           boolean firstHopOnly) {
        Objects.requireNonNull(decisive, "decisive");
        if (closed) throw new IllegalStateException("prober is closed");
        int n = specs.size();
        long budgetNanos = Math.max(0, deadline.toNanos());
        long deadlineAt = System.nanoTime() + budgetNanos;
        List<Attempt> attempts = new ArrayList<>(n);
        List<Future<ProbeObservation>> futures = new ArrayList<>(n);
        LinkedBlockingQueue<Integer> done = new LinkedBlockingQueue<>();
        for (int i = 0; i < n; i++) {
            Attempt a = new Attempt(Objects.requireNonNull(specs.get(i), "spec"), deadlineAt, firstHopOnly);
            attempts.add(a);
            int index = i;
            futures.add(probeExecutor.submit(() -> {
                try {
                    return run(a);
                } finally {
                    done.add(index);
                }
            }));
        }
        ProbeObservation[] results = new ProbeObservation[n];
        int pending = n;
        String decidedBy = null;
        boolean interrupted = false;
        try {
            while (pending > 0) {
                long left = deadlineAt - System.nanoTime();
                Integer i = left > 0 ? done.poll(left, TimeUnit.NANOSECONDS) : done.poll();
                if (i == null) break;
                pending--;
                results[i] = resultOf(futures.get(i), attempts.get(i));
                boolean decided;
                try {
                    decided = decisive.test(results[i]);
                } catch (RuntimeException e) {
                    for (int k = 0; k < n; k++) {
                        attempts.get(k).abort();
                        futures.get(k).cancel(true);
                    }
                    throw e;
                }
                if (decided) {
                    decidedBy = attempts.get(i).spec.label();
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (int i = 0; i < n; i++) {
            if (results[i] != null) continue;
            Attempt a = attempts.get(i);
            a.abort();
            futures.get(i).cancel(true);
            if (interrupted) {
                results[i] = a.stopped(ErrorKind.CANCELLED, "the check was interrupted");
            } else if (decidedBy != null) {
                results[i] = a.stopped(ErrorKind.CANCELLED, "not needed: " + decidedBy + " had already decided");
            } else {
                results[i] = a.stopped(ErrorKind.TIMEOUT, "no complete answer within the deadline of "
                        + TimeUnit.NANOSECONDS.toMillis(budgetNanos) + " ms" + a.stage());
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return List.of(results);
    }

    private static ProbeObservation resultOf(Future<ProbeObservation> f, Attempt a) {
        try {
            return f.get(); // already done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return a.stopped(ErrorKind.CANCELLED, "interrupted");
        } catch (ExecutionException | CancellationException e) {
            Throwable t = e.getCause() == null ? e : e.getCause();
            return a.stopped(ErrorKind.OTHER, String.valueOf(t));
        }
    }

    /** One probe in flight: what it has recorded so far and handles to cancel it. */
    private final class Attempt {
        final ProbeSpec spec;
        final Instant startedAt = Instant.now();
        final long startNanos = System.nanoTime();
        final boolean firstHopOnly;
        final List<RecordedResponse> hops = Collections.synchronizedList(new ArrayList<>());
        volatile List<String> resolved = List.of();
        /** Each host's addresses, looked up once per probe (only the worker running the probe touches it). */
        final Map<String, InetAddress[]> addresses = new java.util.HashMap<>();
        /** The probe's requests, one after another on its connection (what abort closes). */
        final HttpFetch fetch;

        Attempt(ProbeSpec spec, long deadlineAt, boolean firstHopOnly) {
            this.spec = spec;
            this.fetch = new HttpFetch(limits, Prober.this::tls, deadlineAt);
            this.firstHopOnly = firstHopOnly;
        }

        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        String stage() {
            return fetch.stage();
        }

        /** Closes the connection in use (the worker blocked on it wakes up) and marks the probe aborted. */
        void abort() {
            fetch.abort();
        }

        ProbeObservation stopped(ErrorKind kind, String detail) {
            List<RecordedResponse> snapshot;
            synchronized (hops) {
                snapshot = List.copyOf(hops);
            }
            return new ProbeObservation(spec, startedAt, snapshot, kind, detail, elapsedMs(), resolved);
        }

        ProbeObservation finished() {
            return stopped(null, "");
        }
    }

    private ProbeObservation run(Attempt a) {
        URI url = a.spec.url();
        try {
            a.fetch.stage("while resolving " + url.getHost());
            List<String> resolved = new ArrayList<>();
            InetAddress[] first = addressesOf(a, url.getHost());
            for (InetAddress ia : first) resolved.add(ia.getHostAddress());
            a.resolved = resolved;
            // A probe not written as this computer must not reach it: no portal lives on loopback, and a
            // network's DNS answering 127.0.0.1 for a vendor host would otherwise show the user's own local
            // service as the portal (SafeUrl.problemFrom; the test portals on 127.0.0.1 are written so).
            boolean originHere = SafeUrl.isThisComputer(url.getHost());
            if (!originHere && thisComputer.test(first[0])) {
                return a.stopped(ErrorKind.DNS, url.getHost() + " resolved to " + first[0].getHostAddress()
                        + ", this computer, where no portal lives: not asked");
            }
            Set<String> visited = new HashSet<>();
            visited.add(key(url));
            while (true) {
                RecordedResponse r = a.fetch.get(url, REQUEST_HEADERS, host -> addressesOf(a, host)[0]);
                a.hops.add(r);
                if (!r.isRedirect() || r.location().isEmpty()) return a.finished();
                java.util.Optional<URI> next = SafeUrl.resolve(r.url(), r.location().get());
                if (next.isEmpty()) return a.finished(); // not http(s): recorded, never followed
                URI target = next.get();
                if (a.firstHopOnly && !isHttpsUpgrade(url, target)) {
                    // an upgrade to the same address over https is still followed: the classifier judges where it lands
                    return a.stopped(null, "the redirect was not followed: the portal was already known, so this"
                            + " re-check decides from the first answer");
                }
                if (!SafeUrl.isAcceptableFrom(a.spec.url(), target)) {
                    return a.finished(); // points at this computer from a probe that is not: recorded, never followed
                }
                if (!originHere) {
                    a.fetch.stage("while resolving " + target.getHost());
                    InetAddress to = addressesOf(a, target.getHost())[0];
                    if (thisComputer.test(to)) {
                        return a.stopped(null, "the redirect to " + target + " was not followed: " + target.getHost()
                                + " resolved to " + to.getHostAddress() + ", this computer, where no portal lives");
                    }
                }
                if (a.hops.size() > limits.maxRedirects()) {
                    return a.stopped(ErrorKind.TOO_MANY_REDIRECTS, "stopped after " + limits.maxRedirects()
                            + " redirects; the next one went to " + target);
                }
                if (!visited.add(key(target))) {
                    return a.stopped(ErrorKind.TOO_MANY_REDIRECTS, "redirect loop: " + target + " was already visited");
                }
                url = target;
            }
        } catch (Throwable t) {
            if (a.fetch.aborted() || Thread.currentThread().isInterrupted()) {
                return a.stopped(ErrorKind.CANCELLED, "cancelled");
            }
            ErrorKind kind = ErrorKind.of(t);
            return a.stopped(kind, kind.detail(t) + a.stage());
        } finally {
            a.fetch.close(); // no connection outlives its probe
        }
    }

    /** {@code to} is {@code from} over https: same host, path and query (judged where it lands, not as a portal). */
    static boolean isHttpsUpgrade(URI from, URI to) {
        if (!"http".equalsIgnoreCase(from.getScheme()) || !"https".equalsIgnoreCase(to.getScheme())) return false;
        if (from.getHost() == null || !from.getHost().equalsIgnoreCase(to.getHost())) return false;
        String pa = from.getRawPath() == null || from.getRawPath().isEmpty() ? "/" : from.getRawPath();
        String pb = to.getRawPath() == null || to.getRawPath().isEmpty() ? "/" : to.getRawPath();
        return pa.equals(pb) && Objects.equals(from.getRawQuery(), to.getRawQuery());
    }

    private static String key(URI u) {
        return u.normalize().toString().replaceFirst("#.*$", "");
    }

    /**
     * The addresses of {@code host} (an IPv6 literal may keep its brackets), looked up once per probe: the
     * addresses recorded for the probe's host are the ones its first request connects to.
     */
    private InetAddress[] addressesOf(Attempt a, String host) throws UnknownHostException {
        String bare = HostAddress.withoutBrackets(host);
        String key = bare.toLowerCase(Locale.ROOT);
        InetAddress[] known = a.addresses.get(key);
        if (known == null) {
            known = resolver.resolve(bare);
            if (known == null || known.length == 0) throw new UnknownHostException(bare + ": no addresses");
            a.addresses.put(key, known);
        }
        return known;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Cancels running probes and stops this prober's threads. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        probeExecutor.shutdownNow();
        try {
            probeExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
