package io.captivewatch.core.probe;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * When has a plain HTTP/1.x response arrived in full? The prober reads its own socket with
 * {@code Connection: close}, but a server may ignore that and keep the connection open: reading stops
 * as soon as the message is complete by its own framing (no body for 1xx/204/304, Content-Length, the
 * last chunk), else at EOF. Malformed heads count as complete: the parser then says what is wrong.
 * Pure and bounded by the bytes given.
 */
final class PlainMessage {
    private PlainMessage() {}

    static boolean complete(byte[] raw) {
        int start = 0;
        for (int interim = 0; interim < 10; interim++) { // 100 Continue and friends before the real answer
            int headEnd = headEnd(raw, start);
            if (headEnd < 0) return false;
            String head = new String(raw, start, headEnd - start, StandardCharsets.ISO_8859_1);
            int status = status(head);
            if (status < 0) return true;
            if (status >= 100 && status < 200 && status != 101) {
                start = headEnd;
                continue;
            }
            if (status == 204 || status == 304) return true;
            String lower = head.toLowerCase(Locale.ROOT);
            if (headerContains(lower, "transfer-encoding", "chunked")) return chunkedComplete(raw, headEnd);
            long length = contentLength(lower);
            if (length >= 0) return raw.length - headEnd >= length;
            return false; // delimited by EOF
        }
        return true;
    }

    /** Index just past the blank line ending the head that starts at {@code from}, or -1. */
    static int headEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] != '\n') continue;
            if (i + 1 < raw.length && raw[i + 1] == '\n') return i + 2;
            if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    private static int status(String head) {
        int sp = head.indexOf(' ');
        if (!head.startsWith("HTTP/") || sp < 0 || head.length() < sp + 4) return -1;
        try {
            return Integer.parseInt(head.substring(sp + 1, sp + 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean headerContains(String lowerHead, String name, String token) {
        for (String line : lowerHead.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name) && line.substring(colon + 1).contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static long contentLength(String lowerHead) {
        for (String line : lowerHead.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1; // unreadable: read to EOF, as the parser does
                }
            }
        }
        return -1;
    }

    /** Whether the chunked body starting at {@code pos} has its last chunk and the blank line after trailers. */
    private static boolean chunkedComplete(byte[] raw, int pos) {
        while (pos < raw.length) {
            int lf = indexOf(raw, pos);
            if (lf < 0) return false;
            String line = new String(raw, pos, lf - pos, StandardCharsets.ISO_8859_1).trim();
            int semi = line.indexOf(';');
            if (semi >= 0) line = line.substring(0, semi).trim();
            long size;
            try {
                size = Long.parseLong(line, 16);
            } catch (NumberFormatException e) {
                return true; // not chunked after all: the parser will say so
            }
            if (size < 0) return true;
            if (size == 0) {
                // trailers, then a blank line
                int p = lf + 1;
                while (p < raw.length) {
                    int end = indexOf(raw, p);
                    if (end < 0) return false;
                    if (end == p || (end == p + 1 && raw[p] == '\r')) return true;
                    p = end + 1;
                }
                return false;
            }
            long next = lf + 1 + size;
            if (next >= raw.length) return false;
            int after = indexOf(raw, (int) next);
            if (after < 0) return false;
            pos = after + 1;
        }
        return false;
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) if (raw[i] == '\n') return i;
        return -1;
    }
}
