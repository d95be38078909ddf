package io.captivewatch.core.probe;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static io.captivewatch.core.probe.RawHttpResponseParser.*;

/**
 * Decides, while a response is read from a socket, when to stop: the parser's own framing rules applied to
 * the bytes received so far, so that reading and parsing never disagree. Reading can stop when the
 * response is complete by its framing ({@link #end()} then says where it ends: no body for 1xx/204/304,
 * Content-Length, the last chunk and the trailers' empty line), or as soon as more bytes could not change
 * what {@link RawHttpResponseParser#parseWithNotes} makes of them: a head that cannot be HTTP or breaks a limit, a body past
 * {@link ProbeLimits#maxBodyBytes()}, a broken chunk. A body delimited by the end of the connection is
 * read until then (or the cap).
 *
 * <p>Give {@link #advance} the same buffer each time with more bytes in it: it resumes where it stopped,
 * so framing a response of n bytes costs O(n) in all, however the bytes arrive. Not thread-safe.
 */
final class ResponseFramer {
    private enum Phase { START, HEAD, LENGTH, TO_END, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE }

    private final ProbeLimits limits;
    private Phase phase = Phase.START;
    private int seen;           // the length of the prefix looked at last time
    private boolean bomDecided;
    private int headStart;      // where the head being read starts
    private int lineStart;      // start of the line being scanned (HEAD, TRAILERS)
    private int scan;           // next byte to look at
    private int interim;        // interim responses skipped
    private int status = -1;    // the final response's status, once its head is in
    private int bodyStart;
    private long length;        // LENGTH: the Content-Length
    private int chunkStart;     // CHUNK_DATA: where the chunk's data starts
    private long chunkEnd;      // CHUNK_DATA: where it ends
    private long bodyBytes;     // chunked: body bytes in complete chunks so far
    private int end = -1;

