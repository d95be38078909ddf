package io.captivewatch.core.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The login window's proxy against loopback servers, with names answered by a loopback DNS responder (the
 * network's DNS) that the system's resolver does not know: http forwarded, https tunnelled with the certificate
 * checked against the name, targets on this computer refused, connections bounded, request heads bounded.
 */
class NetworkDnsProxyTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) c.close();
    }

    /** A proxy whose names come only from a loopback DNS mapping portal names to 127.0.0.1 (loopback allowed). */
    private NetworkDnsProxy proxy(Map<String, String> names) throws Exception {
        DnsRaceTest.LoopbackDns dns = new DnsRaceTest.LoopbackDns(names);
        closing.add(dns);
        DnsLookup lookup = new DnsLookup(List.of(dns.address()), Duration.ofSeconds(2));
        NetworkDnsProxy p = NetworkDnsProxy.start(host -> lookup.resolve(host).addresses().toArray(InetAddress[]::new),
                a -> true, List.of("127.0.0.1"));
        closing.add(p);
        return p;
    }

    /** A one-shot-per-connection HTTP server on loopback recording the request heads it got. */
    private ServerSocket httpServer(List<String> heads, String body) throws Exception {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.setSoTimeout(5000);
                    heads.add(String.join("\n", ProxyRequest.readHead(c.getInputStream(), System.nanoTime() + 5_000_000_000L).orElseThrow()));
                    byte[] b = body.getBytes(StandardCharsets.UTF_8);
                    c.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().write(b);
                } catch (Exception e) {
                    // next
                }
            }
        }, "test-http");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private static HttpURLConnection through(NetworkDnsProxy p, String url) throws Exception {
        return (HttpURLConnection) URI.create(url).toURL().openConnection(p.selector().select(URI.create(url)).get(0));
    }

    @Test
    void plainHttpIsForwardedInOriginFormToTheAddressTheNetworksDnsGave() throws Exception {
        NetworkDnsProxy p = proxy(Map.of("portal.hotel.lan", "127.0.0.1"));
        List<String> heads = new CopyOnWriteArrayList<>();
        ServerSocket s = httpServer(heads, "hotel splash");
        assertThatThrownBy(() -> InetAddress.getAllByName("portal.hotel.lan")).as("the system does not know the name")
                .isInstanceOf(java.net.UnknownHostException.class);
        HttpURLConnection c = through(p, "http://portal.hotel.lan:" + s.getLocalPort() + "/login?x=1");
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        assertThat(c.getResponseCode()).isEqualTo(200);
        try (InputStream in = c.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hotel splash");
        }
        assertThat(heads).hasSize(1);
        assertThat(heads.get(0)).startsWith("GET /login?x=1 HTTP/1.1").contains("Host: portal.hotel.lan:" + s.getLocalPort())
                .contains("Connection: close").doesNotContainIgnoringCase("proxy-connection");
        assertThat(p.served()).isEqualTo(1);
    }

    @Test
    void httpsIsTunnelledAndTheCertificateIsCheckedAgainstTheName() throws Exception {
        NetworkDnsProxy p = proxy(Map.of("portal.hotel.lan", "127.0.0.1", "other.hotel.lan", "127.0.0.1"));
        TestTls tls = TestTls.forName("portal.hotel.lan");
        SSLServerSocket s = (SSLServerSocket) tls.server().getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(s);
        List<String> heads = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (SSLSocket c = (SSLSocket) s.accept()) {
                    c.setSoTimeout(5000);
                    heads.add(ProxyRequest.readHead(c.getInputStream(), System.nanoTime() + 5_000_000_000L).orElseThrow().get(0));
                    c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecret".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // a refused handshake: next
                }
            }
        }, "test-https");
        t.setDaemon(true);
        t.start();

        HttpsURLConnection ok = (HttpsURLConnection) through(p, "https://portal.hotel.lan:" + s.getLocalPort() + "/login");
        ok.setSSLSocketFactory(tls.client().getSocketFactory());
        ok.setConnectTimeout(5000);
        ok.setReadTimeout(5000);
        assertThat(ok.getResponseCode()).isEqualTo(200);
        try (InputStream in = ok.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("secret");
        }
        assertThat(heads).containsExactly("GET /login HTTP/1.1"); // the request went inside the TLS session

        // the same server under another name: the certificate does not match, and the client refuses it
        HttpsURLConnection wrong = (HttpsURLConnection) through(p, "https://other.hotel.lan:" + s.getLocalPort() + "/login");
        wrong.setSSLSocketFactory(tls.client().getSocketFactory());
        wrong.setConnectTimeout(5000);
        wrong.setReadTimeout(5000);
        assertThatThrownBy(wrong::getResponseCode).isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void targetsOnThisComputerAreRefused() throws Exception {
        DnsRaceTest.LoopbackDns dns = new DnsRaceTest.LoopbackDns(Map.of("sneaky.hotel.lan", "127.0.0.1", "zero.hotel.lan", "0.0.0.0"));
        closing.add(dns);
        DnsLookup lookup = new DnsLookup(List.of(dns.address()), Duration.ofSeconds(2));
        NetworkDnsProxy p = NetworkDnsProxy.start(NetworkDnsProxy.networkThenSystem(lookup), NetworkDnsProxy::notThisComputer, List.of("127.0.0.1"));
        closing.add(p);
        List<String> heads = new CopyOnWriteArrayList<>();
        ServerSocket s = httpServer(heads, "the user's own service");
        for (String url : List.of("http://sneaky.hotel.lan:" + s.getLocalPort() + "/", "http://127.0.0.1:" + s.getLocalPort() + "/",
                "http://localhost:" + s.getLocalPort() + "/", "http://zero.hotel.lan:" + s.getLocalPort() + "/")) {
            HttpURLConnection c = through(p, url);
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            assertThat(c.getResponseCode()).as(url).isEqualTo(403);
        }
        String connect = raw(p, "CONNECT 127.0.0.1:" + s.getLocalPort() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(connect).startsWith("HTTP/1.1 403");
        assertThat(heads).as("nothing reached the loopback server").isEmpty();
    }

    @Test
    void connectionsAreBoundedAndTheOneTooManyIsAnswered503() throws Exception {
        NetworkDnsProxy p = proxy(Map.of());
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < NetworkDnsProxy.MAX_CONNECTIONS; i++) { // silent clients hold every slot
                Socket c = new Socket(InetAddress.getLoopbackAddress(), p.port());
                held.add(c);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (p.served() < NetworkDnsProxy.MAX_CONNECTIONS && System.nanoTime() < deadline) Thread.onSpinWait();
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                extra.setSoTimeout(5000);
                String answer = new String(extra.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 503");
            }
        } finally {
            for (Socket c : held) c.close();
        }
    }

    @Test
    void aRequestHeadWithoutEndOrTooLongIsRefused() throws Exception {
        NetworkDnsProxy p = proxy(Map.of());
        String huge = "GET http://portal.hotel.lan/ HTTP/1.1\r\nX: " + "a".repeat(ProxyRequest.MAX_HEAD) + "\r\n\r\n";
        assertThat(raw(p, huge)).startsWith("HTTP/1.1 400");
        assertThat(raw(p, "GET /relative HTTP/1.1\r\nHost: x\r\n\r\n")).as("not a proxy request").startsWith("HTTP/1.1 400");
        assertThat(raw(p, "GET ftp://portal.hotel.lan/ HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(raw(p, "GET http://nowhere.hotel.lan/ HTTP/1.1\r\n\r\n")).as("no address").startsWith("HTTP/1.1 502");
    }

    @Test
    void theSelectorProxiesHttpAndHttpsOnly() throws Exception {
        NetworkDnsProxy p = proxy(Map.of());
        ProxySelector sel = p.selector();
        assertThat(sel.select(URI.create("http://portal.hotel.lan/")).get(0).address())
                .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), p.port()));
        assertThat(sel.select(URI.create("https://portal.hotel.lan/")).get(0).type()).isEqualTo(java.net.Proxy.Type.HTTP);
        assertThat(sel.select(URI.create("socket://portal.hotel.lan:25")).get(0)).isEqualTo(java.net.Proxy.NO_PROXY);
    }

    /** Sends raw bytes to the proxy and returns what it answers (until it closes). */
    private static String raw(NetworkDnsProxy p, String request) throws Exception {
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
            c.setSoTimeout(10_000);
            OutputStream out = c.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException e) {
                // the proxy may stop reading a head that is too long; its answer is still there
            }
            byte[] buf = new byte[512];
            int n = c.getInputStream().read(buf);
            return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** A throwaway key pair and certificate for one name, made with keytool; server and client contexts. */
    record TestTls(SSLContext server, SSLContext client) {
        static TestTls forName(String name) throws Exception {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cw-proxy-tls");
            java.nio.file.Path ks = dir.resolve("server.p12");
            String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process k = new ProcessBuilder(keytool, "-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            byte[] out = k.getInputStream().readAllBytes();
            if (!k.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("keytool: " + new String(out, StandardCharsets.UTF_8));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
                store.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "changeit".toCharArray());
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("s", store.getCertificate("s"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            java.nio.file.Files.deleteIfExists(ks);
            java.nio.file.Files.deleteIfExists(dir);
            return new TestTls(server, client);
        }
    }
}
