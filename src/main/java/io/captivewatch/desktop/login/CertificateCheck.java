package io.captivewatch.desktop.login;

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
 * WebView only says "SSL handshake failed". Does one handshake against the JVM's default trust
 * store with host-name checking, bounded by a timeout, and returns a sentence for people.
 */
final class CertificateCheck {
    private CertificateCheck() {}

    static String diagnose(URI url, Duration timeout) {
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 443;
        int ms = (int) Math.max(1, timeout.toMillis());
        try (SSLSocket s = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(java.util.List.of());
            s.setSSLParameters(p);
            s.startHandshake();
            return "The certificate verified now; the page may have changed it in between.";
        } catch (Exception e) {
            return describe(e);
        }
    }

    /** A sentence for the exception chain of a failed handshake. */
    static String describe(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) return "The certificate has expired.";
            if (t instanceof CertificateNotYetValidException) return "The certificate is not valid yet (check the computer's clock).";
            all.append(' ').append(t.getMessage());
            if (t.getCause() == t) break;
        }
        String m = all.toString().toLowerCase(Locale.ROOT);
        if (m.contains("no subject alternative") || m.contains("no name matching")) {
            return "The certificate was issued for a different name than " + "this site.";
        }
        if (m.contains("pkix path") || m.contains("unable to find valid certification path")) {
            return "The certificate is not signed by an authority this computer trusts (self-signed or unknown issuer).";
        }
        if (m.contains("timed out")) return "The site did not finish the secure handshake in time.";
        String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "The secure connection failed: " + NavigationPolicy.shorten(first);
    }
}
