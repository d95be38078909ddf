package io.captivewatch.core.probe;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.x response, bytes as they were on the wire, into a {@link RecordedResponse}: what
 * {@code captivewatch analyze}, the test corpus and the prober's plain-http requests use (the prober also
 * decides when to stop reading by the same rules, with {@link ResponseFramer}). Lenient where browsers are lenient, strict
 * and bounded where leniency would be unsafe:
 * <ul>
 *   <li>status line {@code HTTP/1.0} or {@code HTTP/1.1} (also {@code HTTP/2} as {@code curl -i} prints it),
 *       reason phrase optional; leading empty lines and a UTF-8 byte-order mark are skipped; interim
 *       1xx responses ({@code 100 Continue}) before the final one are skipped;</li>
 *   <li>lines end in CRLF or bare LF; obsolete line folding is joined with one space; duplicate fields
 *       are kept in order; lines without a colon are ignored (with a note);</li>
 *   <li>the body is framed by {@code Transfer-Encoding: chunked} (de-chunked; a missing last chunk or a
 *       short chunk marks it truncated), else {@code Content-Length} (a short body is truncated, extra
 *       bytes ignored), else it runs to the end of the input; 1xx, 204 and 304 have no body;</li>
 *   <li>at most {@link ProbeLimits#maxBodyBytes()} body bytes are kept (then {@code truncated}); more than
 *       {@link ProbeLimits#maxHeaderFields()} fields or a head over {@link ProbeLimits#maxHeadBytes()} is an error.</li>
 * </ul>
 * Header values are decoded as UTF-8 when they are valid UTF-8, else as ISO-8859-1. The parser is pure and
 * total: any input gives a response or a {@link MalformedResponseException} with a one-line reason.
 *
 * <p>Over 400 lines on purpose: it is one grammar (status line, fields, three body framings, chunks,
 * trailers, each leniency with its note) whose rules {@link ResponseFramer} reuses (head, {@code framing},
 * chunk-size line), so they exist once. The framer keeps only what incremental reading needs (where it is
 * in a message that may be half-arrived); the property tests pin that both stop at the same byte.
 */
public final class RawHttpResponseParser {

    /** A parsed response with notes on every leniency that was needed ("obsolete line folding", ...). */
    public record Result(RecordedResponse response, List<String> notes) {
        public Result {
            Objects.requireNonNull(response, "response");
            notes = List.copyOf(notes);
        }
    }

    private static final Pattern STATUS_LINE =
            Pattern.compile("(?i)HTTP/(\\d)(?:\\.(\\d))?[ \\t]+(\\d{3})(?:[ \\t]+(.*?))?[ \\t]*");
    private static final int MAX_INTERIM_RESPONSES = 16;
    static final int MAX_CHUNK_LINE = 4096;

    private RawHttpResponseParser() {}

    /** Parses with {@link ProbeLimits#DEFAULT}. */
    public static RecordedResponse parse(byte[] raw, URI requestUrl) throws MalformedResponseException {
        return parseWithNotes(raw, requestUrl, ProbeLimits.DEFAULT).response();
    }

    /** Parses with {@link ProbeLimits#DEFAULT}, keeping the notes. */
    public static Result parseWithNotes(byte[] raw, URI requestUrl) throws MalformedResponseException {
        return parseWithNotes(raw, requestUrl, ProbeLimits.DEFAULT);
    }

    /**
     * Parses {@code raw} as the response that answered {@code requestUrl}.
     *
     * @throws MalformedResponseException if there is no HTTP status line, or a limit is exceeded
     */
    public static Result parseWithNotes(byte[] raw, URI requestUrl, ProbeLimits limits) throws MalformedResponseException {
        Objects.requireNonNull(raw, "raw");
        return parseWithNotes(raw, raw.length, requestUrl, limits);
    }

    /** Parses the first {@code len} bytes of {@code raw} (a reading buffer, without copying it); the rest is not looked at. */
    static Result parseWithNotes(byte[] raw, int len, URI requestUrl, ProbeLimits limits) throws MalformedResponseException {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(limits, "limits");
        Objects.checkFromIndexSize(0, len, raw.length);
        Set<String> notes = new LinkedHashSet<>();
        int pos = 0;
        if (startsWithBom(raw, len)) {
            pos = 3;
            notes.add("skipped a UTF-8 byte-order mark");
        }
        int skipped = pos;
        pos = skipLineBreaks(raw, pos, len);
        if (pos > skipped) notes.add("skipped empty lines before the status line");
        if (pos >= len) throw new MalformedResponseException("empty input: no HTTP status line");

        for (int interim = 0; ; interim++) {
            Head head = readHead(raw, pos, len, limits, notes);
            if (isInterim(head.status, interim) && head.complete && head.end < len) {
                notes.add("skipped an interim " + head.status + " response");
                pos = head.end;
                continue;
            }
            return new Result(body(raw, len, requestUrl, head, limits, notes), new ArrayList<>(notes));
        }
    }

    static boolean startsWithBom(byte[] raw, int len) {
        return len >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF;
    }

    static int skipLineBreaks(byte[] raw, int pos, int len) {
        while (pos < len && (raw[pos] == '\r' || raw[pos] == '\n')) pos++;
        return pos;
    }

    /** A 1xx other than 101 is an interim response, skipped when more follows, up to {@link #MAX_INTERIM_RESPONSES}. */
    static boolean isInterim(int status, int skippedSoFar) {
        return status >= 100 && status < 200 && status != 101 && skippedSoFar < MAX_INTERIM_RESPONSES;
    }

    /** Status line and header fields, and where the body starts. */
    static final class Head {
        int status;
        String reason = "";
        final List<Headers.Field> fields = new ArrayList<>();
        boolean complete;
        int end;
    }

    static Head readHead(byte[] raw, int start, int len, ProbeLimits limits, Set<String> notes) throws MalformedResponseException {
        Head head = new Head();
        int pos = start;
        boolean first = true;
        List<String[]> fields = new ArrayList<>(); // mutable name/value pairs, for folding
        while (true) {
            if (pos >= len) {
                if (!first) notes.add("the headers were not ended by an empty line");
                head.end = len;
                break;
            }
            int lf = indexOf(raw, (byte) '\n', pos, Math.min(len, start + limits.maxHeadBytes() + 1));
            int lineEnd = lf < 0 ? len : lf;
            if ((lf < 0 ? len : lf + 1) - start > limits.maxHeadBytes()) {
                throw new MalformedResponseException("the status line and headers are larger than "
                        + kib(limits.maxHeadBytes()) + " (limit)");
            }
            int contentEnd = lineEnd;
            if (contentEnd > pos && raw[contentEnd - 1] == '\r') contentEnd--;
            int next = lf < 0 ? len : lf + 1;
            if (first) {
                String line = new String(raw, pos, contentEnd - pos, StandardCharsets.ISO_8859_1);
                statusLine(line, head, notes);
                first = false;
                pos = next;
                continue;
            }
            if (contentEnd == pos) { // empty line: end of head
                head.complete = true;
                head.end = next;
                break;
            }
            if (lf < 0) {
                // The input ends inside this line: its value may be cut short (a Location missing its end), so
                // no part of it is kept.
                notes.add("dropped a header line cut off before its end");
                notes.add("the headers were not ended by an empty line");
                head.end = len;
                break;
            }
            byte b0 = raw[pos];
            if (b0 == ' ' || b0 == '\t') {
                String cont = decode(raw, pos, contentEnd).strip();
                if (fields.isEmpty()) {
                    notes.add("ignored a continuation line before the first header");
                } else {
                    String[] last = fields.get(fields.size() - 1);
                    last[1] = cont.isEmpty() ? last[1] : (last[1].isEmpty() ? cont : last[1] + " " + cont);
                    notes.add("joined obsolete line folding");
                }
            } else {
                int colon = indexOf(raw, (byte) ':', pos, contentEnd);
                if (colon < 0) {
                    notes.add("ignored a header line without ':'");
                } else {
                    String name = new String(raw, pos, colon - pos, StandardCharsets.ISO_8859_1);
                    String stripped = name.strip();
                    if (!stripped.equals(name)) notes.add("stripped whitespace around a header name");
                    if (stripped.isEmpty() || !isToken(stripped)) {
                        notes.add("ignored a header with an invalid name");
                    } else {
                        if (fields.size() >= limits.maxHeaderFields()) {
                            throw new MalformedResponseException("more than " + limits.maxHeaderFields()
                                    + " header fields (limit)");
                        }
                        fields.add(new String[]{stripped, decode(raw, colon + 1, contentEnd).strip()});
                    }
                }
            }
            pos = next;
        }
        for (String[] f : fields) head.fields.add(new Headers.Field(f[0], f[1]));
        return head;
    }

    static void statusLine(String line, Head head, Set<String> notes) throws MalformedResponseException {
        Matcher m = STATUS_LINE.matcher(line);
        if (!m.matches()) {
            throw new MalformedResponseException("not an HTTP response: first line is '" + printable(line) + "'");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (major < 1 || major > 3) {
            throw new MalformedResponseException("unsupported HTTP version " + major + "." + minor + " in '" + printable(line) + "'");
        }
        if (major != 1) notes.add("read an HTTP/" + major + " status line as HTTP/1.1 (as curl -i prints it)");
        if (!line.startsWith("HTTP/")) notes.add("accepted a lower-case HTTP version");
        int status = Integer.parseInt(m.group(3));
        if (status < 100) {
            throw new MalformedResponseException("status code " + m.group(3) + " is out of range (100-999)");
        }
        head.status = status;
        head.reason = m.group(4) == null ? "" : m.group(4);
        if (m.group(4) == null) notes.add("the status line has no reason phrase");
    }

    /** How the body of a final response is delimited. */
    enum Delimiting { NONE, CHUNKED, LENGTH, TO_END }

    record BodyFraming(Delimiting how, long length) {}

    /**
     * The one rule for where the body of a final response ends, used both to parse and (by {@link ResponseFramer}) to
     * decide when to stop reading: no body for 1xx, 204 and 304; chunked when the last transfer coding is
     * chunked (it wins over Content-Length); to the end for any other transfer coding; else Content-Length
     * (a list of equal values counts as one; conflicting values are an error; an unusable one is ignored);
     * else to the end.
     */
    static BodyFraming framing(int status, Headers headers, Set<String> notes) throws MalformedResponseException {
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) return new BodyFraming(Delimiting.NONE, 0);
        if (isChunked(headers)) {
            if (headers.has("Content-Length")) notes.add("ignored Content-Length: Transfer-Encoding chunked takes precedence");
            return new BodyFraming(Delimiting.CHUNKED, -1);
        }
        if (!headers.all("Transfer-Encoding").isEmpty()) {
            notes.add("Transfer-Encoding without chunked: the body runs to the end of the input");
            return new BodyFraming(Delimiting.TO_END, -1);
        }
        long length = contentLength(headers, notes);
        return length < 0 ? new BodyFraming(Delimiting.TO_END, -1) : new BodyFraming(Delimiting.LENGTH, length);
    }

    private static RecordedResponse body(byte[] raw, int len, URI url, Head head, ProbeLimits limits, Set<String> notes)
            throws MalformedResponseException {
        Headers headers = Headers.of(head.fields);
        int start = head.end;
        int available = len - start;
        Body body = new Body(limits.maxBodyBytes());
        int s = head.status;
        BodyFraming framing = framing(s, headers, notes);
        switch (framing.how()) {
            case NONE -> {
                if (available > 0) notes.add("ignored " + available + " bytes after a " + s + " response (it has no body)");
            }
            case CHUNKED -> dechunk(raw, start, len, body, notes);
            case TO_END -> body.append(raw, start, available);
            case LENGTH -> {
                long length = framing.length();
                if (available < length) {
                    body.append(raw, start, available);
                    body.truncated = true;
                    notes.add("the body is shorter than its Content-Length (" + available + " of " + length + " bytes)");
                } else {
                    body.append(raw, start, (int) length);
                    if (available > length) notes.add("ignored " + (available - length) + " bytes after the Content-Length body");
                }
            }
        }
        return new RecordedResponse(url, s, head.reason, headers, body.bytes(), body.truncated, -1);
    }

    /** -1 when absent or unusable (then the body runs to the end). */
    private static long contentLength(Headers headers, Set<String> notes) throws MalformedResponseException {
        List<String> values = headers.all("Content-Length");
        if (values.isEmpty()) return -1;
        long found = -1;
        for (String v : values) {
            for (String part : v.split(",", -1)) {
                String p = part.strip();
                if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    notes.add("ignored an invalid Content-Length '" + printable(v) + "': the body runs to the end of the input");
                    return -1;
                }
                long n = Long.parseLong(p);
                if (found >= 0 && n != found) {
                    throw new MalformedResponseException("conflicting Content-Length values " + values);
                }
                found = n;
            }
        }
        return found;
    }

    private static boolean isChunked(Headers headers) {
        List<String> te = headers.all("Transfer-Encoding");
        if (te.isEmpty()) return false;
        String joined = String.join(",", te);
        String[] codings = joined.split(",");
        for (int i = codings.length - 1; i >= 0; i--) {
            String c = codings[i].strip();
            if (!c.isEmpty()) return c.toLowerCase(Locale.ROOT).equals("chunked");
        }
        return false;
    }

    /** The size on the chunk-size line {@code raw[from, lf)} (extensions after ';' ignored), or -1 if it is not one. */
    static long chunkSize(byte[] raw, int from, int lf) {
        String line = new String(raw, from, lf - from, StandardCharsets.ISO_8859_1);
        int semi = line.indexOf(';');
        String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) return -1;
        return Long.parseLong(hex, 16);
    }

    private static void dechunk(byte[] raw, int start, int len, Body body, Set<String> notes) {
        int pos = start;
        while (true) {
            if (pos >= len) {
                body.truncated = true;
                notes.add("the chunked body ended without its last (0-size) chunk");
                return;
            }
            int lf = indexOf(raw, (byte) '\n', pos, Math.min(len, pos + MAX_CHUNK_LINE));
            if (lf < 0) {
                body.truncated = true;
                notes.add("the chunked body ended inside a chunk-size line");
                return;
            }
            long size = chunkSize(raw, pos, lf);
            if (size < 0) {
                body.truncated = true;
                notes.add("stopped at an invalid chunk-size line '"
                        + printable(new String(raw, pos, lf - pos, StandardCharsets.ISO_8859_1).strip()) + "'");
                return;
            }
            pos = lf + 1;
            if (size == 0) {
                // Trailer fields (ignored) up to an empty line or the end.
                while (pos < len) {
                    int e = indexOf(raw, (byte) '\n', pos, len);
                    int end = e < 0 ? len : e;
                    boolean empty = end == pos || (end == pos + 1 && raw[pos] == '\r');
                    if (!empty) notes.add("ignored trailer fields after the chunked body");
                    pos = e < 0 ? len : e + 1;
                    if (empty) break;
                }
                return;
            }
            int available = (int) Math.min(size, len - pos);
            body.append(raw, pos, available);
            pos += available;
            if (available < size) {
                body.truncated = true;
                notes.add("the last chunk is shorter than its declared size");
                return;
            }
            if (pos < len && raw[pos] == '\r') pos++;
            if (pos < len && raw[pos] == '\n') {
                pos++;
            } else if (pos < len) {
                notes.add("a chunk was not followed by a line break");
            }
        }
    }

    /** Keeps at most {@code cap} bytes; anything beyond marks it truncated. */
    private static final class Body {
        final int cap;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean truncated;

        Body(int cap) {
            this.cap = cap;
        }

        void append(byte[] b, int off, int len) {
            int room = cap - out.size();
            if (len > room) {
                truncated = true;
                len = Math.max(0, room);
            }
            out.write(b, off, len);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A header value: UTF-8 if it is valid UTF-8, else ISO-8859-1 (HTTP's historical charset). */
    static String decode(byte[] raw, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (raw[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Re-reads a header value that was decoded as ISO-8859-1 (as java.net.http does) as UTF-8 when its
     * bytes are valid UTF-8, so the prober and this parser agree on non-ASCII values.
     */
    public static String redecodeHeaderValue(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xff) return latin1; // not a Latin-1 decoding
        }
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return decode(b, 0, b.length);
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    static int indexOf(byte[] raw, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) return i;
        }
        return -1;
    }

    private static String kib(int bytes) {
        return bytes % 1024 == 0 ? (bytes / 1024) + " KiB" : bytes + " bytes";
    }

    /** At most 80 characters, control characters shown as '?'. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > 80) sb.append("...");
        return sb.toString();
    }
}
