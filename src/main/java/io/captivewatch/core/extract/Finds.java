package io.captivewatch.core.extract;

import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.url.WebUrl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The unranked finds of one response, as every link source adds them: only URLs that pass {@link SafeUrl}
 * (through {@link WebUrl}), at most {@link #MAX_COLLECTED}. {@link LoginLinkExtractor} ranks them.
 */
final class Finds {
    /** At most this many finds per response, before ranking. */
    static final int MAX_COLLECTED = 512;

    private final List<LoginCandidate> list = new ArrayList<>();

    /** Adds {@code url} if there is room and it is a web URL. */
    void add(URI url, LinkSource source, int score, String detail) {
        if (list.size() >= MAX_COLLECTED) return;
        WebUrl.of(url).ifPresent(u -> list.add(new LoginCandidate(u, source, score, detail)));
    }

    /** Adds {@code raw} resolved against {@code base}, if it is at most {@link LoginLinkExtractor#MAX_RAW} long and resolves. */
    void add(URI base, String raw, LinkSource source, int score, String detail) {
        if (raw == null || raw.length() > LoginLinkExtractor.MAX_RAW) return;
        SafeUrl.resolve(base, raw).ifPresent(u -> add(u, source, score, detail));
    }

    int size() {
        return list.size();
    }

    List<LoginCandidate> list() {
        return list;
    }

    /** {@code s}, cut to {@code max} characters with an ellipsis: what a detail quotes from the page. */
    static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
