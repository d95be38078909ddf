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
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.HttpFetch;
import io.captivewatch.core.probe.ProbeLimits;
import io.captivewatch.core.probe.Prober;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RFC 8908 Captive Portal API client: {@code GET} with {@code Accept: application/captive+json}
 * (exactly that: openNDS compares the header as a plain string), no redirects followed, body capped at
 * {@link #MAX_BODY}, everything within one deadline. Lenient where real portals deviate (plain http,
 * a wrong content type on valid JSON: warnings), strict where meaning is at stake (no JSON or no
 * boolean "captive": failure). URLs in the answer are kept only if http(s) ({@link SafeUrl}).
 * The request goes through the core's one fetch path, {@link HttpFetch} (as the prober's do: own socket,
 * TLS with host-name check and SNI, framed read, errors mapped by {@link ErrorKind}); what is the API's own
 * is here: the Accept header, no redirects, the body cap, the JSON rules.
 * Thread-safe; one instance can serve many queries (at most 16 at once).
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

    /** The API's caps: its own body cap, no redirects followed (a 3xx is recorded, then refused). */
    private static final ProbeLimits LIMITS = ProbeLimits.DEFAULT.withMaxBodyBytes(MAX_BODY).withMaxRedirects(0);
    /** What the query says after its Host line: exactly the RFC 8908 media type (openNDS compares it as a string). */
    private static final List<String> REQUEST_HEADERS = List.of(
            "User-Agent: " + Prober.USER_AGENT, "Accept: " + MEDIA_TYPE, "Cache-Control: no-cache");
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final Duration connectTimeout;
    private final HttpFetch.Addresses addresses;
    private final HttpFetch.Tls tls;
    /** Runs each query, so that its deadline covers name resolution too; idle threads end after 10 s. */
    private final ThreadPoolExecutor workers;

    /** A client whose connections time out after {@code connectTimeout} (each query also has its own deadline). */
    public CapportClient(Duration connectTimeout) {
        this(connectTimeout, host -> InetAddress.getAllByName(host)[0], HttpFetch.DEFAULT_TLS);
    }

    /**
     * A client that looks the API's host up with {@code resolver}: the product wires in
     * {@link io.captivewatch.core.dns.DnsRace}, so an API whose name only the network's DNS knows (openNDS's
     * {@code status.client}) answers at once when the system is set to a custom DNS the portal blocks, instead
     * of costing the whole deadline.
     */
    public CapportClient(Duration connectTimeout, Prober.Resolver resolver) {
        this(connectTimeout, firstAddress(Objects.requireNonNull(resolver, "resolver")), HttpFetch.DEFAULT_TLS);
    }

    private static HttpFetch.Addresses firstAddress(Prober.Resolver resolver) {
        return host -> {
            InetAddress[] all = resolver.resolve(host);
            if (all == null || all.length == 0) throw new java.net.UnknownHostException(host + ": no address");
            return all[0];
        };
    }

    /**
     * {@code addresses}: how the API's host is resolved; {@code tls}: where TLS sockets come from (the JVM's
     * default context, taken on the first https query). Seams for tests.
     */
    CapportClient(Duration connectTimeout, HttpFetch.Addresses addresses, HttpFetch.Tls tls) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.workers = new ThreadPoolExecutor(0, 16, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "captivewatch-capport-fetch-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A client with a 3 s connect timeout. */
    public CapportClient() {
        this(Duration.ofSeconds(3));
    }

    /**
     * Queries {@code api} within {@code deadline}, through the core's one fetch path ({@link HttpFetch}).
     * Never throws; an interrupt gives {@link CapportResult.Failure#INTERRUPTED} with the interrupt flag set again.
     *
     * @param discoveredFrom goes into {@link CapportStatus#discoveredFrom()}
     */
    public CapportResult fetch(URI api, String discoveredFrom, Duration deadline) {
        List<String> warnings = new ArrayList<>();
        if (api == null || !SafeUrl.isAcceptable(api)) {
            return CapportResult.failed(CapportResult.Failure.NOT_HTTP_URL, "not an http(s) API URI: " + api, warnings);
        }
        if (!SafeUrl.isHttps(api)) warnings.add(PLAIN_HTTP_WARNING);
        long timeoutMs = Math.max(1, deadline.toMillis());
        HttpFetch fetch = new HttpFetch(LIMITS, tls, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs))
                .connectWithin((int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
        Future<RecordedResponse> f;
        try {
            f = workers.submit(() -> {
                try (fetch) {
                    return fetch.get(api, REQUEST_HEADERS, addresses);
                }
            });
        } catch (RejectedExecutionException e) {
            return CapportResult.failed(CapportResult.Failure.IO_ERROR, "too many API queries at once", warnings);
        }
        RecordedResponse resp;
        try {
            resp = f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fetch.abort();
            f.cancel(true);
            return CapportResult.failed(CapportResult.Failure.TIMEOUT, "no complete answer from " + api + " within " + timeoutMs + " ms", warnings);
        } catch (InterruptedException e) {
            fetch.abort();
            f.cancel(true);
            Thread.currentThread().interrupt();
            return CapportResult.failed(CapportResult.Failure.INTERRUPTED, "interrupted", warnings);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            ErrorKind kind = ErrorKind.of(c);
            String detail = kind.detail(c) + fetch.stage();
            return switch (kind) {
                case TIMEOUT -> CapportResult.failed(CapportResult.Failure.TIMEOUT, "timed out: " + detail, warnings);
                case DNS, REFUSED, TLS -> CapportResult.failed(CapportResult.Failure.CONNECT_FAILED,
                        "cannot reach " + api + ": " + detail, warnings);
                default -> CapportResult.failed(CapportResult.Failure.IO_ERROR, "error talking to " + api + ": " + detail, warnings);
            };
        }
        if (resp.truncated() && resp.bodyLength() < MAX_BODY && !resp.isRedirect()) {
            return CapportResult.failed(CapportResult.Failure.IO_ERROR,
                    "the answer from " + api + " ended before its body did (" + resp.bodyLength() + " bytes)", warnings);
        }
        return interpret(api, discoveredFrom, resp.status(), resp.headers().first("Content-Type").orElse(null),
                resp.location().orElse(null), new Body(resp.body(), resp.truncated()), warnings);
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
}
