package io.captivewatch.core.extract;

import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.url.WebUrl;

import java.net.URI;
import java.util.Objects;

/**
 * A possible login page: always an absolute http(s) URL (a {@link WebUrl}), with where it came
 * from and a score (higher is better) used to rank candidates.
 *
 * @param url    absolute http or https URL, at most {@link SafeUrl#MAX_LENGTH} characters
 * @param source where it was found
 * @param score  ranking weight, higher first
 * @param detail short human explanation ("rel=captive-portal", "form with a password field", ...)
 */
public record LoginCandidate(WebUrl url, LinkSource source, int score, String detail) {
    public LoginCandidate {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(source, "source");
        detail = detail == null ? "" : detail;
    }

    /** A candidate for {@code url}; {@link IllegalArgumentException} (with the reason) unless it is acceptable. */
    public LoginCandidate(URI url, LinkSource source, int score, String detail) {
        this(WebUrl.require(Objects.requireNonNull(url, "url")), source, score, detail);
    }
}
