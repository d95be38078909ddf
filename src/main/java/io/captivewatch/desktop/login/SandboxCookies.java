package io.captivewatch.desktop.login;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in window's own cookie jar: a fresh in-memory {@link CookieManager} installed as the
 * JVM's default {@link CookieHandler} while the window is open (the WebView's loader asks the default
 * handler on every request), and the previous default put back, with this jar's cookies dropped, on
 * close. Nothing is written to disk and nothing leaks into later windows.
 *
 * <p>Because the loader hands every response's headers to the cookie handler, this is also where the
 * window learns a response's {@code Content-Type} and {@code Content-Disposition} (to tell a refused
 * download from a network failure): the last {@value #REMEMBERED} responses' headers are kept.
 */
final class SandboxCookies extends CookieHandler {
    static final int REMEMBERED = 32;

    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final Map<String, Map<String, List<String>>> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, List<String>>> eldest) {
            return size() > REMEMBERED;
        }
    };
    private CookieHandler previous;
    private boolean installed;

    /** Installs this jar as the JVM default; idempotent. */
    synchronized void install() {
        if (installed) return;
        previous = CookieHandler.getDefault();
        CookieHandler.setDefault(this);
        installed = true;
    }

    /** Drops every cookie and puts the previous default handler back (only if it is still ours). */
    synchronized void uninstall() {
        jar.getCookieStore().removeAll();
        recent.clear();
        if (!installed) return;
        if (CookieHandler.getDefault() == this) CookieHandler.setDefault(previous);
        previous = null;
        installed = false;
    }

    synchronized boolean isInstalled() {
        return installed;
    }

    /** Number of cookies held, for tests. */
    int cookieCount() {
        return jar.getCookieStore().getCookies().size();
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return jar.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        if (uri != null && responseHeaders != null) {
            synchronized (this) {
                recent.put(key(uri), Map.copyOf(stripNullKey(responseHeaders)));
            }
        }
        jar.put(uri, responseHeaders);
    }

    /** The headers of the most recent response for {@code url}, if it was seen. */
    synchronized Optional<Map<String, List<String>>> headersFor(String url) {
        try {
            return Optional.ofNullable(recent.get(key(new URI(url))));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> stripNullKey(Map<String, List<String>> h) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        h.forEach((k, v) -> {
            if (k != null && v != null) out.put(k, List.copyOf(v));
        });
        return out;
    }

    private static String key(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return hash >= 0 ? s.substring(0, hash) : s;
    }
}
