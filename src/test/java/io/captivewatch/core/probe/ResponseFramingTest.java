package io.captivewatch.core.probe;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the prober stops reading ({@link ResponseFramer}) on byte prefixes, and that the parser
 * then makes of the prefix what it would make of any longer input: one framing rule for reading and parsing.
 * Most cases are where the prober's own framing (PlainMessage) used to disagree with the parser.
 */
class ResponseFramingTest {
    static final URI URL = URI.create("http://connectivitycheck.gstatic.com/generate_204");

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ResponseFramer frame(String prefix) {
        return frame(b(prefix), ProbeLimits.DEFAULT);
    }

    static ResponseFramer frame(byte[] prefix, ProbeLimits limits) {
        ResponseFramer f = new ResponseFramer(limits);
        f.advance(prefix, prefix.length);
        return f;
    }

    /** Reading must go on after {@code prefix}. */
    static void needsMore(String prefix) {
        assertThat(frame(prefix).done()).as("done after %s", printable(prefix)).isFalse();
    }

    /** The response in {@code raw} is complete exactly after {@code message}; what follows is not part of it. */
    static RecordedResponse completeAt(String message, String following) throws Exception {
        ResponseFramer f = frame(message + following);
        assertThat(f.done()).as("done after %s", printable(message + following)).isTrue();
        assertThat(f.end()).as("end of %s", printable(message)).isEqualTo(b(message).length);
        if (!following.isEmpty()) needsMore(message.substring(0, message.length() - 1));
        return sameAsWithMoreBytes(b(message + following), ProbeLimits.DEFAULT);
    }

    /** Reading may stop after {@code prefix} though the message has no known end (malformed, or past the cap). */
    static void settledWithoutEnd(byte[] prefix, ProbeLimits limits) {
        ResponseFramer f = frame(prefix, limits);
        assertThat(f.done()).isTrue();
        assertThat(f.end()).isEqualTo(-1);
    }

    /** The parser gives the same response for {@code prefix} as for it with more bytes after (or fails on both). */
    static RecordedResponse sameAsWithMoreBytes(byte[] prefix, ProbeLimits limits) throws Exception {
        byte[] longer = Arrays.copyOf(prefix, prefix.length + 300);
        Arrays.fill(longer, prefix.length, longer.length, (byte) '7');
        RecordedResponse r;
        try {
            r = RawHttpResponseParser.parseWithNotes(prefix, URL, limits).response();
        } catch (MalformedResponseException e) {
            assertThatThrownBy(() -> RawHttpResponseParser.parseWithNotes(longer, URL, limits))
                    .isInstanceOf(MalformedResponseException.class);
            return null;
        }
        assertThat(RawHttpResponseParser.parseWithNotes(longer, URL, limits).response()).isEqualTo(r);
        return r;
    }

