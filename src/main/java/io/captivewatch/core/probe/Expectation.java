package io.captivewatch.core.probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the genuine connectivity-check server answers. A probe whose first answer matches is "online";
 * anything else is judged by the classifier. The rules and which peer each follows are in
 * docs/CONFORMANCE.md.
 *
 * @param kind   how the status and body are compared
 * @param status the status the genuine answer has (ignored by {@link Kind#NO_CONTENT})
 * @param body   the genuine body, or its start ({@link Kind#PREFIX}); "" for the kinds without a body
 * @param header a header that marks the genuine answer on its own, whatever the status and body (as
 *               NetworkManager honours {@code X-NetworkManager-Status: online}): name compared in any
 *               case, value compared in any case after trimming
 */
public record Expectation(Kind kind, int status, String body, Optional<Headers.Field> header) {

    public enum Kind {
        /**
         * 204 No Content; a 200 with at most one body byte counts too (Chromium captive_portal_detector.cc and
         * ChromeOS shill portal_detector.cc: "a broken proxy or 200 with no content"). NetworkManager accepts a
         * 204 or an empty 200 (nm-connectivity.c); Android calls a 200 of at most 4 bytes a failed probe.
         */
        NO_CONTENT,
        /** This status and exactly this body (Firefox compares {@code responseText === canonicalContent}). */
        EXACT,
        /** This status and this body with any whitespace around it (Apple's page, which some servers end with a newline). */
        EXACT_TRIMMED,
        /** This status and a body that starts with {@link #body()} (NetworkManager's {@code response=}). */
        PREFIX,
        /** Only this status (a self-hosted check that answers 200 with anything). */
        STATUS
    }

    /** Longest expected body accepted from settings or the command line. */
    public static final int MAX_BODY = 4096;

    public static final Expectation NO_CONTENT = new Expectation(Kind.NO_CONTENT, 204, "", Optional.empty());

    /** Apple's genuine page (captive.apple.com/hotspot-detect.html). */
    public static final String APPLE_SUCCESS = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>";
    /** Firefox's canonical.html, byte for byte (the default of the captivedetect.canonicalContent pref). */
    public static final String FIREFOX_CANONICAL =
            "<meta http-equiv=\"refresh\" content=\"0;url=https://support.mozilla.org/kb/captive-portal\"/>";
    /** NetworkManager's status header, sent by nmcheck.gnome.org. */
    public static final Headers.Field NM_STATUS_ONLINE = new Headers.Field("X-NetworkManager-Status", "online");

    public Expectation {
        Objects.requireNonNull(kind, "kind");
        body = body == null ? "" : body;
        header = header == null ? Optional.empty() : header;
        if (status < 100 || status > 599) throw new IllegalArgumentException("status " + status + " is not 100..599");
        if (body.length() > MAX_BODY) throw new IllegalArgumentException("the expected body is longer than " + MAX_BODY + " characters");
    }

    public static Expectation exact(int status, String body) {
        return new Expectation(Kind.EXACT, status, body, Optional.empty());
    }

    public static Expectation prefix(int status, String body) {
        return new Expectation(Kind.PREFIX, status, body, Optional.empty());
    }

    public Expectation withHeader(Headers.Field h) {
        return new Expectation(kind, status, body, Optional.of(h));
    }

    /** Whether {@code r} is the genuine answer. */
    public boolean matches(RecordedResponse r) {
        if (header.isPresent() && hasHeader(r, header.get())) return true;
        byte[] expected = body.getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case NO_CONTENT -> r.status() == 204 || (r.status() == 200 && r.bodyLength() <= 1 && !r.truncated());
            case EXACT -> r.status() == status && !r.truncated() && Arrays.equals(r.body(), expected);
            case EXACT_TRIMMED -> r.status() == status && !r.truncated() && Arrays.equals(trim(r.body()), trim(expected));
            case PREFIX -> r.status() == status && startsWith(r.body(), expected);
            case STATUS -> r.status() == status;
        };
    }

    private static boolean hasHeader(RecordedResponse r, Headers.Field h) {
        String want = h.value().strip();
        return r.headers().all(h.name()).stream().anyMatch(v -> v.strip().equalsIgnoreCase(want));
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] trim(byte[] b) {
        int from = 0, to = b.length;
        while (from < to && isSpace(b[from])) from++;
        while (to > from && isSpace(b[to - 1])) to--;
        return Arrays.copyOfRange(b, from, to);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }

    /** Short human description in English, e.g. "204 No Content" or "200 with exactly \"OK\"". */
    public String describe() {
        return describeText().english();
    }

    /** The short description, worded when shown (the status and the body are data). */
    public io.captivewatch.core.i18n.Text describeText() {
        String st = String.valueOf(status);
        io.captivewatch.core.i18n.Text s = switch (kind) {
            case NO_CONTENT -> io.captivewatch.core.i18n.Text.of("explain.expect.noContent");
            case EXACT -> io.captivewatch.core.i18n.Text.of("explain.expect.exact", st, shown(body));
            case EXACT_TRIMMED -> io.captivewatch.core.i18n.Text.of("explain.expect.page", st, shown(body));
            case PREFIX -> io.captivewatch.core.i18n.Text.of("explain.expect.prefix", st, shown(body));
            case STATUS -> io.captivewatch.core.i18n.Text.data(st);
        };
        return header.map(h -> io.captivewatch.core.i18n.Text.of("explain.expect.orHeader", s, h.name(), h.value())).orElse(s);
    }

    private static String shown(String text) {
        String t = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }

    /** An example of the genuine answer's body (for tests and simulators). */
    public String exampleBody() {
        return kind == Kind.NO_CONTENT ? "" : body;
    }
}
