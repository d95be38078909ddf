package io.captivewatch.core.extract;

import io.captivewatch.core.url.SafeUrl;

import java.net.URI;
import java.util.Objects;

/**
 * A possible login page: always an absolute http(s) URL (see {@link SafeUrl}), with where it came
 * from and a score (higher is better) used to rank candidates.
 *
 * @param url    absolute http or https URL, at most {@link SafeUrl#MAX_LENGTH} characters
 * @param source where it was found
 * @param score  ranking weight, higher first
 * @param detail short human explanation ("rel=captive-portal", "form with a password field", ...)
 */
public record LoginCandidate(URI url, LinkSource source, int score, String detail) {
    public LoginCandidate {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(source, "source");
        if (!SafeUrl.isAcceptable(url)) {
            throw new IllegalArgumentException("not an acceptable login URL: " + url);
        }
        detail = detail == null ? "" : detail;
    }
}
