package io.captivewatch.core.probe;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser is total (a response or a MalformedResponseException, nothing else) and de-chunks what chunking encodes. */
class RawHttpResponseParserPropertiesTest {
    static final URI URL = URI.create("http://captive.apple.com/hotspot-detect.html");

    @Property(tries = 500)
    void anyBytesGiveAResponseOrAMalformedResponseException(@ForAll @Size(max = 600) byte[] tail,
                                                            @ForAll("heads") String head) {
        byte[] raw = concat(head.getBytes(StandardCharsets.ISO_8859_1), tail);
        try {
            RawHttpResponseParser.Result r = RawHttpResponseParser.parseWithNotes(raw, URL, ProbeLimits.DEFAULT.withMaxBodyBytes(256));
            assertThat(r.response().bodyLength()).isLessThanOrEqualTo(256);
            assertThat(r.response().status()).isBetween(100, 999);
        } catch (MalformedResponseException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> heads() {
        return Arbitraries.of("", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.0 302\nLocation: /x\n\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\n",
                "garbage");
    }

    @Property(tries = 200)
    void chunkedRoundTrip(@ForAll @Size(max = 12) List<@Size(max = 300) byte[]> chunks, @ForAll boolean lfOnly,
                          @ForAll @IntRange(min = 0, max = 2000) int cap) throws Exception {
        String eol = lfOnly ? "\n" : "\r\n";
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        raw.writeBytes(("HTTP/1.1 200 OK" + eol + "Transfer-Encoding: chunked" + eol + eol).getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            if (c.length == 0) continue;
            raw.writeBytes((Integer.toHexString(c.length) + eol).getBytes(StandardCharsets.ISO_8859_1));
            raw.writeBytes(c);
            raw.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
            expected.writeBytes(c);
        }
        raw.writeBytes(("0" + eol + eol).getBytes(StandardCharsets.ISO_8859_1));
        RecordedResponse r = RawHttpResponseParser.parseWithNotes(raw.toByteArray(), URL,
                ProbeLimits.DEFAULT.withMaxBodyBytes(cap)).response();
        byte[] all = expected.toByteArray();
        int kept = Math.min(cap, all.length);
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOf(all, kept));
        assertThat(r.truncated()).isEqualTo(all.length > cap);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
