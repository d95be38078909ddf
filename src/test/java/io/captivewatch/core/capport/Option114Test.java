package io.captivewatch.core.capport;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Option114Test {
    @Test
    void decodesEveryFormToolsPrint() {
        URI want = URI.create("http://status.client/");
        assertThat(Option114.fromHex("687474703a2f2f7374617475732e636c69656e74").uri()).contains(want); // udhcpc $opt114
        assertThat(Option114.fromHex("68:74:74:70:3a:2f:2f:73:74:61:74:75:73:2e:63:6c:69:65:6e:74").uri()).contains(want); // dhclient
        assertThat(Option114.fromAny("68 74 74 70 3a 2f 2f 73 74 61 74 75 73 2e 63 6c 69 65 6e 74").uri()).contains(want);
        assertThat(Option114.fromAny("\"http://status.client\"").uri()).contains(want);
        assertThat(Option114.fromBytes("https://portal.example/api\0".getBytes(StandardCharsets.US_ASCII)).uri())
                .contains(URI.create("https://portal.example/api"));
    }

    @Test
    void httpsIsCleanHttpIsAcceptedWithAWarning() {
        assertThat(Option114.fromText("https://p.example/capport").warnings()).isEmpty();
        Option114.Decoded http = Option114.fromText("http://p.example/capport");
        assertThat(http.uri()).isPresent();
        assertThat(http.warnings()).containsExactly(Option114.PLAIN_HTTP_WARNING);
    }

    @Test
    void refusesWhatIsNotAnHttpUri() {
        assertThat(Option114.fromText("javascript:alert(1)").problem()).isPresent();
        assertThat(Option114.fromText("file:///etc/passwd").uri()).isEmpty();
        assertThat(Option114.fromText("status.client").uri()).isEmpty();
        assertThat(Option114.fromText(Option114.UNRESTRICTED).problem().orElseThrow()).contains("unrestricted");
        assertThat(Option114.fromBytes(new byte[] {'h', 't', 0x01, 'p'}).problem().orElseThrow()).contains("printable");
        assertThat(Option114.fromHex("6g").uri()).isEmpty();
        assertThat(Option114.fromHex("").uri()).isEmpty();
        assertThat(Option114.fromAny(null).uri()).isEmpty();
    }

    @Property(tries = 300)
    void anyInputGivesAValueOrAProblemNeverAnException(@ForAll String s) {
        Option114.Decoded d = Option114.fromAny(s);
        assertThat(d.uri().isPresent() ^ d.problem().isPresent()).isTrue();
        d.uri().ifPresent(u -> assertThat(u.getScheme()).isIn("http", "https"));
    }
}