    static String printable(String s) {
        return "'" + s.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    static String body(RecordedResponse r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theHeadMustBeThere() throws Exception {
        needsMore("");
        needsMore("HTTP/1.1 204 No Content\r\nServer: x\r\n");
        completeAt("HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n", "");
        completeAt("HTTP/1.0 304 Not Modified\n\n", "");
    }

    @Test
    void contentLengthFramesTheBody() throws Exception {
        needsMore("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc");
        assertThat(body(completeAt("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nabcde", "more"))).isEqualTo("abcde");
        completeAt("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n", "");
    }

    @Test
    void aListOfEqualContentLengthsFramesTheBody() throws Exception {
        // PlainMessage could not read "5, 5" and waited for the server to close; the parser takes it as 5
        assertThat(body(completeAt("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello", "junk"))).isEqualTo("hello");
        assertThat(body(completeAt("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", "junk")))
                .isEqualTo("hello");
    }

    @Test
    void conflictingContentLengthsStopReadingAtTheHead() throws Exception {
        // PlainMessage framed by the first value; the parser rejects the response, so there is nothing to wait for
        String raw = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\n";
        settledWithoutEnd(b(raw), ProbeLimits.DEFAULT);
        assertThat(sameAsWithMoreBytes(b(raw), ProbeLimits.DEFAULT)).isNull();
    }

    @Test
    void chunkedEndsAfterTheLastChunkAndTheTrailers() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        needsMore(head + "5\r\nhello\r\n");
        needsMore(head + "5\r\nhello\r\n0\r\n");
        completeAt(head + "5\r\nhello\r\n0\r\n\r\n", "");
        needsMore(head + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: 1\r\n");
        RecordedResponse r = completeAt(head + "5;ext=\"a;b\"\r\nhello\r\n7 ; x\r\n, world\r\n0;last\r\nX-Trailer: 1\r\n"
                + "X-Other: 2\r\n\r\n", "HTTP/1.1 200 OK\r\n");
        assertThat(body(r)).isEqualTo("hello, world");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void chunkedWinsOverContentLength() throws Exception {
        RecordedResponse r = completeAt("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n", "");
        assertThat(body(r)).isEqualTo("hello");
        needsMore("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
    }

    @Test
    void aChunkedCodingThatIsNotLastRunsToTheEnd() throws Exception {
        // PlainMessage looked for "chunked" anywhere in the field; the parser wants it last, else reads to the end
        needsMore("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
        // and any other transfer coding beats Content-Length (PlainMessage framed by the length)
        needsMore("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc");
        assertThat(body(RawHttpResponseParser.parse(b("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabcdef"), URL)))
                .isEqualTo("abcdef");
        // codings over several fields are one list: chunked last
        completeAt("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "");
    }

    @Test
    void theLineBreakAfterAChunkMayArriveLater() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        needsMore(head + "5\r\nhello");
        needsMore(head + "5\r\nhello\r");
        needsMore(head + "5\r\nhello\r\n");
        completeAt(head + "5\nhello\n0\n\n", "");
    }

    @Test
    void aChunkWithoutItsLineBreakEndsTheBodyAsTheParserReadsIt() throws Exception {
        // PlainMessage skipped to the next line feed and read on; the parser takes "X" as the next chunk-size line,
        // stops there and marks the body truncated: no more bytes change that
        byte[] raw = b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n");
        settledWithoutEnd(raw, ProbeLimits.DEFAULT);
        RecordedResponse r = sameAsWithMoreBytes(raw, ProbeLimits.DEFAULT);
        assertThat(body(r)).isEqualTo("hello");
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void anEndlessChunkSizeLineStopsReading() throws Exception {
        // PlainMessage waited for a line feed; the parser gives up on a chunk-size line after 4 KiB
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        needsMore(head + "0".repeat(4095));
        settledWithoutEnd(b(head + "0".repeat(4096)), ProbeLimits.DEFAULT);
        assertThat(sameAsWithMoreBytes(b(head + "0".repeat(4096)), ProbeLimits.DEFAULT).truncated()).isTrue();
    }

    @Test
    void withoutFramingTheBodyRunsToTheEndOrTheCap() throws Exception {
        needsMore("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>");
        needsMore("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n<html>");
        ProbeLimits ten = ProbeLimits.DEFAULT.withMaxBodyBytes(10);
        String head = "HTTP/1.0 200 OK\r\n\r\n";
        assertThat(frame(b(head + "x".repeat(10)), ten).done()).as("not yet known to be longer than the cap").isFalse();
        settledWithoutEnd(b(head + "x".repeat(11)), ten);
        RecordedResponse r = sameAsWithMoreBytes(b(head + "x".repeat(11)), ten);
        assertThat(r.bodyLength()).isEqualTo(10);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void aBodyPastTheCapStopsReadingBeforeItsEnd() throws Exception {
        ProbeLimits ten = ProbeLimits.DEFAULT.withMaxBodyBytes(10);
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n";
        assertThat(frame(b(head + "x".repeat(9)), ten).done()).isFalse();
        settledWithoutEnd(b(head + "x".repeat(10)), ten);
        assertThat(sameAsWithMoreBytes(b(head + "x".repeat(10)), ten).truncated()).isTrue();

        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n";
        assertThat(frame(b(chunked + "8\r\n12"), ten).done()).as("10 bytes: not yet known to be more").isFalse();
        settledWithoutEnd(b(chunked + "8\r\n123"), ten);
        assertThat(body(sameAsWithMoreBytes(b(chunked + "8\r\n123"), ten))).isEqualTo("1234567812");
    }

    @Test
    void interimResponsesAreSkippedAsTheParserSkipsThem() throws Exception {
        needsMore("HTTP/1.1 100 Continue\r\n\r\n");
        completeAt("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", "");
        // PlainMessage gave up after 10 interim responses and stopped reading; the parser skips up to 16
        String twelve = "HTTP/1.1 102 Processing\r\n\r\n".repeat(12);
        needsMore(twelve + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n");
        RecordedResponse r = completeAt(twelve + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("ok");
        // the 17th is taken as the final answer (no body), as the parser does
        String seventeen = "HTTP/1.1 100 Continue\r\n\r\n".repeat(17);
        assertThat(completeAt(seventeen, "HTTP/1.1 200 OK\r\n\r\n").status()).isEqualTo(100);
    }

    @Test
    void switchingProtocolsHasNoBody() throws Exception {
        // PlainMessage read a 101 to the end of the connection; the parser gives it no body
        assertThat(completeAt("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "\u0081\u0005hello").status())
                .isEqualTo(101);
    }

    @Test
    void noContentAndNotModifiedEndAtTheHeadWhateverFollows() throws Exception {
        assertThat(completeAt("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", "hello").bodyLength()).isZero();
        assertThat(completeAt("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", "5\r\nhello\r\n0\r\n\r\n")
                .bodyLength()).isZero();
    }

    @Test
    void aByteOrderMarkAndBlankLinesBeforeTheStatusLineAreSkipped() throws Exception {
        // PlainMessage took the blank line before the status line for the end of the head, and stopped reading there
        String bom = new String(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.ISO_8859_1);
        needsMore(bom.substring(0, 2));
        needsMore(bom + "\r\n\r\n");
        needsMore(bom + "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        assertThat(body(completeAt(bom + "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", ""))).isEqualTo("hello");
    }

    @Test
    void aLowerCaseStatusLineIsFramedLikeAnyOther() throws Exception {
        // PlainMessage took "http/1.1" for garbage and stopped at the end of the head, before the body
        needsMore("http/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        assertThat(body(completeAt("http/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", ""))).isEqualTo("hello");
    }

    @Test
    void whatCannotBeHttpStopsReadingAtOnce() throws Exception {
        // PlainMessage waited for a blank line first, so a peer that sent one line and kept quiet ran into the deadline
        for (String garbage : new String[]{"SSH-2.0-OpenSSH_9.2\r\n", "<html>", "\u0016\u0003\u0001", "HTTP/1.1 abc OK\r\n",
                "HTTP/9.1 200 OK\r\n", "HTTP/1.1 099 Low\r\n"}) {
            settledWithoutEnd(b(garbage), ProbeLimits.DEFAULT);
            assertThat(sameAsWithMoreBytes(b(garbage), ProbeLimits.DEFAULT)).as(printable(garbage)).isNull();
        }
        needsMore("HTTP/1.1 200");
        needsMore("htt");
    }

    @Test
    void aHeadOverItsLimitStopsReading() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nX: " + "v".repeat(64 * 1024);
        needsMore(head.substring(0, 64 * 1024));
        settledWithoutEnd(b(head), ProbeLimits.DEFAULT);
        assertThat(sameAsWithMoreBytes(b(head), ProbeLimits.DEFAULT)).isNull();
    }

    @Test
    void bytesArrivingOneByOneAreFramedAsWhenTheyArriveAtOnce() {
        String raw = "\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;a=b\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: 1\r\n\r\n";
        byte[] all = b(raw + "extra");
        ResponseFramer f = new ResponseFramer(ProbeLimits.DEFAULT);
        int stoppedAt = -1;
        for (int n = 0; n <= all.length; n++) {
            if (f.advance(all, n)) {
                stoppedAt = n;
                break;
            }
        }
        assertThat(stoppedAt).isEqualTo(b(raw).length);
        assertThat(f.end()).isEqualTo(b(raw).length);
        assertThat(f.status()).isEqualTo(200);
    }
    /** Found by ResponseFramingPropertiesTest: a chunk that ends just past the body cap, arriving in steps of 3. */
    @Test
    void aChunkEndingPastTheCapStopsReadingWhereverTheStepsFall() {
        byte[] raw = b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\n" + "a".repeat(11));
        ProbeLimits limits = ProbeLimits.DEFAULT.withMaxBodyBytes(8);
        ResponseFramer byteByByte = new ResponseFramer(limits);
        int firstStop = -1;
        for (int n = 0; n <= raw.length && firstStop < 0; n++) {
            if (byteByByte.advance(raw, n)) firstStop = n;
        }
        assertThat(firstStop).isEqualTo(raw.length - 2); // the ninth body byte
        ResponseFramer oneShot = new ResponseFramer(limits);
        assertThat(oneShot.advance(raw, raw.length)).as("all bytes at once, the chunk complete but over the cap").isTrue();
    }
}
