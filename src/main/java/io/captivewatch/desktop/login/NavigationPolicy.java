package io.captivewatch.desktop.login;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.url.SafeUrl;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the sign-in window may show: only http(s) pages, never downloads. Pure functions, so the
 * rules can be tested without a WebView; {@link LoginWindow} applies them to the engine's events.
 */
public final class NavigationPolicy {
    private NavigationPolicy() {}

    /**
     * Why a navigation to {@code location} is refused (a status line in the process's language), or empty when it may proceed. Only absolute
     * http(s) URLs with a host are allowed (the same gate as {@link SafeUrl}); {@code javascript:},
     * {@code file:}, {@code data:}, {@code jar:} and custom schemes are refused.
     */
    public static Optional<String> refusal(String location) {
        if (location == null || location.isBlank()) return Optional.empty(); // nothing loaded yet
        String scheme = scheme(location);
        if (scheme == null) return Optional.of(Messages.t("login.blocked.noScheme", shorten(location)));
        if (SafeUrl.isHttpScheme(scheme)) {
            URI uri = toUri(location);
            if (uri != null && SafeUrl.isAcceptable(uri)) return Optional.empty();
            return Optional.of(Messages.t("login.blocked.malformed", shorten(location)));
        }
        return Optional.of(Messages.t("login.blocked.scheme", scheme));
    }

    /**
     * {@code location} as a URI: as given when java.net.URI takes it, else repaired as SafeUrl does (WebKit
     * reports URLs with spaces or unicode that java.net.URI rejects); null when neither works.
     */
    static URI toUri(String location) {
        if (location == null) return null;
        try {
            return new URI(location.trim());
        } catch (Exception e) {
            return SafeUrl.parse(location).orElse(null);
        }
    }

    /** The scheme of a URL as a browser reads it, lower-cased; null if there is none ({@link SafeUrl#scheme}). */
    static String scheme(String location) {
        return SafeUrl.scheme(location);
    }

    /**
     * Whether a response with these headers is a download rather than a page: a
     * {@code Content-Disposition: attachment}, or a type the window does not display (anything but
     * text, HTML/XHTML/XML, JSON and images). A response without {@code Content-Type} is treated as
     * HTML: many portals send none, and it must still show.
     */
    public static boolean isDownload(Map<String, List<String>> headers) {
        String disposition = first(headers, "Content-Disposition");
        if (disposition != null && disposition.trim().toLowerCase(Locale.ROOT).startsWith("attachment")) return true;
        String type = first(headers, "Content-Type");
        return type != null && !isDisplayableType(type);
    }

    /** Whether a MIME type (parameters allowed) is one the sign-in window shows. */
    public static boolean isDisplayableType(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) t = t.substring(0, semi);
        t = t.trim();
        if (t.isEmpty()) return true;
        return t.startsWith("text/") || t.startsWith("image/") || t.equals("application/xhtml+xml")
                || t.equals("application/xml") || t.equals("application/json") || t.endsWith("+xml")
                || t.equals("application/javascript");
    }

    static String first(Map<String, List<String>> headers, String name) {
        if (headers == null) return null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** Shortens a URL for a status line or log (data: URLs can be megabytes). */
    static String shorten(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", " ");
        return t.length() <= 120 ? t : t.substring(0, 117) + "...";
    }
}
