package io.captivewatch.core.extract;

import io.captivewatch.core.probe.RecordedResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Turns a recorded body into text the way a browser would, within fixed bounds.
 *
 * <ol>
 *   <li>Content-Encoding {@code gzip}/{@code x-gzip}/{@code deflate} (zlib or raw) is undone, at most
 *       {@link #MAX_DECODED} bytes of output (a compression bomb stops at the cap; a truncated stream
 *       keeps what could be inflated). Unknown encodings (br, zstd) are left as they are.</li>
 *   <li>The charset: a byte-order mark (UTF-8, UTF-16LE/BE) wins, as in browsers; then the
 *       Content-Type charset; then a {@code <meta charset>} or {@code <meta http-equiv=content-type>}
 *       in the first {@link #PRESCAN} bytes; else UTF-8 if the bytes are valid UTF-8, windows-1252
 *       otherwise. Labels follow the WHATWG mapping where it matters: ISO-8859-1 and US-ASCII mean
 *       windows-1252, GB2312 means GBK, an unknown label is ignored.</li>
 * </ol>
 * Pure and total: malformed input gives some text, never an exception.
 */
public final class BodyText {
    /** The largest decoded (decompressed) body looked at, in bytes. */
    public static final int MAX_DECODED = 1 << 20;
    /** How far into the body a meta charset is looked for. */
    public static final int PRESCAN = 4096;
    private static final int MAX_ENCODINGS = 4;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * The decoded text and how it was obtained.
     *
     * @param text          the body as text (at most {@link #MAX_DECODED} bytes' worth)
     * @param charset       the charset used
     * @param charsetSource where the charset came from: "bom", "content-type", "meta", "utf-8 heuristic", "default"
     * @param truncated     the decoded body hit {@link #MAX_DECODED} (or the recorded body was truncated)
     * @param notes         problems met ("unknown charset label x", "gzip stream is corrupt", ...)
     */
    public record Decoded(String text, Charset charset, String charsetSource, boolean truncated, List<String> notes) {
        public Decoded {
            notes = List.copyOf(notes);
        }
    }

    private BodyText() {}

    /** The body of {@code r} as text. */
    public static String of(RecordedResponse r) {
        return decode(r).text();
    }

    /** Decodes the body of {@code r}: content encoding, then charset. */
    public static Decoded decode(RecordedResponse r) {
        List<String> notes = new ArrayList<>();
        boolean[] capped = {false};
        byte[] bytes = decompress(r.body(), r.headers().all("Content-Encoding"), MAX_DECODED, notes, capped);
        return decode(bytes, r.contentType().orElse(null), r.truncated() || capped[0], notes);
    }

    /** Decodes already-decompressed bytes with an optional Content-Type value. */
    public static Decoded decode(byte[] bytes, String contentType) {
        return decode(bytes, contentType, false, new ArrayList<>());
    }

    private static Decoded decode(byte[] bytes, String contentType, boolean truncated, List<String> notes) {
        int len = Math.min(bytes.length, MAX_DECODED);
        if (len < bytes.length) truncated = true;
        // 1. BOM
        if (len >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new Decoded(new String(bytes, 3, len - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom", truncated, notes);
        }
        if (len >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new Decoded(new String(bytes, 2, len - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, "bom", truncated, notes);
        }
        if (len >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new Decoded(new String(bytes, 2, len - 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, "bom", truncated, notes);
        }
        // 2. Content-Type
        if (contentType != null) {
            String label = charsetParam(contentType);
            if (label != null) {
                Optional<Charset> cs = lookup(label);
                if (cs.isPresent()) {
                    return new Decoded(new String(bytes, 0, len, cs.get()), cs.get(), "content-type", truncated, notes);
                }
                notes.add("unknown charset label in Content-Type: " + shorten(label));
            }
        }
        // 3. meta prescan
        String head = new String(bytes, 0, Math.min(len, PRESCAN), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (m.find()) {
            String label = m.group(1);
            Optional<Charset> cs = lookup(label);
            if (cs.isPresent()) {
                Charset c = cs.get();
                // WHATWG: a meta tag claiming UTF-16 is read as UTF-8 (the prescan itself proved it ASCII-compatible).
                if (c.name().startsWith("UTF-16")) c = StandardCharsets.UTF_8;
                return new Decoded(new String(bytes, 0, len, c), c, "meta", truncated, notes);
            }
            notes.add("unknown charset label in meta: " + shorten(label));
        }
        // 4. heuristics
        if (isUtf8(bytes, len)) {
            return new Decoded(new String(bytes, 0, len, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "utf-8 heuristic", truncated, notes);
        }
        return new Decoded(new String(bytes, 0, len, WINDOWS_1252), WINDOWS_1252, "default", truncated, notes);
    }

    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:+-]{1,40})", Pattern.CASE_INSENSITIVE);
    private static final Pattern CT_CHARSET = Pattern.compile(
            "(?:^|;)\\s*charset\\s*=\\s*(\"?)([^\";,\\s]{1,40})\\1", Pattern.CASE_INSENSITIVE);

    /** The charset parameter of a Content-Type value, or null. */
    static String charsetParam(String contentType) {
        if (contentType.length() > 1024) contentType = contentType.substring(0, 1024);
        Matcher m = CT_CHARSET.matcher(contentType);
        return m.find() ? m.group(2) : null;
    }

    /** Maps a charset label to a Java charset the way browsers do for the labels portals use. */
    static Optional<Charset> lookup(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.startsWith("\"") || l.startsWith("'")) l = l.substring(1);
        if (l.endsWith("\"") || l.endsWith("'")) l = l.substring(0, l.length() - 1);
        switch (l) {
            case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252", "windows-1252", "x-cp1252":
                return Optional.of(WINDOWS_1252);
            case "gb2312", "gb_2312-80", "gbk", "x-gbk", "chinese", "csgb2312", "euc-cn":
                return Optional.of(Charset.forName("GBK"));
            case "utf8", "unicode-1-1-utf-8", "utf-8":
                return Optional.of(StandardCharsets.UTF_8);
            case "utf-16", "utf16", "unicode":
                return Optional.of(StandardCharsets.UTF_16LE); // WHATWG: "utf-16" means UTF-16LE
            default:
                break;
        }
        try {
            return Optional.of(Charset.forName(l));
        } catch (RuntimeException e) { // IllegalCharsetNameException, UnsupportedCharsetException, IllegalArgumentException
            return Optional.empty();
        }
    }

    static boolean isUtf8(byte[] bytes, int len) {
        if (validUtf8(bytes, len)) return true;
        // A multi-byte sequence cut at the very end (a truncated body) still counts as UTF-8.
        for (int k = 1; k <= 3 && k < len; k++) {
            int b = bytes[len - k] & 0xff;
            if (b >= 0xC0) return validUtf8(bytes, len - k);
            if ((b & 0xC0) != 0x80) return false;
        }
        return false;
    }

    private static boolean validUtf8(byte[] bytes, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Undoes the listed content codings (last applied first), producing at most {@code cap} bytes.
     * Unknown codings stop the decoding and leave the bytes as they are.
     */
    private static byte[] decompress(byte[] body, List<String> contentEncoding, int cap, List<String> notes, boolean[] capped) {
        List<String> codings = new ArrayList<>();
        for (String v : contentEncoding) {
            for (String c : v.split(",", 16)) {
                String t = c.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("identity")) codings.add(t);
            }
        }
        if (codings.size() > MAX_ENCODINGS) {
            notes.add("too many content codings: " + codings.size());
            return body;
        }
        byte[] data = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String c = codings.get(i);
            switch (c) {
                case "gzip", "x-gzip" -> {
                    if (!looksGzip(data)) {
                        notes.add("Content-Encoding gzip but the body is not gzip");
                        return data;
                    }
                    byte[] g = data;
                    data = inflate(() -> new GZIPInputStream(new ByteArrayInputStream(g), 8192), cap, notes, capped, "gzip");
                }
                case "deflate" -> {
                    byte[] d = data;
                    boolean zlib = d.length >= 2 && (d[0] & 0x0f) == 8 && (((d[0] & 0xff) << 8) | (d[1] & 0xff)) % 31 == 0;
                    data = inflate(() -> new InflaterInputStream(new ByteArrayInputStream(d), new Inflater(!zlib), 8192),
                            cap, notes, capped, "deflate");
                }
                default -> {
                    notes.add("content coding not supported: " + shorten(c));
                    return data;
                }
            }
        }
        return data;
    }

    private static boolean looksGzip(byte[] d) {
        return d.length >= 2 && (d[0] & 0xff) == 0x1f && (d[1] & 0xff) == 0x8b;
    }

    private interface StreamOpener {
        InputStream open() throws IOException;
    }

    private static byte[] inflate(StreamOpener opener, int cap, List<String> notes, boolean[] capped, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 64 * 1024));
        byte[] buf = new byte[8192];
        try (InputStream in = opener.open()) {
            while (out.size() < cap) {
                int n = in.read(buf, 0, Math.min(buf.length, cap - out.size()));
                if (n < 0) return out.toByteArray();
                out.write(buf, 0, n);
            }
            capped[0] = true;
            notes.add(name + " body inflates past " + cap + " bytes; cut there");
        } catch (IOException | RuntimeException e) {
            notes.add(name + " stream is truncated or corrupt; kept " + out.size() + " bytes");
        }
        return out.toByteArray();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
