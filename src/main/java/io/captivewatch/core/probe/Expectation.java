package io.captivewatch.core.probe;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the genuine connectivity-check server answers. A probe whose answer matches is "online";
 * anything else is evidence of interception.
 */
public record Expectation(Kind kind, String text) {

    public enum Kind {
        /** HTTP 204 No Content (a 200 with an empty body counts too, as Android does). */
        NO_CONTENT,
        /** HTTP 200 whose body contains {@link #text()}. */
        BODY_CONTAINS
    }

    public static final Expectation NO_CONTENT = new Expectation(Kind.NO_CONTENT, "");

    public static Expectation bodyContains(String text) {
        return new Expectation(Kind.BODY_CONTAINS, text);
    }

    /** Firefox's canonical.html: a meta refresh to its captive-portal support article. */
    public static final String FIREFOX_CANONICAL_MARKER = "support.mozilla.org/kb/captive-portal";

    public boolean matches(RecordedResponse r) {
        return switch (kind) {
            case NO_CONTENT -> r.status() == 204 || (r.status() == 200 && r.bodyLength() == 0 && !r.truncated());
            case BODY_CONTAINS -> r.status() == 200 && new String(r.body(), StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        };
    }

    /** Short human description, e.g. "204 No Content" or "200 with \"Success\"". */
    public String describe() {
        return kind == Kind.NO_CONTENT ? "204 No Content" : "200 with \"" + text + "\"";
    }
}
