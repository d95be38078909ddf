package io.captivewatch.core.extract;

import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;
import org.jsoup.parser.Parser;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static io.captivewatch.core.extract.LoginLinkExtractor.LINK_CAPTIVE_PORTAL;
import static io.captivewatch.core.extract.LoginLinkExtractor.LINK_OTHER;
import static io.captivewatch.core.extract.LoginLinkExtractor.LOCATION;
import static io.captivewatch.core.extract.LoginLinkExtractor.LOCATION_NOT_REDIRECT;

/**
 * The header link sources: the Location header (repaired as real portals need, {@link #cleanLocation}) and
 * RFC 8288 Link headers ({@link LinkHeader}; {@code rel=captive-portal} is a hint, resource links are left out).
 */
final class HeaderLinks {
    private HeaderLinks() {}

    private static final Set<String> RESOURCE_RELS = Set.of("stylesheet", "preload", "prefetch", "preconnect",
            "dns-prefetch", "modulepreload", "icon", "shortcut", "apple-touch-icon", "manifest", "prerender",
            "canonical", "alternate", "next", "prev", "previous", "next-archive", "search", "pingback");

    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt|quot|apos|#\\d{1,7}|#[xX][0-9a-fA-F]{1,6});");

    /** The Location and Link headers of {@code r}, into {@code out}. */
    static void find(RecordedResponse r, Finds out) {
        URI url = r.url();
        r.location().ifPresent(loc -> {
            String clean = cleanLocation(loc);
            if (clean != null) {
                boolean redirect = r.isRedirect();
                out.add(url, clean, LinkSource.LOCATION, redirect ? LOCATION : LOCATION_NOT_REDIRECT,
                        redirect ? r.status() + " redirect" : "Location on a " + r.status());
            }
        });
        // Resource links (stylesheets, preloads) do not count towards the bound: a flood of them must not hide the one that matters.
        for (LinkHeader.Link link : LinkHeader.parse(r.headers().all("Link"), url,
                l -> l.target().isPresent() && l.rels().stream().noneMatch(RESOURCE_RELS::contains))) {
            if (link.target().isEmpty()) continue;
            if (link.hasRel("captive-portal")) {
                out.add(link.target().get(), LinkSource.LINK_HEADER, LINK_CAPTIVE_PORTAL, "rel=captive-portal");
            } else if (link.rels().stream().noneMatch(RESOURCE_RELS::contains)) {
                out.add(link.target().get(), LinkSource.LINK_HEADER, LINK_OTHER,
                        link.rels().isEmpty() ? "no rel" : "rel=" + String.join(" ", link.rels()));
            }
        }
    }

    /** Repairs what real portals get wrong in Location: quotes, HTML entities, a wholly percent-encoded URL. */
    static String cleanLocation(String v) {
        if (v.length() > LoginLinkExtractor.MAX_RAW) return null;
        String s = SafeUrl.strip(v);
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (ENTITY.matcher(s).find()) s = Parser.unescapeEntities(s, true);
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http%3a") || lower.startsWith("https%3a") || lower.startsWith("%2f%2f")) {
            try {
                s = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return s;
    }
}
