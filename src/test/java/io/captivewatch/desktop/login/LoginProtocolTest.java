package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoginProtocolTest {
    @Test
    void aMessageRoundTripsThroughItsLine() {
        LoginProtocol.Message m = LoginProtocol.message(LoginProtocol.OPEN, "http://10.0.0.1/login?a=b c");
        assertThat(LoginProtocol.parse(m.line())).isEqualTo(m);
        assertThat(LoginProtocol.parse(LoginProtocol.message(LoginProtocol.ONLINE, null).line()))
                .isEqualTo(LoginProtocol.message(LoginProtocol.ONLINE, ""));
    }

    @Test
    void lineBreaksInAnArgumentCannotForgeASecondMessage() {
        String line = LoginProtocol.message(LoginProtocol.LOAD_FAILED, "refused\nclosed\r\nonline").line();
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(LoginProtocol.parse(line).word()).isEqualTo(LoginProtocol.LOAD_FAILED);
    }

    @Test
    void readsLinesWithEitherEndingAndStopsAtTheEnd() throws IOException {
        var in = stream("open http://a/\r\nonline\nclose");
        assertThat(LoginProtocol.readLine(in)).contains("open http://a/");
        assertThat(LoginProtocol.readLine(in)).contains("online");
        assertThat(LoginProtocol.readLine(in)).contains("close");
        assertThat(LoginProtocol.readLine(in)).isEmpty();
    }

    @Test
    void anOverlongLineIsSkippedWholeNotSplit() throws IOException {
        String huge = "open http://a/" + "x".repeat(LoginProtocol.MAX_LINE * 2);
        var in = stream(huge + "\nonline\n" + huge);
        assertThat(LoginProtocol.readLine(in)).contains("online");
        assertThat(LoginProtocol.readLine(in)).isEmpty();
    }

    @Test
    void aLineOfExactlyTheLimitIsKept() throws IOException {
        String max = "x".repeat(LoginProtocol.MAX_LINE);
        Optional<String> l = LoginProtocol.readLine(stream(max + "\n"));
        assertThat(l).contains(max);
    }

    @Test
    void dnsCarriesIpLiteralsOnly() {
        assertThat(LoginProtocol.dns(java.util.List.of("10.99.0.1", "fd00::53")).line()).isEqualTo("dns 10.99.0.1,fd00::53");
        LoginProtocol.Message m = LoginProtocol.parse("dns 10.99.0.1,fd00::53");
        assertThat(m.word()).isEqualTo(LoginProtocol.DNS);
        assertThat(LoginProtocol.dnsServers(m.argument())).contains(java.util.List.of("10.99.0.1", "fd00::53"));
        assertThat(LoginProtocol.dnsServers("192.168.1.254")).contains(java.util.List.of("192.168.1.254"));
        for (String bad : new String[]{"", "portal.hotel.lan", "10.99.0.1,evil.example", "10.99.0.256", "010.99.0.1",
                "10.99.0.1:5353", "10.99.0.1, 10.99.0.2", "10.99.0.1,", "fe80::1%eth0", "[::1]", "1.2.3", "::ffff:10.0.0.1",
                "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6,7.7.7.7,8.8.8.8,9.9.9.9", "10.99.0.1\nopen http://x/"}) {
            assertThat(LoginProtocol.dnsServers(bad)).as("'%s'", bad).isEmpty();
        }
        assertThat(LoginProtocol.dnsServers(null)).isEmpty();
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theChildOpensOnlyAnHttpUrlFromAnOpenLine() throws IOException {
        List<String> bad = List.of("open javascript:alert(1)", "open data:text/html,<b>x</b>", "open file:///etc/passwd",
                "open http://user:secret@portal.test/", "open /login", "open //portal.test/login", "open ",
                "open https://portal.test/" + "a".repeat(5000), "open \tjavascript:alert(1)", "open java\tscript:alert(1)",
                "open ftp://portal.test/", "open http://");
        for (String line : bad) {
            LoginProtocol.Message m = LoginProtocol.parse(LoginProtocol.readLine(stream(line + "\n")).orElseThrow());
            assertThat(m.word()).as(line).isEqualTo(LoginProtocol.OPEN);
            assertThat(LoginWindowMain.pageToOpen(m)).as(line).isEmpty();
        }
        LoginProtocol.Message good = LoginProtocol.parse(LoginProtocol.message(LoginProtocol.OPEN, "https://10.0.0.1/login?a=b").line());
        assertThat(LoginWindowMain.pageToOpen(good)).contains(WebUrl.require(URI.create("https://10.0.0.1/login?a=b")));
    }
}
