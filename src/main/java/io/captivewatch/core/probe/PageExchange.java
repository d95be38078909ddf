package io.captivewatch.core.probe;

import io.captivewatch.core.url.SafeUrl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP request (GET, or POST with a form body) over a socket of its own, read and framed as the
 * {@link Prober} reads a probe's answer ({@link RawHttpResponseParser.Framer}, {@link ReadBuffer}, the same
 * caps), for the automatic sign-in's replay of a portal's forms (issue #20). No redirects are followed here
 * (the caller decides each hop with {@link SafeUrl}); the connection is closed when the answer is read.
 *
 * <p>Bounded: one deadline covers DNS, connect, TLS and the whole answer; bodies are capped at
 * {@link ProbeLimits#maxBodyBytes()}. Only http(s). A host not written as this computer must not resolve to it
 * (as the prober's rule, {@code SafeUrl.isThisComputer}). Direct connections, no proxy.
 */
public final class PageExchange {
    /** Longest request body sent (a form of a few fields is far smaller). */
    public static final int MAX_REQUEST_BODY = 16 * 1024;

    private final ProbeLimits limits;
    private final Prober.Resolver resolver;
    private final Predicate<InetAddress> thisComputer;
    private final SSLSocketFactory tls;

    public PageExchange() {
        this(ProbeLimits.DEFAULT, InetAddress::getAllByName, SafeUrl::isThisComputer, null);
    }

    /** {@code tls} null: the JVM's default context. A seam for tests. */
    PageExchange(ProbeLimits limits, Prober.Resolver resolver, Predicate<InetAddress> thisComputer, SSLSocketFactory tls) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.thisComputer = Objects.requireNonNull(thisComputer, "thisComputer");
        this.tls = tls;
    }

    /** A header to send: name and value, no line breaks (refused otherwise). */
    public record Header(String name, String value) {
        public Header {
            if (!name.matches("[A-Za-z0-9-]{1,64}") || value.length() > 8192 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("bad header " + name);
            }
        }
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param method   GET or POST
     * @param url      an acceptable http(s) URL ({@link SafeUrl#isAcceptable})
     * @param origin   where the chain started: a host on this computer is only reached when the origin is there too
     * @param headers  extra headers (cookies, Referer)
     * @param body     the form body for POST (application/x-www-form-urlencoded), null for GET
     * @param deadlineNanos {@link System#nanoTime()} by which the whole answer must be in
     */
    public RecordedResponse send(String method, URI url, URI origin, List<Header> headers, byte[] body, long deadlineNanos)
            throws IOException {
        if (!SafeUrl.isAcceptableFrom(origin, url)) throw new IOException("refused: " + SafeUrl.problemFrom(origin, url).orElse(""));
        String m = method.toUpperCase(Locale.ROOT);
        if (!m.equals("GET") && !m.equals("POST")) throw new IOException("only GET and POST are sent");
        if (body != null && body.length > MAX_REQUEST_BODY) throw new IOException("form body too large");
        long start = System.nanoTime();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = url.getPort() < 0 ? (https ? 443 : 80) : url.getPort();
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) throw new UnknownHostException(bare + ": no addresses");
        if (!SafeUrl.isThisComputer(origin == null ? null : origin.getHost()) && thisComputer.test(addresses[0])) {
            throw new IOException(bare + " resolved to " + addresses[0].getHostAddress() + ", this computer, where no portal lives");
        }
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder req = new StringBuilder()
                .append(m).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(url.getPort() < 0 ? "" : ":" + url.getPort()).append("\r\n")
                .append("User-Agent: ").append(Prober.USER_AGENT).append("\r\n")
                .append("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n")
                .append("Connection: close\r\n");
        for (Header h : headers) req.append(h.name()).append(": ").append(h.value()).append("\r\n");
        if (body != null) {
            req.append("Content-Type: application/x-www-form-urlencoded\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        req.append("\r\n");
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress(addresses[0], port), left(deadlineNanos));
            Socket io = socket;
            if (https) {
                SSLSocket ssl = (SSLSocket) (tls != null ? tls : SSLContext.getDefault().getSocketFactory())
                        .createSocket(socket, bare, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(left(deadlineNanos));
                ssl.startHandshake();
                io = ssl;
            }
            io.setSoTimeout(left(deadlineNanos));
            io.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) io.getOutputStream().write(body);
            io.getOutputStream().flush();
            InputStream in = io.getInputStream();
            int maxRead = (int) Math.min(Integer.MAX_VALUE - 16, (long) limits.maxHeadBytes() + limits.maxBodyBytes() + 16 * 1024);
            ReadBuffer got = new ReadBuffer(16 * 1024, maxRead);
            ResponseFramer framer = new ResponseFramer(limits);
            while (!got.full()) {
                io.setSoTimeout(left(deadlineNanos));
                int n;
                try {
                    n = got.readFrom(in);
                } catch (SocketTimeoutException e) {
                    throw new HttpTimeoutException("no complete answer within the deadline");
                }
                if (n < 0 || framer.advance(got.array(), got.size())) break;
            }
            if (got.size() == 0) throw new EOFException("the server closed the connection without answering");
            RecordedResponse r;
            try {
                r = RawHttpResponseParser.parseWithNotes(got.array(), got.size(), url, limits).response();
            } catch (MalformedResponseException e) {
                throw new java.net.ProtocolException(e.getMessage());
            }
            return new RecordedResponse(url, r.status(), r.reason(), r.headers(), r.body(), r.truncated(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS", e);
        }
    }

    private static int left(long deadlineNanos) throws HttpTimeoutException {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (ms <= 0) throw new HttpTimeoutException("deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