    ResponseFramer(ProbeLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Looks at {@code buf[0, len)}: the bytes given last time and maybe more. Returns whether reading can stop
     * ({@link #done()}).
     */
    boolean advance(byte[] buf, int len) {
    Objects.checkFromIndexSize(0, len, buf.length);
    if (len < seen) throw new IllegalArgumentException("fewer bytes than last time: " + len + " < " + seen);
    seen = len;
    boolean progressed = true;
    while (progressed) {
        progressed = switch (phase) {
            case START -> start(buf, len);
            case HEAD -> head(buf, len);
            case LENGTH -> length(len);
            case TO_END -> toEnd(len);
            case CHUNK_SIZE -> chunkSizeLine(buf, len);
            case CHUNK_DATA -> chunkData(len);
            case CHUNK_END -> afterChunk(buf, len);
            case TRAILERS -> trailers(buf, len);
            case DONE -> false;
        };
    }
    return done();
    }

    /** Reading can stop: the response is complete, or more bytes could not change how it parses. */
    boolean done() {
    return phase == Phase.DONE;
    }

    /** Just past the last byte of the response when it is complete by its own framing, else -1. */
    int end() {
    return end;
    }

    /** The final response's status code once its head has arrived (interim 1xx skipped), else -1. */
    int status() {
    return status;
    }

    // Each step returns true when it moved to another phase (so the next one runs), false when it needs more bytes or is done.

    private boolean start(byte[] buf, int len) {
    if (!bomDecided) {
        if (len < 3 && isBomPrefix(buf, len)) return false;
        bomDecided = true;
        scan = startsWithBom(buf, len) ? 3 : 0;
    }
    scan = skipLineBreaks(buf, scan, len);
    if (scan >= len) return false;
    headStart = lineStart = scan;
    phase = Phase.HEAD;
    return true;
    }

    private boolean head(byte[] buf, int len) {
    int max = limits.maxHeadBytes();
    while (true) {
        if (lineStart == headStart && !couldStartStatusLine(buf, headStart, len)) return settle();
        int lf = indexOf(buf, (byte) '\n', scan, len);
        if (lf < 0) {
            scan = len;
            return len - headStart > max ? settle() : false; // the parser will say the head is too large
        }
        if (lf + 1 - headStart > max) return settle();
        int contentEnd = lf > lineStart && buf[lf - 1] == '\r' ? lf - 1 : lf;
        if (lineStart == headStart) {
            try {
                statusLine(new String(buf, lineStart, contentEnd - lineStart, StandardCharsets.ISO_8859_1),
                        new Head(), new HashSet<>());
            } catch (MalformedResponseException e) {
                return settle();
            }
        } else if (contentEnd == lineStart) {
            return headComplete(buf, lf + 1);
        }
        lineStart = scan = lf + 1;
    }
    }

    private boolean headComplete(byte[] buf, int headEnd) {
    Set<String> ignored = new HashSet<>();
    Head head;
    BodyFraming framing;
    try {
        head = readHead(buf, headStart, headEnd, limits, ignored);
        if (isInterim(head.status, interim)) {
            // the parser skips it once anything follows; the next head starts right after it
            interim++;
            headStart = lineStart = scan = headEnd;
            return true;
        }
        framing = framing(head.status, Headers.of(head.fields), ignored);
    } catch (MalformedResponseException e) {
        return settle();
    }
    status = head.status;
    bodyStart = headEnd;
    switch (framing.how()) {
        case NONE -> {
            return complete(headEnd);
        }
        case CHUNKED -> {
            phase = Phase.CHUNK_SIZE;
            scan = headEnd;
        }
        case LENGTH -> {
            phase = Phase.LENGTH;
            length = framing.length();
        }
        case TO_END -> phase = Phase.TO_END;
    }
    return true;
    }

    private boolean length(int len) {
    long available = len - bodyStart;
    if (available >= length) return complete((int) (bodyStart + length));
    // short so far, so truncated whatever comes; the kept prefix is full
    return available >= limits.maxBodyBytes() ? settle() : false;
    }

    private boolean toEnd(int len) {
    return len - bodyStart > limits.maxBodyBytes() ? settle() : false;
    }

    private boolean chunkSizeLine(byte[] buf, int len) {
    if (bodyBytes > limits.maxBodyBytes()) return settle();
    if (scan >= len) return false;
    int lf = indexOf(buf, (byte) '\n', scan, Math.min(len, scan + MAX_CHUNK_LINE));
    if (lf < 0) return len - scan >= MAX_CHUNK_LINE ? settle() : false;
    long size = chunkSize(buf, scan, lf);
    if (size < 0) return settle();
    if (size == 0) {
        phase = Phase.TRAILERS;
        lineStart = scan = lf + 1;
        return true;
    }
    phase = Phase.CHUNK_DATA;
    chunkStart = lf + 1;
    chunkEnd = chunkStart + size;
    return true;
    }

    private boolean chunkData(int len) {
    // past the cap, reading stops whether or not the chunk is complete: the kept prefix is full either way,
    // and stopping at the same byte however the bytes arrive keeps the reader and a one-shot parse in step
    if (bodyBytes + (Math.min(len, chunkEnd) - chunkStart) > limits.maxBodyBytes()) return settle();
    if (len < chunkEnd) return false;
    bodyBytes += chunkEnd - chunkStart;
    scan = (int) chunkEnd;
    phase = Phase.CHUNK_END;
    return true;
    }

    /** The line break after a chunk's data: CRLF or LF, taken as the parser takes it. */
    private boolean afterChunk(byte[] buf, int len) {
    int p = scan;
    if (p >= len) return false;
    if (buf[p] == '\r') {
        if (p + 1 >= len) return false;
        p++;
    }
    if (buf[p] == '\n') p++;
    scan = p;
    phase = Phase.CHUNK_SIZE;
    return true;
    }

    private boolean trailers(byte[] buf, int len) {
    while (true) {
        int lf = indexOf(buf, (byte) '\n', scan, len);
        if (lf < 0) {
            scan = len;
            return false;
        }
        if (lf == lineStart || (lf == lineStart + 1 && buf[lineStart] == '\r')) return complete(lf + 1);
        lineStart = scan = lf + 1;
    }
    }

    private boolean complete(int at) {
    end = at;
    phase = Phase.DONE;
    return false;
    }

    private boolean settle() {
    phase = Phase.DONE;
    return false;
    }

    private static boolean isBomPrefix(byte[] buf, int len) {
    int[] bom = {0xEF, 0xBB, 0xBF};
    for (int i = 0; i < len; i++) if ((buf[i] & 0xff) != bom[i]) return false;
    return true;
    }

    /** Whether the bytes from {@code from} can begin a status line: "HTTP/" in any case, as the parser's pattern wants. */
    private static boolean couldStartStatusLine(byte[] buf, int from, int len) {
    String prefix = "http/";
    for (int i = 0; i < prefix.length() && from + i < len; i++) {
        int c = buf[from + i] & 0xff;
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if (c != prefix.charAt(i)) return false;
    }
    return true;
    }
}
