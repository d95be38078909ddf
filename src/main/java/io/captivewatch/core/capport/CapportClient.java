package io.captivewatch.core.capport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.captivewatch.core.url.SafeUrl;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * RFC 8908 Captive Portal API client: {@code GET} with {@code Accept: application/captive+json}
 * (exactly that: openNDS compares the header as a plain string), no redirects followed, body capped at
 * {@link #MAX_BODY}, everything within one deadline. Lenient where real portals deviate (plain http,
 * a wrong content type on valid JSON: warnings), strict where meaning is at stake (no JSON or no
 * boolean "captive": failure). URLs in the answer are kept only if http(s) ({@link SafeUrl}).
 * Thread-safe; one instance can serve many queries.
 */
public final class CapportClient {
    /** The RFC 8908 media type. */
    public static final String MEDIA_TYPE = "application/captive+json";
    /** Largest body read (64 KiB); larger answers fail with {@link CapportResult.Failure#TOO_LARGE}. */
    public static final int MAX_BODY = 64 * 1024;
    /**
     * Warning for an API reached over http. Discovery gives the same one for an http URI
     * ({@link Option114#PLAIN_HTTP_WARNING}): one fact, one text, so it shows once.
     */
    public static final String PLAIN_HTTP_WARNING = "API over plain HTTP (RFC 8908 and RFC 8910 require HTTPS)";

    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

    private final Duration connectTimeout;
    private final io.captivewatch.core.probe.Prober.Resolver resolver;
    private HttpClient http;

