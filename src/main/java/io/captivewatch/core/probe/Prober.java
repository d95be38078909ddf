package io.captivewatch.core.probe;

import io.captivewatch.core.url.SafeUrl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLException;

/**
 * Runs probes: one GET per hop, redirects followed here and every hop recorded, bodies read up to
 * {@link ProbeLimits#maxBodyBytes()} and then the connection dropped. Plain-http hops go over the prober's
 * own socket (the host resolved once, the response framed by {@link RawHttpResponseParser}, a connection
 * kept only for a redirect to the same host within one chain); https hops use {@link java.net.http.HttpClient}
 * (HTTP/1.1, redirects never followed by the client), built on the first https probe.
 *
 * <p>Each probe has one deadline covering DNS, connect, headers and body of every hop. It is enforced
 * from outside the probe: when it passes, the whole chain is cancelled (the request future cancelled,
 * the body stream closed, the worker interrupted) and a {@link ErrorKind#TIMEOUT} observation is
 * returned with the hops completed so far, whatever the network is doing.
 *
 * <p>Probes connect directly (no proxy), as the vendors' own connectivity checks do: what matters is what
 * this network does to a plain request. Requests carry a browser-like User-Agent and
 * {@code Cache-Control: no-cache} / {@code Pragma: no-cache}. java.net.http does not expose the reason
 * phrase (recorded as "") and groups header fields by name (order within a name is kept).
 *
 * <p>Thread-safe. {@link #close()} stops every thread this prober started (the JDK's selector thread of
 * each retired client ends once the client is garbage-collected, within a few seconds).
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
    private final ExecutorService httpExecutor;
    private volatile HttpClient client;
    private volatile boolean closed;

    public Prober() {
        this(ProbeLimits.DEFAULT);
    }

    public Prober(ProbeLimits limits) {
        this(limits, InetAddress::getAllByName);
    }

    /** Plain-http probe hosts are looked up with {@code resolver} (https hops use the JDK client's system lookup). */
    public Prober(ProbeLimits limits, Resolver resolver) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        int id = PROBER_IDS.incrementAndGet();
        this.probeExecutor = new ThreadPoolExecutor(MAX_PARALLEL, MAX_PARALLEL, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("captivewatch-probe-" + id + "-"));
        this.probeExecutor.allowCoreThreadTimeOut(true);
        this.httpExecutor = Executors.newCachedThreadPool(daemonThreads("captivewatch-http-" + id + "-"));
        // The HttpClient is made on the first probe, not here: building it loads the JDK's TLS setup and
        // trusted certificates (~0.4 s of CPU), which would otherwise sit on the tray app's start path.
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(httpExecutor)
                .build();
    }

    /**
     * Drops pooled connections by replacing the HTTP client: call it on a network change, so no probe
     * reuses a connection made on the previous network. Probes already running finish on the old client.
     */
    public synchronized void resetConnections() {
        client = null; // the next probe builds a fresh client
    }

    private synchronized HttpClient client() {
        if (client == null) client = newClient();
        return client;
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
        Objects.requireNonNull(decisive, "decisive");
        if (closed) throw new IllegalStateException("prober is closed");
        int n = specs.size();
        long budgetNanos = Math.max(0, deadline.toNanos());
        long deadlineAt = System.nanoTime() + budgetNanos;
        List<Attempt> attempts = new ArrayList<>(n);
        List<Future<ProbeObservation>> futures = new ArrayList<>(n);
        LinkedBlockingQueue<Integer> done = new LinkedBlockingQueue<>();
        HttpClient c = client();
        for (int i = 0; i < n; i++) {
            Attempt a = new Attempt(Objects.requireNonNull(specs.get(i), "spec"), deadlineAt);
            attempts.add(a);
            int index = i;
            futures.add(probeExecutor.submit(() -> {
                try {
                    return run(a, c);
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
    private static final class Attempt {
        final ProbeSpec spec;
        final Instant startedAt = Instant.now();
        final long startNanos = System.nanoTime();
        final long deadlineAt;
        final List<RecordedResponse> hops = Collections.synchronizedList(new ArrayList<>());
        volatile List<String> resolved = List.of();
        /** Each host's addresses, looked up once per probe (only the worker running the probe touches it). */
        final Map<String, InetAddress[]> addresses = new java.util.HashMap<>();
        volatile CompletableFuture<?> inflight;
        volatile InputStream body;
        volatile java.net.Socket socket;
        volatile String socketAuthority;
        volatile String stage = "";
        volatile boolean aborted;

        Attempt(ProbeSpec spec, long deadlineAt) {
            this.spec = spec;
            this.deadlineAt = deadlineAt;
        }

        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        long leftNanos() {
            return deadlineAt - System.nanoTime();
        }

        String stage() {
            String s = stage;
            return s.isEmpty() ? "" : " " + s;
        }

        /** Cancels the request in flight and closes the body being read. */
        void abort() {
            aborted = true;
            CompletableFuture<?> f = inflight;
            if (f != null) f.cancel(true);
            java.net.Socket sock = socket;
            if (sock != null) {
                try {
                    sock.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
            InputStream in = body;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing is best effort; the worker is interrupted as well
                }
            }
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

    private ProbeObservation run(Attempt a, HttpClient c) {
        URI url = a.spec.url();
        try {
            a.stage = "while resolving " + url.getHost();
            List<String> resolved = new ArrayList<>();
            for (InetAddress ia : addressesOf(a, url.getHost())) resolved.add(ia.getHostAddress());
            a.resolved = resolved;
            Set<String> visited = new HashSet<>();
            visited.add(key(url));
            while (true) {
                RecordedResponse r = "http".equalsIgnoreCase(url.getScheme()) ? fetchPlain(a, url) : fetch(a, c, url);
                a.hops.add(r);
                if (!r.isRedirect() || r.location().isEmpty()) return a.finished();
                java.util.Optional<URI> next = SafeUrl.resolve(r.url(), r.location().get());
                if (next.isEmpty()) return a.finished(); // not http(s): recorded, never followed
                URI target = next.get();
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
            if (a.aborted || Thread.currentThread().isInterrupted()) {
                return a.stopped(ErrorKind.CANCELLED, "cancelled");
            }
            ErrorKind kind = classify(t);
            return a.stopped(kind, describe(kind, t, a));
        } finally {
            closeKept(a); // no connection outlives its probe
        }
    }

    private static String key(URI u) {
        return u.normalize().toString().replaceFirst("#.*$", "");
    }

    /**
     * The addresses of {@code host} (an IPv6 literal may keep its brackets), looked up once per probe: the
     * addresses recorded for the probe's host are the ones its first request connects to.
     */
    private InetAddress[] addressesOf(Attempt a, String host) throws UnknownHostException {
        String bare = bare(host);
        String key = bare.toLowerCase(Locale.ROOT);
        InetAddress[] known = a.addresses.get(key);
        if (known == null) {
            known = resolver.resolve(bare);
            if (known == null || known.length == 0) throw new UnknownHostException(bare + ": no addresses");
            a.addresses.put(key, known);
        }
        return known;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * One plain-HTTP request over our own socket to the host's address as already resolved for this probe,
     * read until {@link RawHttpResponseParser.Framer} says the message is complete (or that more bytes would
     * not change it) or the caps are reached, then parsed by {@link RawHttpResponseParser}.
     * Why not the JDK client here: JDK 17's HttpClient leaves the socket of an answer it cannot parse open
     * forever (a portal that sends garbage would leak a descriptor per check); here every socket is closed
     * by the end of the probe, and the reason phrase and header order are kept as sent. A redirect to the
     * same host and port reuses the connection when the server keeps it open (one round trip less, as a
     * browser does); a check never reuses a connection from another check.
     */
    private RecordedResponse fetchPlain(Attempt a, URI url) throws Exception {
        long hopStart = System.nanoTime();
        String host = url.getHost();
        String bare = bare(host);
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String authority = bare.toLowerCase(Locale.ROOT) + ":" + port;
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String hostHeader = host + (url.getPort() < 0 ? "" : ":" + url.getPort());
        byte[] request = ("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Pragma: no-cache\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.net.Socket kept = a.socket;
        if (kept != null && authority.equals(a.socketAuthority) && !kept.isClosed()) {
            try {
                return exchange(a, kept, url, request, hopStart, true);
            } catch (EOFException | SocketException e) {
                // the server had closed the kept connection: ask again on a new one
                if (a.aborted) throw e;
            }
        }
        closeKept(a);
        java.net.Socket socket = new java.net.Socket(java.net.Proxy.NO_PROXY);
        a.socket = socket;
        a.socketAuthority = authority;
        if (a.aborted) {
            closeKept(a);
            throw new java.io.InterruptedIOException("cancelled");
        }
        try {
            a.stage = "while resolving " + host;
            InetAddress address = addressesOf(a, host)[0];
            a.stage = "while connecting to " + host;
            socket.connect(new java.net.InetSocketAddress(address, port), leftMillis(a));
            return exchange(a, socket, url, request, hopStart, false);
        } catch (java.net.SocketTimeoutException e) {
            closeKept(a);
            throw new HttpTimeoutException("no complete answer within the deadline");
        } catch (Exception e) {
            closeKept(a);
            throw e;
        }
    }

    /** Sends one request on {@code socket} and reads its answer; leaves the socket open only if it can be reused. */
    private RecordedResponse exchange(Attempt a, java.net.Socket socket, URI url, byte[] request, long hopStart,
                                      boolean reused) throws Exception {
        int maxRead = (int) Math.min(Integer.MAX_VALUE - 16,
                (long) limits.maxHeadBytes() + limits.maxBodyBytes() + 16 * 1024); // + room for chunk-size lines
        socket.setSoTimeout(leftMillis(a));
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        a.stage = "while waiting for the response from " + url.getHost();
        InputStream in = socket.getInputStream();
        ReadBuffer got = new ReadBuffer(16 * 1024, maxRead);
        RawHttpResponseParser.Framer framer = new RawHttpResponseParser.Framer(limits);
        boolean headSeen = false;
        while (!got.full()) {
            socket.setSoTimeout(leftMillis(a));
            int n;
            try {
                n = got.readFrom(in);
            } catch (java.net.SocketTimeoutException e) {
                throw new HttpTimeoutException("no complete answer within the deadline");
            }
            if (n < 0) break;
            boolean done = framer.advance(got.array(), got.size());
            if (!headSeen && framer.status() >= 0) {
                headSeen = true;
                a.stage = "while reading the body of the " + framer.status() + " response from " + url;
            }
            if (done) break;
        }
        if (got.size() == 0) {
            closeKept(a);
            throw new EOFException(reused ? "the kept connection was closed" : "the server closed the connection without answering");
        }
        RecordedResponse r;
        try {
            r = RawHttpResponseParser.parseWithNotes(got.array(), got.size(), url, limits).response();
        } catch (MalformedResponseException e) {
            closeKept(a);
            throw new ProtocolException(e.getMessage()); // says what was wrong ("not an HTTP response: ...", ...)
        }
        // reusable only when the answer ended exactly where its framing says (nothing unasked-for after it)
        boolean reusable = framer.end() == got.size() && r.isRedirect()
                && r.headers().all("Connection").stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
        if (!reusable) closeKept(a);
        return new RecordedResponse(url, r.status(), r.reason(), r.headers(), r.body(), r.truncated(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hopStart));
    }

    private static void closeKept(Attempt a) {
        java.net.Socket s = a.socket;
        a.socket = null;
        a.socketAuthority = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static int leftMillis(Attempt a) throws HttpTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(a.leftNanos());
        if (left <= 0) throw new HttpTimeoutException("deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private RecordedResponse fetch(Attempt a, HttpClient c, URI url) throws Exception {
        long left = a.leftNanos();
        if (left <= 0) throw new HttpTimeoutException("deadline passed");
        long hopStart = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(Duration.ofNanos(left))
                .header("User-Agent", USER_AGENT)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Cache-Control", "no-cache")
                .header("Pragma", "no-cache")
                .build();
        a.stage = "while connecting to " + url.getHost() + " and waiting for the response headers";
        CompletableFuture<HttpResponse<InputStream>> f = c.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        a.inflight = f;
        if (a.aborted) f.cancel(true);
        HttpResponse<InputStream> response;
        try {
            response = f.get(Math.max(1, a.leftNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("no response headers within the deadline");
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
        int cap = limits.maxBodyBytes();
        byte[] data;
        boolean truncated;
        try (InputStream in = response.body()) {
            a.body = in;
            if (a.aborted) in.close();
            a.stage = "while reading the body of the " + response.statusCode() + " response from " + url;
            data = in.readNBytes(cap + 1);
            truncated = data.length > cap;
            if (truncated) data = java.util.Arrays.copyOf(data, cap);
        } finally {
            a.body = null;
        }
        return new RecordedResponse(url, response.statusCode(), "", headers(response.headers()), data, truncated,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hopStart));
    }

    private static Exception unwrap(ExecutionException e) {
        Throwable t = e.getCause();
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof Exception ex ? ex : new IOException(t);
    }

    private static Headers headers(HttpHeaders h) {
        List<Headers.Field> fields = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : h.map().entrySet()) {
            if (e.getKey() == null || e.getKey().startsWith(":")) continue;
            for (String v : e.getValue()) fields.add(new Headers.Field(e.getKey(), RawHttpResponseParser.redecodeHeaderValue(v)));
        }
        return Headers.of(fields);
    }

    /** Maps an exception (anywhere in its cause chain) to why the probe failed. */
    static ErrorKind classify(Throwable top) {
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) return ErrorKind.DNS;
        }
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) return ErrorKind.TIMEOUT;
            if (t instanceof SSLException) return ErrorKind.TLS;
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) return ErrorKind.REFUSED;
            if (t instanceof ProtocolException) return ErrorKind.PROTOCOL;
            if (t instanceof EOFException) return ErrorKind.RESET;
            if (t instanceof SocketException) return ErrorKind.RESET;
        }
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("invalid status line") || m.contains("bad response") || m.contains("invalid header")
                    || m.contains("protocol") || m.contains("chunk")) return ErrorKind.PROTOCOL;
            if (m.contains("reset") || m.contains("closed") || m.contains("eof") || m.contains("no bytes")
                    || m.contains("broken pipe")) return ErrorKind.RESET;
        }
        if (top instanceof IOException) return ErrorKind.RESET;
        return ErrorKind.OTHER;
    }

    /** The first meaningful exception message in the chain (or the class name), and where it happened. */
    private static String describe(ErrorKind kind, Throwable t, Attempt a) {
        String detail = null;
        for (Throwable c = t; c != null && detail == null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && !m.startsWith("java.")) detail = m;
        }
        if (detail == null) {
            detail = switch (kind) {
                case REFUSED -> "connection refused";
                case RESET -> "connection closed";
                case TIMEOUT -> "timed out";
                default -> t.getClass().getSimpleName();
            };
        }
        if (detail.length() > 300) detail = detail.substring(0, 300) + "...";
        return detail + a.stage();
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
        httpExecutor.shutdownNow();
        client = null;
        try {
            probeExecutor.awaitTermination(2, TimeUnit.SECONDS);
            httpExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
