package io.captivewatch.core.probe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PlainMessageTest {
    static boolean complete(String s) {
        return PlainMessage.complete(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void headMustBeThere() {
        assertThat(complete("")).isFalse();
        assertThat(complete("HTTP/1.1 204 No Content\r\nServer: x\r\n")).isFalse();
        assertThat(complete("HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n")).isTrue();
        assertThat(complete("HTTP/1.0 304 Not Modified\n\n")).isTrue();
    }

    @Test
    void contentLengthFramesTheBody() {
        assertThat(complete("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc")).isFalse();
        assertThat(complete("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nabcde")).isTrue();
        assertThat(complete("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n")).isTrue();
    }

    @Test
    void chunkedEndsWithTheLastChunkAndTrailers() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(complete(head + "5\r\nhello\r\n")).isFalse();
        assertThat(complete(head + "5\r\nhello\r\n0\r\n")).isFalse();
        assertThat(complete(head + "5\r\nhello\r\n0\r\n\r\n")).isTrue();
        assertThat(complete(head + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: 1\r\n")).isFalse();
        assertThat(complete(head + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n")).isTrue();
        assertThat(complete(head + "zz\r\n")).as("not chunked after all: let the parser say so").isTrue();
    }

    @Test
    void withoutFramingTheBodyRunsToEof() {
        assertThat(complete("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>")).isFalse();
    }

    @Test
    void interimResponsesAreSkipped() {
        assertThat(complete("HTTP/1.1 100 Continue\r\n\r\n")).isFalse();
        assertThat(complete("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")).isTrue();
    }

    @Test
    void garbageIsCompleteSoTheParserCanReject() {
        assertThat(complete("SSH-2.0-OpenSSH_9.2\r\n\r\n")).isTrue();
    }
}
