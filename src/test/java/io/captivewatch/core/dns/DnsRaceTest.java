package io.captivewatch.core.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The race between the system resolver and the network's DNS, against a tiny DNS responder on 127.0.0.1. */
class DnsRaceTest {
    /** Answers A queries from a table (NXDOMAIN otherwise), built with dnsjava's Message classes. */
    static final class LoopbackDns implements AutoCloseable {
        final DatagramSocket socket;
        final Thread thread;

        LoopbackDns(Map<String, String> a) throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                byte[] buf = new byte[1500];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                        Message r = new Message(q.getHeader().getID());
                        r.getHeader().setFlag(Flags.QR);
                        r.getHeader().setFlag(Flags.RA);
                        r.addRecord(q.getQuestion(), Section.QUESTION);
                        String name = q.getQuestion().getName().toString(true).toLowerCase();
                        String addr = a.get(name);
                        if (addr != null && q.getQuestion().getType() == org.xbill.DNS.Type.A) {
                            r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 0, InetAddress.getByName(addr)), Section.ANSWER);
                        } else if (addr == null) {
                            r.getHeader().setRcode(Rcode.NXDOMAIN);
                        }
                        byte[] out = r.toWire();
                        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                    } catch (Exception e) {
                        if (socket.isClosed()) return;
                    }
                }
            }, "loopback-dns");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(2000);
        }
    }

    private final CountDownLatch stall = new CountDownLatch(1);

    @AfterEach
    void release() {
        stall.countDown();
    }

    /** A system resolver that never answers (a custom DNS server the portal blocks), until the test ends. */
    private InetAddress[] deadSystem(String host) throws UnknownHostException {
        try {
            stall.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host + ": timed out");
    }

    @Test
    void theNetworksDnsAnswersWhenTheSystemsStalls() throws Exception {
        try (LoopbackDns dns = new LoopbackDns(Map.of("connectivitycheck.gstatic.com", "10.99.1.2"))) {
            NetworkDns net = new NetworkDns(List.of("127.0.0.1"), "udhcpc hook file /run/x/eth0.lease");
            DnsRace race = new DnsRace(this::deadSystem, () -> List.of("9.9.9.9"), () -> Optional.of(net),
                    n -> new DnsLookup(List.of(dns.address()), Duration.ofSeconds(2)));
            race.beginCheck();
            InetAddress[] a = race.resolve("connectivitycheck.gstatic.com");
            assertThat(a).extracting(InetAddress::getHostAddress).containsExactly("10.99.1.2");
            DnsRace.Answer ans = race.log().forHost("connectivitycheck.gstatic.com").orElseThrow();
            assertThat(ans.resolver()).isEqualTo("network");
            assertThat(ans.systemOutcome()).isEqualTo("no answer");
            assertThat(race.log().networkAnswered()).isTrue();
        }
    }

    @Test
    void theSystemAloneWhenItAlreadyAsksTheNetworksServers() throws Exception {
        NetworkDns net = new NetworkDns(List.of("10.0.0.1"), "lease");
        DnsRace race = new DnsRace(h -> new InetAddress[] {InetAddress.getByName("203.0.113.5")}, () -> List.of("10.0.0.1"),
                () -> Optional.of(net), n -> { throw new AssertionError("the network's DNS must not be asked"); });
        race.beginCheck();
        assertThat(race.resolve("captive.apple.com")).extracting(InetAddress::getHostAddress).containsExactly("203.0.113.5");
        assertThat(race.log().forHost("captive.apple.com").orElseThrow().resolver()).isEqualTo("system");
        assertThat(race.log().networkAnswered()).isFalse();
    }

    @Test
    void lookupAgainstTheLoopbackServer() throws Exception {
        try (LoopbackDns dns = new LoopbackDns(Map.of("portal.lan", "10.0.0.1"))) {
            DnsLookup l = new DnsLookup(List.of(dns.address()), Duration.ofSeconds(2));
            DnsLookup.Answer a = l.resolve("portal.lan");
            assertThat(a.addresses()).extracting(InetAddress::getHostAddress).containsExactly("10.0.0.1");
            assertThat(a.server()).startsWith("127.0.0.1:");
            assertThatThrownBy(() -> l.resolve("nope.lan")).isInstanceOf(UnknownHostException.class);
        }
    }
}
