package io.captivewatch.desktop.login;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate diagnosis against a loopback TLS server that, like many real hosts, picks its certificate by
 * SNI: certificate A (for "localhost") to a client that names localhost, certificate B (for another name) to one
 * that names nothing. The diagnosis must see what the WebView saw, A.
 */
class CertificateCheckTest {
    private SSLServerSocket server;
    private Thread acceptor;
    private final List<String> served = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (acceptor != null) acceptor.join(5000);
    }

    @Test
    void diagnosesWithTheSniNameOfThePageSoItSeesTheCertificateTheWebViewSaw(@TempDir Path dir) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (String[] k : new String[][] {{"a", "localhost", "dns:localhost"}, {"b", "other.invalid", "dns:other.invalid"}}) {
            KeyStore one = keytool(dir, k[0], k[1], k[2]);
            keys.setKeyEntry(k[0], one.getKey(k[0], "changeit".toCharArray()), "changeit".toCharArray(), one.getCertificateChain(k[0]));
            trust.setCertificateEntry(k[0], one.getCertificate(k[0])); // the client trusts both: only the name decides
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(keys, "changeit".toCharArray());
        X509ExtendedKeyManager bySni = new BySni((X509ExtendedKeyManager) kmf.getKeyManagers()[0]);
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(new javax.net.ssl.KeyManager[] {bySni}, null, null);
        server = (SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "sni-server");
        acceptor.setDaemon(true);
        acceptor.start();

        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientCtx = SSLContext.getInstance("TLS");
        clientCtx.init(null, tmf.getTrustManagers(), null);

        String detail = CertificateCheck.diagnose(URI.create("https://localhost:" + server.getLocalPort() + "/"),
                Duration.ofSeconds(10), clientCtx.getSocketFactory());

        assertThat(served).as("the server was asked for localhost by SNI").contains("a");
        assertThat(detail).as("certificate A (for localhost) verifies; B would be 'issued for a different name'")
                .startsWith("The certificate verified now");
    }

    @Test
    void noSniForAnIpLiteralLikeTheWebView() {
        assertThat(CertificateCheck.sniFor("127.0.0.1")).isEmpty();
        assertThat(CertificateCheck.sniFor("[::1]")).isEmpty();
        assertThat(CertificateCheck.sniFor("portal.example.")).containsExactly(new SNIHostName("portal.example"));
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                try {
                    s.startHandshake();
                } catch (IOException e) {
                    // the client refused the certificate: that is its diagnosis
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Certificate "a" when the client asked for localhost by SNI, else "b". */
    private final class BySni extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        BySni(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            SSLSession hs = socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
            boolean named = hs instanceof ExtendedSSLSession e && e.getRequestedServerNames().contains(new SNIHostName("localhost"));
            String alias = named ? "a" : "b";
            String[] usable = keys.getServerAliases(keyType, issuers);
            if (usable == null || !List.of(usable).contains(alias)) return null;
            served.add(alias);
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    /** A fresh self-signed EC certificate for {@code cn} with {@code san}, made by the JDK's keytool (bounded). */
    private static KeyStore keytool(Path dir, String alias, String cn, String san) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + cn, "-ext", "SAN=" + san, "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readNBytes(64 * 1024);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish in 60 s");
        }
        if (p.exitValue() != 0) throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }
}
