package io.captivewatch.desktop.login;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.URLStreamHandlerFactory;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps WebKit's loader to http(s) for everything a page asks for, sub-resources included. The navigation
 * policy only sees top-level navigations; images, CSS, frames and fetch/XHR go through
 * {@code java.net.URL} with the JVM's own protocol handlers, where {@code jar:http:} downloads a whole
 * archive into a temp file, {@code ftp:} opens FTP sessions and {@code mailto:} talks SMTP to localhost.
 *
 * <p>So the JVM that shows a login window gets a {@link URLStreamHandlerFactory} (once per JVM, installed
 * before any page loads): {@code http}, {@code https}, {@code file} and {@code jrt} keep their handlers (the
 * JVM does not let a factory replace {@code file} or {@code jrt}, and WebKit refuses {@code file:} sub-resources
 * of web pages itself); {@code jar:} is allowed only around a {@code file:} URL (class path, JavaFX's own
 * resources) and handled by the JVM's jar handler; every other scheme gets a handler that refuses to parse,
 * so {@code new URL(...)} fails and WebKit treats the URL as one it cannot load ({@code about:} and
 * {@code data:} are WebKit's own handlers, which it uses when {@code new URL} fails, so they still work).
 */
final class SchemeGuard implements URLStreamHandlerFactory {
    private static final Logger LOG = Logger.getLogger(SchemeGuard.class.getName());
    /** Schemes left to the JVM's own handlers. */
    static final Set<String> KEPT = Set.of("http", "https", "file", "jrt");

    private static boolean installed; // guarded by SchemeGuard.class
    /**
     * A jar: URL made before the factory, so it carries the JVM's own jar handler: URLs made relative to it
     * with a jar: spec inherit that handler (java.net.URL's rule for a context of the same scheme).
     */
    private static URL jvmJar;

    private SchemeGuard() {}

    /**
     * Installs the guard in this JVM unless done already.
     *
     * @return whether the guard is in place (false when another factory was set first: the caller must not
     *     show web pages then)
     */
    static synchronized boolean install() {
        if (installed) return true;
        try {
            jvmJar = new URL("jar:file:/captivewatch-scheme-guard.jar!/");
            URL.setURLStreamHandlerFactory(new SchemeGuard());
            installed = true;
        } catch (Error | MalformedURLException | SecurityException e) {
            LOG.severe("cannot restrict the URL schemes the login window may load: " + e);
        }
        return installed;
    }

    static synchronized boolean isInstalled() {
        return installed;
    }

    @Override
    public URLStreamHandler createURLStreamHandler(String protocol) {
        String p = protocol.toLowerCase(Locale.ROOT);
        if (KEPT.contains(p)) return null; // the JVM's own
        if (p.equals("jar")) return new LocalJar();
        return new Refused(p);
    }

    /** Refuses a scheme: the URL cannot even be made. */
    private static final class Refused extends URLStreamHandler {
        private final String scheme;

        Refused(String scheme) {
            this.scheme = scheme;
        }

        @Override
        protected void parseURL(URL u, String spec, int start, int limit) {
            throw new IllegalArgumentException("the " + scheme + ": scheme is not allowed in this application");
        }

        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            throw new IOException("the " + scheme + ": scheme is not allowed in this application");
        }
    }

    /** jar: around file: only, handled by the JVM's own jar handler; jar:http: and the like are refused. */
    private static final class LocalJar extends URLStreamHandler {
        @Override
        protected void parseURL(URL u, String spec, int start, int limit) {
            String file = u.getFile();
            String part = spec.substring(start, limit);
            URL parsed;
            try {
                parsed = file == null || file.isEmpty()
                        ? new URL(jvmJar, "jar:" + part) // absolute: jar:<inner>!/<entry>
                        : new URL(new URL(jvmJar, "jar:" + file), part); // relative to a jar: URL
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (!isLocal(parsed)) {
                throw new IllegalArgumentException("jar: URLs are allowed only for local files, not " + NavigationPolicy.shorten(parsed.toString()));
            }
            setURL(u, "jar", parsed.getHost(), parsed.getPort(), parsed.getAuthority(), parsed.getUserInfo(),
                    parsed.getPath(), parsed.getQuery(), u.getRef());
        }

        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            URL jvm = new URL(jvmJar, u.toExternalForm()); // carries the JVM's jar handler
            if (!isLocal(jvm)) throw new IOException("jar: URLs are allowed only for local files");
            return jvm.openConnection();
        }

        @Override
        protected boolean sameFile(URL a, URL b) {
            return a.toExternalForm().equals(b.toExternalForm());
        }

        @Override
        protected int hashCode(URL u) {
            return u.toExternalForm().hashCode();
        }

        @Override
        protected boolean equals(URL a, URL b) {
            return a.toExternalForm().equals(b.toExternalForm());
        }

        private static boolean isLocal(URL jar) {
            String inner = jar.getFile();
            return inner != null && inner.regionMatches(true, 0, "file:", 0, 5) && inner.contains("!/");
        }
    }
}
