package io.captivewatch.core.probe;

import io.captivewatch.core.url.HostAddress;
import io.captivewatch.core.url.SafeUrl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one HTTP fetch path of the core: GET requests over our own socket, one at a time, all under one
 * deadline and the caps of {@link ProbeLimits}. Each request connects to the address the caller resolved
 * (with what is left of the deadline), layers TLS on the socket for https (the certificate must name the
 * host; SNI is the host name), writes the request, reads until {@link ResponseFramer} says the message is
 * complete (or more bytes would not change it) or the caps are reached, and parses it with
 * {@link RawHttpResponseParser}. The {@link Prober} uses one per probe (the redirect chain); the RFC 8908
 * API client one per query. Failures are exceptions that {@link ErrorKind#of(Throwable)} maps.
 *
 * <p>A connection is kept for the next request only after a redirect that ended exactly where its framing
 * says and did not ask to close, and only to the same scheme, host and port; {@link #close()} ends it.
 * {@link #abort()} may be called from another thread: it closes the socket, which wakes a blocked read.
 *
 * <p>Why not the JDK client: JDK 17's HttpClient leaves the socket of an answer it cannot parse open
 * forever (a portal that sends garbage would leak a descriptor per check), keeps a selector thread per
 * client, and pools connections with no way to drop them (its {@code jdk.httpclient.keepalive.timeout=0}
 * still reused 2 to 8 connections out of 20 here). Here every socket is closed by the end of the fetch,
 * and the reason phrase and header order are kept as sent.
 */
public final class HttpFetch implements AutoCloseable {

    /** Where TLS sockets come from: {@link #DEFAULT_TLS}, or a test's own context. */
    @FunctionalInterface
    public interface Tls {
        SSLSocketFactory sockets() throws GeneralSecurityException;
    }

    /** The JVM's default TLS context (its trust store), taken when the first https request needs it. */
    public static final Tls DEFAULT_TLS = () -> SSLContext.getDefault().getSocketFactory();

    /** The address to connect to for a host (IPv6 literals without brackets). */
    @FunctionalInterface
    public interface Addresses {
        InetAddress of(String host) throws UnknownHostException;
    }

    /** The deadline passed before a complete answer; {@link ErrorKind#TIMEOUT}. */
    public static final class DeadlineException extends IOException {
        public DeadlineException(String message) {
            super(message);
        }
    }

    private final ProbeLimits limits;
    private final Tls tls;
    private final long deadlineAt;
    /** The TCP socket of the connection in use (what abort closes), and the one to talk on (TLS over it for https). */
    private volatile Socket socket;
    private volatile Socket io;
    private volatile String authority;
    private volatile String stage = "";
    private volatile boolean aborted;
    private volatile int connectCapMillis = Integer.MAX_VALUE;

    /** @param deadlineAt a {@link System#nanoTime()} value: nothing of this fetch runs past it */
    public HttpFetch(ProbeLimits limits, Tls tls, long deadlineAt) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.deadlineAt = deadlineAt;
    }

    /** What the fetch is doing ("while connecting to h", ...), with a leading space; empty before it starts. */
    public String stage() {
        String s = stage;
        return s.isEmpty() ? "" : " " + s;
    }

    /** Says what the caller is doing (e.g. "while resolving h"), for {@link #stage()}. */
    public void stage(String what) {
        stage = what;
    }

    /** Gives each TCP connect at most {@code millis} (and never past the deadline); a connect that takes longer is a timeout. */
    public HttpFetch connectWithin(int millis) {
        connectCapMillis = Math.max(1, millis);
        return this;
    }

    public boolean aborted() {
        return aborted;
    }

    /** Closes the connection in use (a worker blocked on it wakes up) and makes every later request fail. Any thread. */
    public void abort() {
        aborted = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    /** Closes the kept connection, if any. */
    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        io = null;
        authority = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /**
     * One GET of {@code url} (absolute http(s)). {@code headers} are the request's header lines after
     * {@code Host} ("Name: value"). The response's elapsed time is this request's.
     */
    public RecordedResponse get(URI url, List<String> headers, Addresses addresses) throws IOException {
        return send("GET", url, headers, null, addresses);
    }

    /**
     * One request: {@code method} (GET or POST) of {@code url}, with {@code body} after the head when not null
     * (its {@code Content-Type} and {@code Content-Length} are the caller's header lines). Otherwise as
     * {@link #get}.
     */
    public RecordedResponse send(String method, URI url, List<String> headers, byte[] body, Addresses addresses) throws IOException {
        if (!method.equals("GET") && !method.equals("POST")) throw new IllegalArgumentException("only GET and POST: " + method);
        long hopStart = System.nanoTime();
        boolean https = SafeUrl.isHttps(url);
        String host = url.getHost();
        String bare = HostAddress.withoutBrackets(host);
        int port = url.getPort() < 0 ? (https ? 443 : 80) : url.getPort();
        String key = (https ? "https://" : "http://") + bare.toLowerCase(Locale.ROOT) + ":" + port;
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder req = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(url.getPort() < 0 ? "" : ":" + url.getPort()).append("\r\n");
        for (String h : headers) req.append(h).append("\r\n");
        byte[] head = req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = head;
        if (body != null) {
            request = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
        }
        Socket kept = io;
        if (kept != null && key.equals(authority) && !kept.isClosed()) {
            try {
                return exchange(kept, url, request, hopStart, true);
            } catch (EOFException | SocketException e) {
                // the server had closed the kept connection: ask again on a new one
                if (aborted) throw e;
            }
        }
        close();
        Socket tcp = new Socket(Proxy.NO_PROXY);
        socket = tcp;
        authority = key;
        if (aborted) {
            close();
            throw new java.io.InterruptedIOException("cancelled");
        }
        try {
            stage = "while resolving " + host;
            InetAddress address = addresses.of(bare);
            stage = "while connecting to " + host;
            tcp.connect(new InetSocketAddress(address, port), Math.min(connectCapMillis, leftMillis()));
            Socket talk = tcp;
            if (https) {
                stage = "during the TLS handshake with " + host;
                // layered on our socket: closing that one (abort, close) ends the TLS connection too
                SSLSocket ssl = (SSLSocket) tls.sockets().createSocket(tcp, bare, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(leftMillis());
                ssl.startHandshake();
                talk = ssl;
            }
            io = talk;
            return exchange(talk, url, request, hopStart, false);
        } catch (SocketTimeoutException e) {
            close();
            throw new DeadlineException("no complete answer within the deadline");
        } catch (GeneralSecurityException e) {
            close();
            throw new javax.net.ssl.SSLException("no TLS context: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Sends one request on {@code s} and reads its answer; leaves the connection open only if it can be reused. */
    private RecordedResponse exchange(Socket s, URI url, byte[] request, long hopStart, boolean reused) throws IOException {
        int maxRead = (int) Math.min(Integer.MAX_VALUE - 16,
                (long) limits.maxHeadBytes() + limits.maxBodyBytes() + 16 * 1024); // + room for chunk-size lines
        s.setSoTimeout(leftMillis());
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        stage = "while waiting for the response from " + url.getHost();
        InputStream in = s.getInputStream();
        ReadBuffer got = new ReadBuffer(16 * 1024, maxRead);
        ResponseFramer framer = new ResponseFramer(limits);
        boolean headSeen = false;
        while (!got.full()) {
            s.setSoTimeout(leftMillis());
            int n;
            try {
                n = got.readFrom(in);
            } catch (SocketTimeoutException e) {
                throw new DeadlineException("no complete answer within the deadline");
            }
            if (n < 0) break;
            boolean done = framer.advance(got.array(), got.size());
            if (!headSeen && framer.status() >= 0) {
                headSeen = true;
                stage = "while reading the body of the " + framer.status() + " response from " + url;
            }
            if (done) break;
        }
        if (got.size() == 0) {
            close();
            throw new EOFException(reused ? "the kept connection was closed" : "the server closed the connection without answering");
        }
        RecordedResponse r;
        try {
            r = RawHttpResponseParser.parseWithNotes(got.array(), got.size(), url, limits).response();
        } catch (MalformedResponseException e) {
            close();
            throw new ProtocolException(e.getMessage()); // says what was wrong ("not an HTTP response: ...", ...)
        }
        // reusable only when the answer ended exactly where its framing says (nothing unasked-for after it)
        boolean reusable = framer.end() == got.size() && r.isRedirect()
                && r.headers().all("Connection").stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
        if (!reusable) close();
        return new RecordedResponse(url, r.status(), r.reason(), r.headers(), r.body(), r.truncated(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hopStart));
    }

    private int leftMillis() throws DeadlineException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineAt - System.nanoTime());
        if (left <= 0) throw new DeadlineException("deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
