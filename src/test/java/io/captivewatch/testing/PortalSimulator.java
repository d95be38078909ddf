package io.captivewatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A captive portal (or a genuine connectivity-check server) on 127.0.0.1, for tests: a real HTTP/1.1
 * server on an ephemeral port, written on a raw {@link ServerSocket} so that misbehaviour (trickling,
 * resets, silence, non-HTTP) is byte-exact. One connection per request ({@code Connection: close}).
 *
 * <p>Every path answers according to the current {@link Scenario} (switchable at any time), except
 * {@code /login}: {@code GET /login} serves a sign-in form, and {@code POST /login} (its submit) switches
 * the simulator to {@link Scenario#ONLINE_204}, like a real portal letting the client through.
 *
 * <pre>{@code
 * try (PortalSimulator sim = new PortalSimulator(Scenario.REDIRECT_302).start()) {
 *     URI probe = sim.url("/generate_204");
 *     ...
 * }
 * }</pre>
 */
public final class PortalSimulator implements AutoCloseable {

    /** How the simulated network answers. */
    public enum Scenario {
        /** 204 No Content: the genuine answer of generate_204-style probes. */
        ONLINE_204,
        /** 200 with Apple's "Success" page. */
        APPLE_SUCCESS,
        /** 302 to the absolute login URL. */
        REDIRECT_302,
        /** 307 with a relative Location ({@code /login?from=...}). */
        REDIRECT_307_RELATIVE,
        /** 511 with {@code Link: <login>; rel="captive-portal"} and a small HTML page. */
        STATUS_511_LINK,
        /**
         * 511 whose only links are hostile: {@code Link: <javascript:...>; rel="captive-portal"} and a
         * {@code javascript:} anchor. Nothing may come out as a login URL.
         */
        STATUS_511_JAVASCRIPT_LINK,
        /** 511 with an RFC 8908-style JSON body naming the login URL. */
        STATUS_511_JSON,
        /** 511 with an HTML page holding a sign-in link. */
        STATUS_511_HTML,
        /** 200 with a meta refresh to the login page. */
        META_REFRESH,
        /** 200 with a JavaScript redirect to the login page. */
        JAVASCRIPT,
        /** 401 with {@code WWW-Authenticate: Basic}. */
        STATUS_401,
        /** 407 with {@code Proxy-Authenticate: Basic}. */
        STATUS_407,
        /** 503 Service Unavailable. */
        STATUS_503,
        /** 200 whose body (1000 bytes promised) arrives one byte every {@link #trickleIntervalMs()}. */
        TRICKLE,
        /** 200 with a 64 MiB body. */
        HUGE_BODY,
        /** A chain of 100 redirects ({@code /loop/1} ... {@code /loop/100}), then 200. */
        REDIRECT_LOOP,
        /** A true cycle: {@code /cycle/a} and {@code /cycle/b} redirect to each other. */
        REDIRECT_CYCLE,
        /** Reads the request and never writes anything. */
        NEVER_WRITES,
        /** Sends headers and part of the body, then resets the connection (RST). */
        RESET_MID_BODY,
        /** Reads the request and closes without a byte. */
        CLOSE_WITHOUT_RESPONSE,
        /** Answers with bytes that are not HTTP. */
        BAD_HTTP
    }

    /** One request as the simulator saw it. */
    public record Request(String method, String path, List<String> headerLines) {
        /** The first value of a header (case-insensitive), or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String l : headerLines) {
                if (l.toLowerCase(Locale.ROOT).startsWith(prefix)) return l.substring(prefix.length()).strip();
            }
            return null;
        }
    }

    public static final String APPLE_SUCCESS_BODY = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>";
    public static final long HUGE_BODY_BYTES = 64L * 1024 * 1024;
    private static final int MAX_REQUEST_HEAD = 64 * 1024;
    private static final int SOCKET_READ_TIMEOUT_MS = 30_000;

    private final ServerSocket server;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong hugeBytesWritten = new java.util.concurrent.atomic.AtomicLong();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Scenario scenario;
    private volatile long trickleIntervalMs = 100;
    private volatile boolean closed;
    private Thread acceptor;

    public PortalSimulator() throws IOException {
        this(Scenario.ONLINE_204);
    }

    public PortalSimulator(Scenario initial) throws IOException {
        this.scenario = initial;
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portal-simulator-" + server.getLocalPort());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts accepting connections; returns this. */
    public synchronized PortalSimulator start() {
        if (acceptor != null) return this;
        acceptor = new Thread(this::acceptLoop, "portal-simulator-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} + path (path starts with '/'). */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The login page's URL. */
    public URI loginUrl() {
        return url("/login");
    }

    public PortalSimulator setScenario(Scenario s) {
        this.scenario = s;
        return this;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Milliseconds between body bytes in {@link Scenario#TRICKLE} (default 100). */
    public PortalSimulator setTrickleIntervalMs(long ms) {
        this.trickleIntervalMs = ms;
        return this;
    }

    public long trickleIntervalMs() {
        return trickleIntervalMs;
    }

    /** Requests received so far (every path, login included). */
    public int requestCount() {
        return requestCount.get();
    }

    /** Requests received so far, in order. */
    public List<Request> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    /** Body bytes the {@link Scenario#HUGE_BODY} scenario managed to write (the client stops it by closing). */
    public long hugeBodyBytesWritten() {
        return hugeBytesWritten.get();
    }

    /** Connections currently open. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> {
                    try (s) {
                        s.setSoTimeout(SOCKET_READ_TIMEOUT_MS);
                        handle(s);
                    } catch (IOException | RuntimeException ignored) {
                        // the client went away: normal for aborted probes
                    } finally {
                        open.remove(s);
                    }
                });
            } catch (IOException e) {
                if (closed) return;
            } catch (RuntimeException e) { // pool shut down
                return;
            }
        }
    }

    private void handle(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        Request req = readRequest(in);
        if (req == null) {
            write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nConnection: close\r\n\r\nbad request");
            return;
        }
        requestCount.incrementAndGet();
        requests.add(req);
        String path = req.path();
        String pathOnly = path.replaceFirst("[?#].*$", "");
        if (pathOnly.equals("/login")) {
            if (req.method().equals("POST")) {
                scenario = Scenario.ONLINE_204;
                page(out, 200, "OK", "text/html; charset=utf-8", "<!doctype html><html><head><title>Welcome</title></head>"
                        + "<body><h1>You're online</h1><p>Enjoy your stay.</p></body></html>", "");
            } else {
                page(out, 200, "OK", "text/html; charset=utf-8", LOGIN_PAGE, "");
            }
            return;
        }
        Scenario sc = scenario;
        String login = loginUrl().toString();
        switch (sc) {
            case ONLINE_204 -> write(out, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            case APPLE_SUCCESS -> page(out, 200, "OK", "text/html", APPLE_SUCCESS_BODY, "");
            case REDIRECT_302 -> page(out, 302, "Found", "text/html", "<a href=\"" + login + "\">Sign in</a>",
                    "Location: " + login + "?continue=" + encode(url(path).toString()) + "\r\n");
            case REDIRECT_307_RELATIVE -> page(out, 307, "Temporary Redirect", "text/html", "",
                    "Location: /login?from=probe\r\n");
            case STATUS_511_LINK -> page(out, 511, "Network Authentication Required", "text/html",
                    "<html><body>Network authentication required.</body></html>",
                    "Link: <" + login + ">; rel=\"captive-portal\"\r\nCache-Control: no-store\r\n");
            case STATUS_511_JAVASCRIPT_LINK -> page(out, 511, "Network Authentication Required", "text/html",
                    "<html><body><a href=\"javascript:alert(document.cookie)\">Sign in</a></body></html>",
                    "Link: <javascript:alert(1)>; rel=\"captive-portal\"\r\nCache-Control: no-store\r\n");
            case STATUS_511_JSON -> page(out, 511, "Network Authentication Required", "application/json",
                    "{\"captive\": true, \"user-portal-url\": \"" + login + "\"}", "Cache-Control: no-store\r\n");
            case STATUS_511_HTML -> page(out, 511, "Network Authentication Required", "text/html",
                    "<html><head><title>Sign in</title></head><body><p>Please <a href=\"/login\">sign in</a>"
                            + " to use this network.</p></body></html>", "Cache-Control: no-store\r\n");
            case META_REFRESH -> page(out, 200, "OK", "text/html",
                    "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/login\"></head><body>Redirecting</body></html>", "");
            case JAVASCRIPT -> page(out, 200, "OK", "text/html",
                    "<html><head><script>window.location.href = \"/login\";</script></head><body></body></html>", "");
            case STATUS_401 -> page(out, 401, "Unauthorized", "text/html", "<html><body>Unauthorized</body></html>",
                    "WWW-Authenticate: Basic realm=\"simulator\"\r\n");
            case STATUS_407 -> page(out, 407, "Proxy Authentication Required", "text/html",
                    "<html><body>Proxy authentication required</body></html>", "Proxy-Authenticate: Basic realm=\"proxy\"\r\n");
            case STATUS_503 -> page(out, 503, "Service Unavailable", "text/plain", "try later", "Retry-After: 60\r\n");
            case TRICKLE -> trickle(out);
            case HUGE_BODY -> huge(out);
            case REDIRECT_LOOP -> {
                int n = 0;
                if (pathOnly.startsWith("/loop/")) {
                    try {
                        n = Integer.parseInt(pathOnly.substring("/loop/".length()));
                    } catch (NumberFormatException ignored) {
                        n = 0;
                    }
                }
                if (n >= 100) {
                    page(out, 200, "OK", "text/plain", "end of the chain", "");
                } else {
                    page(out, 302, "Found", "text/plain", "", "Location: /loop/" + (n + 1) + "\r\n");
                }
            }
            case REDIRECT_CYCLE -> page(out, 302, "Found", "text/plain", "",
                    "Location: " + (pathOnly.equals("/cycle/a") ? "/cycle/b" : "/cycle/a") + "\r\n");
            case NEVER_WRITES -> drainUntilClosed(in);
            case RESET_MID_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n");
                out.write("<html>".repeat(100).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.setSoLinger(true, 0); // close() now sends RST
            }
            case CLOSE_WITHOUT_RESPONSE -> { /* closing the socket is the answer */ }
            case BAD_HTTP -> write(out, "SSH-2.0-OpenSSH_9.2\r\nthis is not HTTP\r\n\r\n");
        }
    }

    private static final String LOGIN_PAGE = "<!doctype html><html><head><title>Guest Wi-Fi sign in</title></head><body>"
            + "<h1>Welcome to Guest Wi-Fi</h1>"
            + "<form id=\"login\" method=\"post\" action=\"/login\">"
            + "<label>Room <input id=\"room\" name=\"room\" type=\"text\"></label>"
            + "<label><input id=\"accept\" name=\"accept\" type=\"checkbox\" value=\"yes\"> I accept the terms</label>"
            + "<button id=\"submit\" type=\"submit\">Connect</button>"
            + "</form></body></html>";

    private void trickle(OutputStream out) throws IOException {
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 1000 && !closed; i++) {
            out.write('x');
            out.flush();
            try {
                Thread.sleep(trickleIntervalMs); // pacing the simulated network, not waiting for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void huge(OutputStream out) throws IOException {
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + HUGE_BODY_BYTES + "\r\nConnection: close\r\n\r\n");
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (long sent = 0; sent < HUGE_BODY_BYTES && !closed; sent += chunk.length) {
            out.write(chunk); // fails as soon as the client stops reading and closes
            hugeBytesWritten.addAndGet(chunk.length);
        }
        out.flush();
    }

    /** Reads until the client closes, the simulator closes, or the socket read timeout. */
    private void drainUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        while (!closed && in.read(buf) >= 0) {
            // discard
        }
    }

    /** Reads one request head (and a Content-Length body); null if it is not HTTP. */
    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int prev2 = -1, prev1 = -1;
        int first = in.read();
        if (first < 'A' || first > 'Z') return null; // not a request line (e.g. a TLS ClientHello): answer 400 now
        head.write(first);
        while (head.size() < MAX_REQUEST_HEAD) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
            if (b == '\n' && (prev1 == '\n' || (prev1 == '\r' && prev2 == '\n'))) break;
            prev2 = prev1;
            prev1 = b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        if (lines.length == 0) return null;
        String[] parts = lines[0].split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) return null;
        List<String> headerLines = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) if (!lines[i].isEmpty()) headerLines.add(lines[i]);
        Request r = new Request(parts[0], parts[1], List.copyOf(headerLines));
        String cl = r.header("Content-Length");
        if (cl != null) {
            try {
                int n = Math.min(Integer.parseInt(cl), MAX_REQUEST_HEAD);
                in.readNBytes(n);
            } catch (NumberFormatException ignored) {
                // no body
            }
        }
        return r;
    }

    private static void page(OutputStream out, int status, String reason, String type, String body, String extraHeaders)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: " + type + "\r\n"
                + extraHeaders
                + "Content-Length: " + b.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Stops accepting, closes every open connection, stops all threads. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
            Thread a = acceptor;
            if (a != null) a.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
