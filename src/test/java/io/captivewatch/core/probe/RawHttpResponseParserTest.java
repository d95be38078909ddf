package io.captivewatch.core.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawHttpResponseParserTest {
    static final URI URL = URI.create("http://connectivitycheck.gstatic.com/generate_204");

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String body(RecordedResponse r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void crlfResponseWithContentLength() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 302 Found\r\nLocation: http://10.0.0.1/login?x=1\r\nContent-Length: 5\r\n\r\nhello"), URL);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.reason()).isEqualTo("Found");
        assertThat(r.location()).contains("http://10.0.0.1/login?x=1");
        assertThat(body(r)).isEqualTo("hello");
        assertThat(r.truncated()).isFalse();
        assertThat(r.url()).isEqualTo(URL);
        assertThat(r.elapsedMs()).isEqualTo(-1);
    }

    @Test
    void bareLfAndHttp10AndMissingReason() throws Exception {
        RawHttpResponseParser.Result res = RawHttpResponseParser.parseWithNotes(b(
                "HTTP/1.0 204\nServer: x\n\n"), URL);
        assertThat(res.response().status()).isEqualTo(204);
        assertThat(res.response().reason()).isEmpty();
        assertThat(res.response().headers().first("server")).contains("x");
        assertThat(res.notes()).anyMatch(n -> n.contains("no reason phrase"));
    }

    @Test
    void reasonWithSpacesAndMixedLineEnds() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 511 Network Authentication Required\r\nContent-Type: text/html\n\r\n<html/>"), URL);
        assertThat(r.status()).isEqualTo(511);
        assertThat(r.reason()).isEqualTo("Network Authentication Required");
        assertThat(body(r)).isEqualTo("<html/>");
    }

    @Test
    void obsoleteFoldingJoinedAndDuplicatesKeptInOrder() throws Exception {
        RawHttpResponseParser.Result res = RawHttpResponseParser.parseWithNotes(b(
                "HTTP/1.1 511 X\r\nLink: <http://a/>;\r\n\trel=\"captive-portal\"\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                        + "X-Empty:\r\n\r\n"), URL);
        Headers h = res.response().headers();
        assertThat(h.first("link")).contains("<http://a/>; rel=\"captive-portal\"");
        assertThat(h.all("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(h.first("X-Empty")).contains("");
        assertThat(res.notes()).anyMatch(n -> n.contains("folding"));
    }

    @Test
    void chunkedBodyIsDechunkedWithExtensionsAndTrailers() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 999\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n"), URL);
        assertThat(body(r)).isEqualTo("hello, world");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void chunkedWithLfOnlyAndUpperHex() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 200 OK\nTransfer-Encoding: gzip, Chunked\n\nA\n0123456789\n0\n\n"), URL);
        assertThat(body(r)).isEqualTo("0123456789");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void chunkedWithoutFinalChunkIsTruncated() throws Exception {
        RawHttpResponseParser.Result res = RawHttpResponseParser.parseWithNotes(b(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"), URL);
        assertThat(body(res.response())).isEqualTo("abc");
        assertThat(res.response().truncated()).isTrue();
        assertThat(res.notes()).anyMatch(n -> n.contains("last (0-size) chunk"));
    }

    @Test
    void shortChunkIsTruncated() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"), URL);
        assertThat(body(r)).isEqualTo("abc");
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void badChunkSizeStopsTruncated() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\nzz\r\nmore"), URL);
        assertThat(body(r)).isEqualTo("ab");
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void shortContentLengthBodyIsTruncated() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"), URL);
        assertThat(body(r)).isEqualTo("only this");
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void extraBytesAfterContentLengthAreIgnored() throws Exception {
        RawHttpResponseParser.Result res = RawHttpResponseParser.parseWithNotes(b(
                "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabcdef"), URL);
        assertThat(body(res.response())).isEqualTo("abc");
        assertThat(res.response().truncated()).isFalse();
        assertThat(res.notes()).anyMatch(n -> n.contains("ignored 3 bytes"));
    }

    @Test
    void conflictingContentLengthIsAnError() {
        assertThatThrownBy(() -> RawHttpResponseParser.parse(b(
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"), URL))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("conflicting Content-Length");
    }

    @Test
    void invalidContentLengthReadsToEnd() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\nabcdef"), URL);
        assertThat(body(r)).isEqualTo("abcdef");
    }

    @Test
    void noFramingReadsToEnd() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b("HTTP/1.1 200 OK\r\n\r\nline1\r\n\r\nline2\n"), URL);
        assertThat(body(r)).isEqualTo("line1\r\n\r\nline2\n");
    }

    @Test
    void noContentStatusesHaveNoBody() throws Exception {
        assertThat(RawHttpResponseParser.parse(b("HTTP/1.1 204 No Content\r\n\r\njunk"), URL).bodyLength()).isZero();
        assertThat(RawHttpResponseParser.parse(b("HTTP/1.1 304 Not Modified\r\n\r\njunk"), URL).bodyLength()).isZero();
    }

    @Test
    void headersWithoutEmptyLineAreAcceptedButALineCutOffIsDropped() throws Exception {
        RawHttpResponseParser.Result res = RawHttpResponseParser.parseWithNotes(b("HTTP/1.1 302 Found\r\nLocation: /login\r\n"), URL);
        assertThat(res.response().location()).contains("/login");
        assertThat(res.response().bodyLength()).isZero();
        assertThat(res.notes()).anyMatch(n -> n.contains("not ended by an empty line"));
        // Cut off inside the line: "/lo" may be the start of "/login?id=..."; no partial value is kept (issue #15).
        RawHttpResponseParser.Result cut = RawHttpResponseParser.parseWithNotes(b("HTTP/1.1 302 Found\r\nX-A: 1\r\nLocation: /lo"), URL);
        assertThat(cut.response().status()).isEqualTo(302);
        assertThat(cut.response().location()).isEmpty();
        assertThat(cut.response().headers().first("X-A")).contains("1");
        assertThat(cut.notes()).anyMatch(n -> n.contains("cut off before its end"));
    }

    @Test
    void interimResponsesBomAndLeadingBlankLinesAreSkipped() throws Exception {
        byte[] raw = b("\uFEFF".getBytes(StandardCharsets.UTF_8).length == 3
                ? new String("\uFEFF".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
                + "\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" : "");
        RecordedResponse r = RawHttpResponseParser.parse(raw, URL);
        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("ok");
    }

    @Test
    void curlHttp2StatusLineIsAccepted() throws Exception {
        RecordedResponse r = RawHttpResponseParser.parse(b("HTTP/2 204\r\ndate: x\r\n\r\n"), URL);
        assertThat(r.status()).isEqualTo(204);
    }

    @Test
    void utf8HeaderValuesAreDecodedLatin1Otherwise() throws Exception {
        byte[] head = b("HTTP/1.1 302 Found\r\nLocation: http://portal/caf");
        byte[] utf8 = "é\r\nX-L: caf".getBytes(StandardCharsets.UTF_8);
        byte[] latin = new byte[]{(byte) 0xE9, '\r', '\n', '\r', '\n'};
        byte[] raw = concat(head, utf8, latin);
        RecordedResponse r = RawHttpResponseParser.parse(raw, URL);
        assertThat(r.location()).contains("http://portal/café");
        assertThat(r.headers().first("X-L")).contains("café");
        assertThat(RawHttpResponseParser.redecodeHeaderValue(new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                .isEqualTo("é");
    }

    @Test
    void linesWithoutColonAndBadNamesAreIgnored() throws Exception {
        RawHttpResponseParser.Result res = RawHttpResponseParser.parseWithNotes(b(
                "HTTP/1.1 200 OK\r\ngarbage line\r\nBad Name: v\r\nGood: v\r\n\r\n"), URL);
        assertThat(res.response().headers().size()).isEqualTo(1);
        assertThat(res.response().headers().first("good")).contains("v");
    }

    @Test
    void bodyIsCapped() throws Exception {
        byte[] big = new byte[300 * 1024];
        Arrays.fill(big, (byte) 'x');
        RecordedResponse r = RawHttpResponseParser.parse(concat(b("HTTP/1.1 200 OK\r\n\r\n"), big), URL);
        assertThat(r.bodyLength()).isEqualTo(ProbeLimits.DEFAULT.maxBodyBytes());
        assertThat(r.truncated()).isTrue();

        byte[] chunked = concat(b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(big.length) + "\r\n"),
                big, b("\r\n0\r\n\r\n"));
        RecordedResponse c = RawHttpResponseParser.parseWithNotes(chunked, URL, ProbeLimits.DEFAULT.withMaxBodyBytes(10)).response();
        assertThat(c.bodyLength()).isEqualTo(10);
        assertThat(c.truncated()).isTrue();
    }

    @Test
    void tooManyHeaderFieldsIsAnError() {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 201; i++) sb.append("X-").append(i).append(": v\r\n");
        sb.append("\r\n");
        assertThatThrownBy(() -> RawHttpResponseParser.parse(b(sb.toString()), URL))
                .isInstanceOf(MalformedResponseException.class).hasMessage("more than 200 header fields (limit)");
    }

    @Test
    void oversizedHeadIsAnError() {
        String longValue = "v".repeat(70 * 1024);
        assertThatThrownBy(() -> RawHttpResponseParser.parse(b("HTTP/1.1 200 OK\r\nX: " + longValue + "\r\n\r\n"), URL))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("larger than 64 KiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r\n\r\n", "hello world", "<html>HTTP/1.1 200 OK", "HTTP/1.1 abc OK", "HTTP/1.1 099 X",
            "HTTP/9.1 200 OK", "HTTP/1.1200 OK", "SSH-2.0-OpenSSH_9.2\r\n"})
    void nonHttpIsMalformed(String input) {
        assertThatThrownBy(() -> RawHttpResponseParser.parse(b(input), URL))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }

    @Test
    void binaryGarbageMessageIsPrintable() {
        byte[] raw = new byte[]{0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, '\n'};
        assertThatThrownBy(() -> RawHttpResponseParser.parse(raw, URL))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageStartingWith("not an HTTP response")
                .satisfies(e -> assertThat(e.getMessage()).matches("[\\x20-\\x7e\\u00a0-\\u00ff]*"));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
