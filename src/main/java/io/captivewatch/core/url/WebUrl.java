package io.captivewatch.core.url;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A URL that passed {@link SafeUrl}'s rule: absolute http(s) with a host, no user-info, at most
 * {@link SafeUrl#MAX_LENGTH} characters. The only way to get one is a factory that applies the rule, so code
 * that holds a {@code WebUrl} (the login URL from the classification to the login window and the browser)
 * need not check it again: the rule is applied once, where a URL enters (a portal's answer, a setting, the
 * RFC 8908 API, the login window's line protocol). Immutable; equal when the URIs are equal.
 */
public final class WebUrl {
    private final URI uri;

    private WebUrl(URI uri) {
        this.uri = uri;
    }

    /**
     * Parses text as {@link SafeUrl#parse} does (repairing what browsers repair: surrounding whitespace,
     * backslashes, stray unicode); empty unless the result is acceptable.
     */
    public static Optional<WebUrl> parse(String raw) {
        return SafeUrl.parse(raw).map(WebUrl::new);
    }

    /** {@code uri} as it is (no repair), or empty when {@link SafeUrl#isAcceptable} refuses it. */
    public static Optional<WebUrl> of(URI uri) {
        return SafeUrl.isAcceptable(uri) ? Optional.of(new WebUrl(uri)) : Optional.empty();
    }

    /**
     * {@code uri} as it is.
     *
     * @throws IllegalArgumentException naming the reason ({@link SafeUrl#problem(URI)}) when it is not acceptable
     */
    public static WebUrl require(URI uri) {
        Optional<String> problem = SafeUrl.problem(uri);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a web URL: " + SafeUrl.shown(String.valueOf(uri)) + " " + problem.get());
        }
        return new WebUrl(uri);
    }

    /** The checked URI. */
    public URI uri() {
        return uri;
    }

    /** Whether the scheme is https. */
    public boolean isHttps() {
        return SafeUrl.isHttps(uri);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebUrl w && uri.equals(w.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri);
    }

    /** The URI's text, as {@link URI#toString()}. */
    @Override
    public String toString() {
        return uri.toString();
    }
}
