package io.captivewatch.core.probe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the prober reads plain-http answers from its own socket, against loopback servers that answer and then
 * keep the connection open: the probe must end where the answer ends by its framing (waiting for the server to
 * close would run into the deadline and report a TIMEOUT instead of the answer). And the host is resolved once,
 * the connection going to the address that was resolved and recorded.
 */
class PlainHttpReadingTest {
    static final Duration DEADLINE = Duration.ofSeconds(4);
    static Prober prober;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startProber() {
        prober = new Prober();
    }

    @AfterAll
    static void closeProber() {
        prober.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    /** Answers every request on a connection with {@code response}, then waits for the client to close. */
    CannedServer server(String response) throws IOException {
        CannedServer s = new CannedServer(InetAddress.getLoopbackAddress(), response.getBytes(StandardCharsets.ISO_8859_1));
        toClose.add(s);
        return s;
    }

    ProbeObservation probe(Prober p, CannedServer s) {
        return p.probe(ProbeSpec.forUrl(URI.create("http://127.0.0.1:" + s.port() + "/generate_204")), DEADLINE);
    }

    static String body(RecordedResponse r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void chunkedWithExtensionsAndTrailersEndsAtTheTrailersBlankLine() throws Exception {
        ProbeObservation o = probe(prober, server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=\"v;w\"\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n"));
        assertThat(o.error()).as(o.errorDetail()).isNull();
        assertThat(body(o.hops().get(0))).isEqualTo("hello, world");
        assertThat(o.hops().get(0).truncated()).isFalse();
    }

    @Test
    void chunkedWinsOverContentLength() throws Exception {
        ProbeObservation o = probe(prober, server("HTTP/1.1 200 OK\r\nContent-Length: 999\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n"));
        assertThat(o.error()).as(o.errorDetail()).isNull();
        assertThat(body(o.hops().get(0))).isEqualTo("hello");
    }

    @Test
    void aListOfEqualContentLengthsEndsTheBody() throws Exception {
        // the reader used to wait for the connection to close on "5, 5", which the parser reads as 5
        ProbeObservation o = probe(prober, server("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello"));
        assertThat(o.error()).as(o.errorDetail()).isNull();
        assertThat(body(o.hops().get(0))).isEqualTo("hello");
    }

    @Test
    void interimResponsesAreReadPast() throws Exception {
        ProbeObservation o = probe(prober, server("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assertThat(o.error()).as(o.errorDetail()).isNull();
        assertThat(o.hops().get(0).status()).isEqualTo(200);
        assertThat(body(o.hops().get(0))).isEqualTo("ok");
    }

    @Test
    void switchingProtocolsEndsAtItsHead() throws Exception {
        // the reader used to read a 101 to the end of the connection
        ProbeObservation o = probe(prober, server("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi"));
        assertThat(o.error()).as(o.errorDetail()).isNull();
        assertThat(o.hops().get(0).status()).isEqualTo(101);
        assertThat(o.hops().get(0).bodyLength()).isZero();
    }

    @Test
    void noContentWithABodyEndsAtItsHead() throws Exception {
        ProbeObservation o = probe(prober, server("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello"));
        assertThat(o.error()).as(o.errorDetail()).isNull();
        assertThat(o.succeeded()).isTrue();
        assertThat(o.hops().get(0).bodyLength()).isZero();
    }

    @Test
    void aFirstLineThatIsNotHttpEndsTheProbeAtOnce() throws Exception {
        // the reader used to wait for a blank line, so a peer that said one line and kept quiet ran into the deadline
        ProbeObservation o = probe(prober, server("SSH-2.0-OpenSSH_9.2\r\n"));
        assertThat(o.error()).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(o.errorDetail()).contains("SSH-2.0");
    }

    @Test
    void aBodyPastTheCapEndsTheReadWithoutWaitingForTheRest() throws Exception {
        // delimited by the end of the connection: the reader used to read on to the cap plus 16 KiB, i.e. until the deadline here
        try (Prober small = new Prober(ProbeLimits.DEFAULT.withMaxBodyBytes(1000))) {
            ProbeObservation o = probe(small, server("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + "x".repeat(1100)));
            assertThat(o.error()).as(o.errorDetail()).isNull();
            assertThat(o.hops().get(0).bodyLength()).isEqualTo(1000);
            assertThat(o.hops().get(0).truncated()).isTrue();
        }
    }

    @Test
    void theHostIsResolvedOnceAndItsAddressIsTheOneConnectedTo() throws Exception {
        // 127.0.0.2 is loopback on Linux; "localhost" resolves to 127.0.0.1 there, so only the resolved address reaches the server
        InetAddress other = InetAddress.getByAddress(new byte[]{127, 0, 0, 2});
        CannedServer s;
        try {
            s = new CannedServer(other, "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            Assumptions.abort("cannot listen on 127.0.0.2 here: " + e.getMessage());
            return;
        }
        toClose.add(s);
        List<String> lookups = new CopyOnWriteArrayList<>();
        Prober.Resolver resolver = host -> {
            lookups.add(host);
            if (!host.equals("localhost")) throw new UnknownHostException(host);
            return new InetAddress[]{InetAddress.getByAddress("localhost", other.getAddress())};
        };
        try (Prober p = new Prober(ProbeLimits.DEFAULT, resolver)) {
            ProbeObservation o = p.probe(ProbeSpec.forUrl(URI.create("http://localhost:" + s.port() + "/generate_204")), DEADLINE);
            assertThat(o.error()).as(o.errorDetail()).isNull();
            assertThat(o.succeeded()).isTrue();
            assertThat(o.resolvedAddresses()).containsExactly("127.0.0.2");
            assertThat(lookups).as("one lookup for the observation and the connection").containsExactly("localhost");
            assertThat(s.hostHeaders()).containsExactly("localhost:" + s.port());
        }
    }

    @Test
    void aRedirectToAnotherHostResolvesThatHostOnce() throws Exception {
        CannedServer login = server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nlogin");
        // *.localhost names: a probe named as this computer may be answered from it (SafeUrl.problemFrom)
        CannedServer portal = server("HTTP/1.1 302 Found\r\nLocation: http://login.localhost:" + login.port() + "/login\r\n"
                + "Content-Length: 0\r\n\r\n");
        List<String> lookups = new CopyOnWriteArrayList<>();
        Prober.Resolver resolver = host -> {
            lookups.add(host);
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        };
        try (Prober p = new Prober(ProbeLimits.DEFAULT, resolver)) {
            ProbeObservation o = p.probe(ProbeSpec.forUrl(URI.create("http://portal.localhost:" + portal.port() + "/generate_204")), DEADLINE);
            assertThat(o.error()).as(o.errorDetail()).isNull();
            assertThat(o.hops()).extracting(RecordedResponse::status).containsExactly(302, 200);
            assertThat(lookups).containsExactly("portal.localhost", "login.localhost");
            assertThat(o.resolvedAddresses()).containsExactly("127.0.0.1");
            assertThat(login.hostHeaders()).containsExactly("login.localhost:" + login.port());
        }
    }

    /** A server that answers each request with fixed bytes and keeps the connection until the client closes it. */
    static final class CannedServer implements AutoCloseable {
        final ServerSocket server;
        final byte[] response;
        final List<Socket> clients = new CopyOnWriteArrayList<>();
        final List<String> hostHeaders = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        CannedServer(InetAddress address, byte[] response) throws IOException {
            this.server = new ServerSocket();
            try {
                server.bind(new InetSocketAddress(address, 0), 16);
            } catch (IOException e) {
                server.close();
                throw e;
            }
            this.response = response;
            this.acceptor = new Thread(this::accept, "canned-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> hostHeaders() {
            return List.copyOf(hostHeaders);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket c = server.accept();
                    clients.add(c);
                    Thread t = new Thread(() -> serve(c), "canned-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket c) {
            try (c) {
                InputStream in = c.getInputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) return; // the client closed: what the prober does when it has its answer
                    for (String line : head.split("\r\n")) {
                        if (line.regionMatches(true, 0, "Host:", 0, 5)) hostHeaders.add(line.substring(5).strip());
                    }
                    c.getOutputStream().write(response);
                    c.getOutputStream().flush();
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        /** The request head, or null at the end of the stream. */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            while (!sb.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) return null;
                sb.append((char) b);
                if (sb.length() > 65536) throw new IOException("request head too large");
            }
            return sb.toString();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket c : clients) c.close();
            acceptor.join(5000);
        }
    }
}
