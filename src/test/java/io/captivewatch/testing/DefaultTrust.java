package io.captivewatch.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * Makes the JVM's default TLS context trust, besides the JDK's own certificate authorities, the self-signed
 * loopback certificate {@link SelfSignedTls#serverContext} made in a folder; {@link #close()} puts the previous
 * default back. For tests of code that only uses the default context (the {@code Prober}'s public constructors,
 * {@code CapportClient}): it is what a system whose trust store holds the portal's certificate looks like.
 * The default context is JVM-wide: use it in tests that run one at a time (surefire runs classes in one fork,
 * sequentially), and only for objects made while it is installed (they keep the context they took).
 */
public final class DefaultTrust implements AutoCloseable {
    private final SSLContext previous;

    private DefaultTrust(SSLContext previous) {
        this.previous = previous;
    }

    /** Installs a default context trusting the JDK's authorities and the certificate in {@code dir}. */
    public static DefaultTrust alsoTrusting(Path dir) throws IOException, GeneralSecurityException {
        KeyStore made = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("self-signed.p12"))) {
            made.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (var tm : jdk.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate ca : x.getAcceptedIssuers()) trusted.setCertificateEntry("jdk-" + i++, ca);
            }
        }
        trusted.setCertificateEntry("loopback", made.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLContext previous = SSLContext.getDefault();
        SSLContext.setDefault(ctx);
        return new DefaultTrust(previous);
    }

    @Override
    public void close() {
        SSLContext.setDefault(previous);
    }
}
