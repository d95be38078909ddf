package io.captivewatch.core.probe;

import io.captivewatch.core.url.SafeUrl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP request (GET, or POST with a form body) over a socket of its own, read and framed as the
 * {@link Prober} reads a probe's answer (the same framer, read buffer and
 * caps), for the automatic sign-in's replay of a portal's forms (issue #20). No redirects are followed here
 * (the caller decides each hop with {@link SafeUrl}); the connection is closed when the answer is read. The
 * exchange itself is the core's one fetch path, {@link HttpFetch}: this class only adds the form's method, body
 * and headers.
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
        String host = url.getHost();
        List<String> lines = new java.util.ArrayList<>(List.of("User-Agent: " + Prober.USER_AGENT,
                "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Connection: close"));
        for (Header h : headers) lines.add(h.name() + ": " + h.value());
        if (body != null) {
            lines.add("Content-Type: application/x-www-form-urlencoded");
            lines.add("Content-Length: " + body.length);
        }
        HttpFetch.Addresses addresses = name -> {
            InetAddress[] all = resolver.resolve(name);
            if (all == null || all.length == 0) throw new UnknownHostException(name + ": no addresses");
            if (!SafeUrl.isThisComputer(origin == null ? null : origin.getHost()) && thisComputer.test(all[0])) {
                throw new UnknownHostException(name + " resolved to " + all[0].getHostAddress() + ", this computer, where no portal lives");
            }
            return all[0];
        };
        // the core's one fetch path: connect, TLS with SNI and the host-name check, the framed read under the caps
        try (HttpFetch fetch = new HttpFetch(limits, tls == null ? HttpFetch.DEFAULT_TLS : () -> tls, deadlineNanos)) {
            return fetch.send(m, url, lines, body, addresses);
        } catch (HttpFetch.DeadlineException e) {
            throw new HttpFetch.DeadlineException("no complete answer from " + host + " within the deadline");
        }
    }
}
