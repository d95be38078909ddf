package io.captivewatch.core.probe;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The framer and the parser are one rule: wherever the framer lets reading stop, the parser makes of the bytes
 * read what it would make of any longer input; and how the bytes arrive does not change where it stops.
 */
class ResponseFramingPropertiesTest {
    static final URI URL = URI.create("http://captive.apple.com/hotspot-detect.html");

    @Property(tries = 600)
    void whereReadingStopsTheParseIsFinal(@ForAll("responses") byte[] raw, @ForAll @IntRange(min = 0, max = 64) int cap,
                                          @ForAll("tails") byte[] tail) throws Exception {
        ProbeLimits limits = ProbeLimits.DEFAULT.withMaxBodyBytes(cap);
        ResponseFramer f = new ResponseFramer(limits);
        int stop = -1;
        for (int n = 0; n <= raw.length && stop < 0; n++) {
            if (f.advance(raw, n)) stop = n;
        }
        if (stop < 0) return; // needs more than there is: the parser will see the end of the input
        if (f.end() >= 0) assertThat(f.end()).isEqualTo(stop);
        byte[] prefix = Arrays.copyOf(raw, stop);
        byte[] longer = concat(raw, tail);
        RecordedResponse atStop;
        try {
            atStop = RawHttpResponseParser.parseWithNotes(prefix, URL, limits).response();
        } catch (MalformedResponseException e) {
            assertThatThrownBy(() -> RawHttpResponseParser.parseWithNotes(longer, URL, limits))
                    .isInstanceOf(MalformedResponseException.class);
            return;
        }
        assertThat(RawHttpResponseParser.parseWithNotes(longer, URL, limits).response()).isEqualTo(atStop);
        if (f.status() >= 0) assertThat(f.status()).isEqualTo(atStop.status());
    }

    @Property(tries = 300)
    void howTheBytesArriveDoesNotMatter(@ForAll("responses") byte[] raw, @ForAll("steps") List<Integer> steps,
                                        @ForAll @IntRange(min = 0, max = 64) int cap) {
        ProbeLimits limits = ProbeLimits.DEFAULT.withMaxBodyBytes(cap);
        ResponseFramer byteByByte = new ResponseFramer(limits);
        int firstStop = -1;
        for (int n = 0; n <= raw.length && firstStop < 0; n++) {
            if (byteByByte.advance(raw, n)) firstStop = n;
        }
        // fed in steps, after each step it says what it says when given that many bytes at once
        ResponseFramer inSteps = new ResponseFramer(limits);
        int n = 0;
        int i = 0;
        boolean done = false;
        while (!done && n < raw.length) {
            n = Math.min(raw.length, n + steps.get(i++ % steps.size()));
            done = inSteps.advance(raw, n);
            ResponseFramer oneShot = new ResponseFramer(limits);
            assertThat(oneShot.advance(raw, n)).isEqualTo(done);
            assertThat(inSteps.end()).isEqualTo(oneShot.end());
            assertThat(inSteps.status()).isEqualTo(oneShot.status());
            // and it stops at the first step that reaches the point where byte-by-byte reading stopped
            assertThat(done).isEqualTo(firstStop >= 0 && n >= firstStop);
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> tails() {
        return Arbitraries.of("", "\r\n", "0\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n", "xyz\r\n\r\nmore")
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Responses built from the pieces where framing gets subtle, with now and then a byte changed. */
    @Provide
    Arbitrary<byte[]> responses() {
        Arbitrary<String> preamble = Arbitraries.of("", "", "", "\r\n", "\n\n", "\u00ef\u00bb\u00bf", "\u00ef\u00bb\u00bf\r\n");
        Arbitrary<String> interim = Arbitraries.of("", "", "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n");
        Arbitrary<String> statusLine = Arbitraries.of("HTTP/1.1 200 OK", "HTTP/1.0 302 Found", "http/1.1 200 ok", "HTTP/1.1 204 No Content",
                "HTTP/1.1 304 Not Modified", "HTTP/1.1 101 Switching", "HTTP/1.1 100 Continue", "HTTP/2 511", "HTTP/1.1 abc",
                "SSH-2.0-x", "HTTP/1.1 511 Network Authentication Required");
        Arbitrary<String> field = Arbitraries.of("Content-Length: 5", "Content-Length: 0", "Content-Length: 5, 5", "Content-Length: 3",
                "Content-Length: ten", "Content-Length: 40", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip",
                "Transfer-Encoding: chunked, gzip", "Transfer-Encoding: gzip, chunked", "Location: /login", "Connection: close",
                " folded", "no colon", "X: y");
        Arbitrary<String> eol = Arbitraries.of("\r\n", "\n");
        Arbitrary<String> chunk = Arbitraries.of("5\r\nhello\r\n", "5;ext=1\r\nhello\r\n", "3\nabc\n", "a\r\n0123456789\r\n",
                "5\r\nhelloX\r\n", "zz\r\n", "5\r\nhel", "0\r\n\r\n", "0\r\nT: 1\r\n\r\n", "0;e\r\nT: 1\r\n", "0\r\n");
        Arbitrary<String> body = Arbitraries.oneOf(
                chunk.list().ofMaxSize(5).map(l -> String.join("", l)),
                Arbitraries.strings().withChars("abc\r\n0").ofMaxLength(80));
        Arbitrary<String> head = Combinators.combine(statusLine, field.list().ofMaxSize(4), eol)
                .as((s, fields, e) -> s + e + String.join("", fields.stream().map(x -> x + e).toList()) + e);
        Arbitrary<String> text = Combinators.combine(preamble, interim, head, body).as((p, i, h, b) -> p + i + h + b);
        return Combinators.combine(text, Arbitraries.integers().between(-600, 300), Arbitraries.bytes())
                .as((t, at, x) -> {
                    byte[] bytes = t.getBytes(StandardCharsets.ISO_8859_1);
                    if (at >= 0 && at < bytes.length) bytes[at] = x; // now and then a byte changed
                    return bytes;
                });
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
