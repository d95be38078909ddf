package io.captivewatch.desktop.login;

import io.captivewatch.core.i18n.Messages;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;

/**
 * Finds out, for the certificate error view, why an https page's certificate did not verify: the
 * WebView only says "SSL handshake failed". Does one handshake as the WebView does it (SNI with the
 * page's host name, host-name checking) against the JVM's default trust store, bounded by one deadline,
 * and returns a sentence for people (in the process's language).
 */
final class CertificateCheck {
    private CertificateCheck() {}

    static String diagnose(URI url, Duration timeout) {
        return diagnose(url, timeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * As {@link #diagnose(URI, Duration)} with {@code factory}'s trust (tests give one that trusts their own
     * certificates). The handshake is the WebView's: SNI set to the page's host name (not for an IP literal,
     * as browsers do) and HTTPS host-name verification, so a server that picks its certificate by SNI shows
     * the one the page got. The whole check (connect and handshake) ends at {@code timeout}: a server that
     * drips bytes cannot hold it longer.
     */
    static String diagnose(URI url, Duration timeout, SSLSocketFactory factory) {
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 443;
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        SSLSocket s;
        try {
            s = (SSLSocket) factory.createSocket();
        } catch (Exception e) {
            return describe(e);
        }
        // the deadline for the whole check: closing the socket ends a handshake that is still going
        java.util.concurrent.CompletableFuture<Void> deadline = java.util.concurrent.CompletableFuture.runAsync(
                () -> closeQuietly(s), java.util.concurrent.CompletableFuture.delayedExecutor(ms, java.util.concurrent.TimeUnit.MILLISECONDS));
        long end = System.nanoTime() + ms * 1_000_000L;
        try (s) {
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000L));
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(sniFor(host));
            s.setSSLParameters(p);
            s.startHandshake();
            return Messages.t("login.cert.verifiedNow");
        } catch (Exception e) {
            if (System.nanoTime() - end >= 0) return Messages.t("login.cert.handshakeTimeout");
            return describe(e);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The SNI names for {@code host}: its name, none for an IP literal or a name SNI cannot carry. */
    static java.util.List<javax.net.ssl.SNIServerName> sniFor(String host) {
        if (host == null || host.isEmpty() || host.startsWith("[") || host.indexOf(':') >= 0
                || host.matches("[0-9.]+")) {
            return java.util.List.of();
        }
        try {
            String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            return java.util.List.of(new javax.net.ssl.SNIHostName(h));
        } catch (IllegalArgumentException e) {
            return java.util.List.of();
        }
    }

    private static void closeQuietly(SSLSocket s) {
        try {
            s.close();
        } catch (java.io.IOException ignored) {
            // closing only to end the handshake
        }
    }

    /** A sentence for the exception chain of a failed handshake. */
    static String describe(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) return Messages.t("login.cert.expired");
            if (t instanceof CertificateNotYetValidException) return Messages.t("login.cert.notYetValid");
            all.append(' ').append(t.getMessage());
            if (t.getCause() == t) break;
        }
        String m = all.toString().toLowerCase(Locale.ROOT);
        if (m.contains("no subject alternative") || m.contains("no name matching")) {
            return Messages.t("login.cert.wrongName");
        }
        if (m.contains("pkix path") || m.contains("unable to find valid certification path")) {
            return Messages.t("login.cert.untrusted");
        }
        if (m.contains("timed out")) return Messages.t("login.cert.handshakeTimeout");
        String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Messages.t("login.cert.failed", NavigationPolicy.shorten(first));
    }
}
