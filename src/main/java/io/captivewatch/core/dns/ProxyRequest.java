package io.captivewatch.core.dns;

import io.captivewatch.core.url.HostAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the {@link NetworkDnsProxy} reads from the login window and sends on: the request head (bounded in size
 * and time), where it goes ({@link Target}: a CONNECT authority or an absolute-form http URL, host name in ASCII),
 * and the origin-form request for an http server. No sockets of its own: the proxy passes the streams.
 */
final class ProxyRequest {
    private ProxyRequest() {}

    /** A request head longer than this is refused. */
    static final int MAX_HEAD = 16 * 1024;

    /** The request head as lines (without the blank line), or empty when it is too long, too slow or cut off. */
    static Optional<List<String>> readHead(InputStream in, long deadlineNanos) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int total = 0;
        while (true) {
            if (System.nanoTime() > deadlineNanos) return Optional.empty(); // a trickle, not a request
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (b < 0 || ++total > MAX_HEAD) return Optional.empty();
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String l = line.toString(StandardCharsets.ISO_8859_1);
            if (l.endsWith("\r")) l = l.substring(0, l.length() - 1);
            line.reset();
            if (l.isEmpty()) {
                if (lines.isEmpty()) continue; // a stray blank line before the request
                return Optional.of(lines);
            }
            lines.add(l);
        }
    }

    /** The request for the origin server: origin-form target, no proxy headers, one request per connection. */
    static String originForm(String[] requestLine, Target t, List<String> head) {
        StringBuilder b = new StringBuilder();
        b.append(requestLine[0]).append(' ').append(t.path()).append(' ').append(requestLine[2]).append("\r\n");
        boolean host = false;
        for (String h : head.subList(1, head.size())) {
            String name = h.contains(":") ? h.substring(0, h.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
            if (name.startsWith("proxy-") || name.equals("connection") || name.equals("keep-alive")) continue;
            if (name.equals("host")) host = true;
            b.append(h).append("\r\n");
        }
        if (!host) b.append("Host: ").append(t.hostHeader()).append("\r\n");
        b.append("Connection: close\r\n\r\n");
        return b.toString();
    }

    /** Where a request goes. {@code path} is the origin-form target (for http). */
    record Target(String host, int port, String path, String hostHeader) {
        /** {@code host:port} of a CONNECT. */
        static Target ofAuthority(String authority) {
            URI u;
            try {
                u = new URI("https://" + authority + "/");
            } catch (URISyntaxException e) {
                return null;
            }
            if (u.getHost() == null || u.getPort() < 1 || u.getPort() > 65535 || u.getRawUserInfo() != null) return null;
            return of(u.getHost(), u.getPort(), "/", authority);
        }

        /** An absolute-form http URL. */
        static Target ofUrl(String url) {
            URI u;
            try {
                u = new URI(url);
            } catch (URISyntaxException e) {
                return null;
            }
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawUserInfo() != null) return null;
            int port = u.getPort() < 0 ? 80 : u.getPort();
            if (port > 65535) return null;
            String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            return of(u.getHost(), port, path, u.getRawAuthority());
        }

        private static Target of(String host, int port, String path, String hostHeader) {
            String h = HostAddress.withoutBrackets(host);
            try {
                h = IDN.toASCII(h);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (h.isEmpty() || h.length() > 253) return null;
            return new Target(h, port, path, hostHeader);
        }
    }
}