    /** A client whose connections time out after {@code connectTimeout} (each query also has its own deadline). */
    public CapportClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.resolver = null;
    }

    /**
     * A client that looks the API's host up with {@code resolver} and talks to it over its own socket
     * (TLS with the host name for SNI and the certificate check, as the JDK client does): the product wires in
     * {@link io.captivewatch.core.dns.DnsRace}, so an API whose name only the network's DNS knows (openNDS's
     * {@code status.client}) answers at once when the system is set to a custom DNS the portal blocks, instead
     * of costing the whole deadline.
     */
    public CapportClient(Duration connectTimeout, io.captivewatch.core.probe.Prober.Resolver resolver) {
        this.connectTimeout = connectTimeout;
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * The JDK client, built on the first query: building it loads the TLS setup and trusted certificates
     * (~0.1 s), which does not belong on the tray app's start path when most networks advertise no API.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return http;
    }

    /** A client with a 3 s connect timeout. */
    public CapportClient() {
        this(Duration.ofSeconds(3));
    }

    /**
     * Queries {@code api} within {@code deadline}. Never throws; an interrupt gives
     * {@link CapportResult.Failure#INTERRUPTED} with the interrupt flag set again.
     *
     * @param discoveredFrom goes into {@link CapportStatus#discoveredFrom()}
     */
    public CapportResult fetch(URI api, String discoveredFrom, Duration deadline) {
        List<String> warnings = new ArrayList<>();
        if (api == null || !SafeUrl.isAcceptable(api)) {
            return CapportResult.failed(CapportResult.Failure.NOT_HTTP_URL, "not an http(s) API URI: " + api, warnings);
        }
        if (api.getScheme().equalsIgnoreCase("http")) warnings.add(PLAIN_HTTP_WARNING);
        long timeoutMs = Math.max(1, deadline.toMillis());
        if (resolver != null) return fetchOwn(api, discoveredFrom, timeoutMs, warnings);
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(api).GET().timeout(Duration.ofMillis(timeoutMs))
                    .header("Accept", MEDIA_TYPE).header("Cache-Control", "no-cache").build();
        } catch (IllegalArgumentException e) {
            return CapportResult.failed(CapportResult.Failure.NOT_HTTP_URL, "unusable API URI: " + e.getMessage(), warnings);
        }
        CompletableFuture<HttpResponse<Body>> f = http().sendAsync(req, info -> new CappedSubscriber(MAX_BODY));
        HttpResponse<Body> resp;
        try {
            resp = f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return CapportResult.failed(CapportResult.Failure.TIMEOUT, "no complete answer from " + api + " within " + timeoutMs + " ms", warnings);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return CapportResult.failed(CapportResult.Failure.INTERRUPTED, "interrupted", warnings);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof HttpConnectTimeoutException || c instanceof HttpTimeoutException) {
                return CapportResult.failed(CapportResult.Failure.TIMEOUT, "timed out: " + c.getMessage(), warnings);
            }
            if (c instanceof ConnectException || c instanceof java.nio.channels.UnresolvedAddressException
                    || c instanceof java.net.UnknownHostException || c instanceof javax.net.ssl.SSLException) {
                return CapportResult.failed(CapportResult.Failure.CONNECT_FAILED,
                        "cannot reach " + api + ": " + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage()), warnings);
            }
            return CapportResult.failed(CapportResult.Failure.IO_ERROR,
                    "error talking to " + api + ": " + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage()), warnings);
        }
        return interpret(api, discoveredFrom, resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(null),
                resp.headers().firstValue("Location").orElse(null), resp.body(), warnings);
    }

    private static final java.util.concurrent.ExecutorService LOOKUPS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "captivewatch-capport-dns");
        t.setDaemon(true);
        return t;
    });

    /**
     * The query over our own socket: the host looked up with {@link #resolver}, {@code Connection: close}, the
     * answer read until the server closes, its {@code Content-Length} is reached or the caps are, every step
     * within the deadline; then parsed by the probes' {@link io.captivewatch.core.probe.RawHttpResponseParser}.
     */
    private CapportResult fetchOwn(URI api, String discoveredFrom, long timeoutMs, List<String> warnings) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String host = api.getHost();
        if (host == null || host.isEmpty()) {
            return CapportResult.failed(CapportResult.Failure.NOT_HTTP_URL, "unusable API URI: no host", warnings);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean https = api.getScheme().equalsIgnoreCase("https");
        int port = api.getPort() < 0 ? (https ? 443 : 80) : api.getPort();
        java.util.concurrent.Future<java.net.InetAddress[]> lookup = LOOKUPS.submit(() -> resolver.resolve(bare));
        java.net.InetAddress address;
        try {
            java.net.InetAddress[] all = lookup.get(left(end), TimeUnit.NANOSECONDS);
            if (all == null || all.length == 0) {
                return CapportResult.failed(CapportResult.Failure.CONNECT_FAILED, "cannot reach " + api + ": no address for " + bare, warnings);
            }
            address = all[0];
        } catch (TimeoutException | HttpTimeoutException e) {
            lookup.cancel(true);
            return CapportResult.failed(CapportResult.Failure.TIMEOUT, "no address for " + bare + " within " + timeoutMs + " ms", warnings);
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            return CapportResult.failed(CapportResult.Failure.INTERRUPTED, "interrupted", warnings);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return CapportResult.failed(CapportResult.Failure.CONNECT_FAILED,
                    "cannot reach " + api + ": " + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage()), warnings);
        }
        String target = (api.getRawPath() == null || api.getRawPath().isEmpty() ? "/" : api.getRawPath())
                + (api.getRawQuery() == null ? "" : "?" + api.getRawQuery());
        byte[] request = ("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + (api.getPort() < 0 ? "" : ":" + api.getPort()) + "\r\n"
                + "Accept: " + MEDIA_TYPE + "\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        io.captivewatch.core.probe.ProbeLimits limits = new io.captivewatch.core.probe.ProbeLimits(MAX_BODY, 0, 200, 64 * 1024);
        int cap = limits.maxHeadBytes() + MAX_BODY + 16 * 1024 + 1;
        java.net.Socket plain = new java.net.Socket(java.net.Proxy.NO_PROXY);
        java.net.Socket socket = plain;
        try {
            plain.connect(new java.net.InetSocketAddress(address, port),
                    (int) Math.max(1, Math.min(connectTimeout.toMillis(), TimeUnit.NANOSECONDS.toMillis(left(end)))));
            if (https) {
                javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) ((javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault())
                        .createSocket(plain, bare, port, true);
                javax.net.ssl.SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, as in the JDK client
                if (!bare.contains(":") && !bare.matches("[0-9.]+")) p.setServerNames(List.of(new javax.net.ssl.SNIHostName(bare)));
                tls.setSSLParameters(p);
                socket = tls;
                tls.setSoTimeout(soTimeout(end));
                tls.startHandshake();
            }
            socket.setSoTimeout(soTimeout(end));
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (got.size() < cap) {
                socket.setSoTimeout(soTimeout(end));
                int n = in.read(buf, 0, Math.min(buf.length, cap - got.size()));
                if (n < 0) break;
                got.write(buf, 0, n);
                if (complete(got.toByteArray(), api, limits)) break;
            }
            io.captivewatch.core.probe.RecordedResponse r =
                    io.captivewatch.core.probe.RawHttpResponseParser.parseWithNotes(got.toByteArray(), api, limits).response();
            return interpret(api, discoveredFrom, r.status(), r.headers().first("Content-Type").orElse(null),
                    r.headers().first("Location").orElse(null), new Body(r.body(), r.truncated()), warnings);
        } catch (java.net.SocketTimeoutException | HttpTimeoutException e) {
            return CapportResult.failed(CapportResult.Failure.TIMEOUT, "no complete answer from " + api + " within " + timeoutMs + " ms", warnings);
        } catch (ConnectException | javax.net.ssl.SSLException e) {
            return CapportResult.failed(CapportResult.Failure.CONNECT_FAILED,
                    "cannot reach " + api + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), warnings);
        } catch (IOException | io.captivewatch.core.probe.MalformedResponseException | RuntimeException e) {
            return CapportResult.failed(CapportResult.Failure.IO_ERROR,
                    "error talking to " + api + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), warnings);
        } finally {
            try {
                socket.close();
                plain.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** Whether the bytes so far hold a whole answer by its Content-Length (a server that keeps the connection open anyway). */
    private static boolean complete(byte[] raw, URI api, io.captivewatch.core.probe.ProbeLimits limits) {
        int headEnd = -1;
        for (int i = 3; i < raw.length; i++) {
            if (raw[i] == '\n' && raw[i - 1] == '\r' && raw[i - 2] == '\n' && raw[i - 3] == '\r') {
                headEnd = i + 1;
                break;
            }
        }
        if (headEnd < 0) return false;
        try {
            io.captivewatch.core.probe.RecordedResponse r =
                    io.captivewatch.core.probe.RawHttpResponseParser.parseWithNotes(raw, api, limits).response();
            if (r.status() < 200) return false; // an interim answer: the real one follows
            Optional<String> cl = r.headers().first("Content-Length");
            if (cl.isEmpty()) return false;
            long want = Long.parseLong(cl.get().trim());
            return raw.length - headEnd >= want;
        } catch (io.captivewatch.core.probe.MalformedResponseException | NumberFormatException e) {
            return false;
        }
    }

    private static long left(long end) throws HttpTimeoutException {
        long left = end - System.nanoTime();
        if (left <= 0) throw new HttpTimeoutException("deadline passed");
        return left;
    }

    private static int soTimeout(long end) throws HttpTimeoutException {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left(end))));
    }

    /** Turns one answer into a result (pure; separated for tests). */
    static CapportResult interpret(URI api, String discoveredFrom, int status, String contentType, String location,
                                   Body body, List<String> warnings) {
        if (status >= 300 && status < 400) {
            return CapportResult.failed(CapportResult.Failure.REDIRECTED,
                    "API answered " + status + (location == null ? "" : " to " + location) + "; redirects are not followed", warnings);
        }
        if (status != 200) {
            return CapportResult.failed(CapportResult.Failure.HTTP_STATUS, "API answered HTTP " + status + " (want 200)", warnings);
        }
        if (body.truncated()) {
            return CapportResult.failed(CapportResult.Failure.TOO_LARGE, "API answer larger than " + MAX_BODY + " bytes", warnings);
        }
        String ct = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body.bytes())).toString();
        } catch (CharacterCodingException e) {
            return CapportResult.failed(CapportResult.Failure.NOT_JSON, "API answer is not UTF-8 text (Content-Type " + contentType + ")", warnings);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        JsonElement root;
        try {
            root = parseStrict(text);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return CapportResult.failed(CapportResult.Failure.NOT_JSON,
                    "API answer is not JSON (Content-Type " + contentType + ")", warnings);
        }
        if (!MEDIA_TYPE.equals(ct)) {
            warnings.add("API answered Content-Type " + (contentType == null ? "(none)" : contentType) + ", not " + MEDIA_TYPE);
        }
        if (!root.isJsonObject()) {
            return CapportResult.failed(CapportResult.Failure.NOT_AN_OBJECT, "API answer is JSON but not an object", warnings);
        }
        JsonObject o = root.getAsJsonObject();
        JsonElement captive = o.get("captive");
        if (captive == null || !isBoolean(captive)) {
            return CapportResult.failed(CapportResult.Failure.MISSING_CAPTIVE,
                    captive == null ? "API answer lacks the required \"captive\" field" : "API \"captive\" field is not a boolean", warnings);
        }
        Optional<URI> portal = url(o, "user-portal-url", warnings);
        Optional<URI> venue = url(o, "venue-info-url", warnings);
        OptionalLong seconds = number(o, "seconds-remaining", warnings);
        OptionalLong bytes = number(o, "bytes-remaining", warnings);
        boolean extend = false;
        JsonElement ext = o.get("can-extend-session");
        if (ext != null) {
            if (isBoolean(ext)) extend = ext.getAsBoolean();
            else warnings.add("can-extend-session is not a boolean: ignored");
        }
        return CapportResult.ok(new CapportStatus(api, discoveredFrom, captive.getAsBoolean(), portal, venue, seconds, bytes, extend, warnings));
    }

    private static JsonElement parseStrict(String text) throws IOException {
        JsonReader r = new JsonReader(new StringReader(text));
        r.setStrictness(Strictness.STRICT);
        r.setNestingLimit(64);
        JsonElement e = ELEMENT.read(r);
        if (e == null) throw new JsonParseException("empty");
        if (r.peek() != JsonToken.END_DOCUMENT) throw new JsonParseException("trailing data");
        return e;
    }

    private static boolean isBoolean(JsonElement e) {
        return e.isJsonPrimitive() && ((JsonPrimitive) e).isBoolean();
    }

    private static Optional<URI> url(JsonObject o, String name, List<String> warnings) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) return Optional.empty();
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) {
            warnings.add(name + " is not a string: ignored");
            return Optional.empty();
        }
        Optional<URI> u = SafeUrl.parse(e.getAsString());
        if (u.isEmpty()) {
            warnings.add(name + " is not an http(s) URL: ignored");
        } else if (u.get().getScheme().equals("http")) {
            warnings.add(name + " uses plain http (RFC 8908 requires https)");
        }
        return u;
    }

    private static OptionalLong number(JsonObject o, String name, List<String> warnings) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) return OptionalLong.empty();
        if (e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber()) {
            try {
                long v = e.getAsBigDecimal().longValueExact();
                if (v >= 0) return OptionalLong.of(v);
            } catch (ArithmeticException | NumberFormatException ignored) {
                // fall through
            }
        }
        warnings.add(name + " is not a non-negative integer: ignored");
        return OptionalLong.empty();
    }

    /** A body read up to a cap; {@code truncated} if there was more. */
    record Body(byte[] bytes, boolean truncated) {}

    /** Collects at most {@code cap} bytes, then cancels the transfer. */
    static final class CappedSubscriber implements HttpResponse.BodySubscriber<Body> {
        private final int cap;
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedSubscriber(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int room = cap + 1 - buf.size();
                int n = Math.min(room, b.remaining());
                byte[] chunk = new byte[n];
                b.get(chunk);
                buf.write(chunk, 0, n);
            }
            if (buf.size() > cap) {
                subscription.cancel();
                result.complete(new Body(java.util.Arrays.copyOf(buf.toByteArray(), cap), true));
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(buf.toByteArray(), false));
        }
    }
}
