package io.captivewatch.core.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Why a fetch (a probe, an API query) got no usable HTTP answer, and the one mapping from what
 * {@link HttpFetch} throws to a kind ({@link #of}) and a one-line detail ({@link #detail}).
 */
public enum ErrorKind {
    /** The name did not resolve. */
    DNS,
    /** The connection was refused (RST on SYN), or no route to the host. */
    REFUSED,
    /** The connection was reset or closed before a complete answer. */
    RESET,
    /** The probe's deadline ran out (connect, headers or body). */
    TIMEOUT,
    /** TLS handshake failed: a certificate the system does not trust, a hostname mismatch, or not TLS at all. */
    TLS,
    /** The server answered, but not with well-formed HTTP. */
    PROTOCOL,
    /** More redirects than we follow, or a loop. */
    TOO_MANY_REDIRECTS,
    /** The probe was not needed any more: another probe had already decided. */
    CANCELLED,
    /** Anything else (reported with its detail). */
    OTHER;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps an exception (anywhere in its cause chain) to why the fetch failed. */
    public static ErrorKind of(Throwable top) {
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) return DNS;
        }
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpFetch.DeadlineException || t instanceof TimeoutException) return TIMEOUT;
            if (t instanceof SSLException) return TLS;
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) return REFUSED;
            if (t instanceof ProtocolException) return PROTOCOL;
            if (t instanceof EOFException) return RESET;
            if (t instanceof SocketException) return RESET;
        }
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("invalid status line") || m.contains("bad response") || m.contains("invalid header")
                    || m.contains("protocol") || m.contains("chunk")) return PROTOCOL;
            if (m.contains("reset") || m.contains("closed") || m.contains("eof") || m.contains("no bytes")
                    || m.contains("broken pipe")) return RESET;
        }
        if (top instanceof IOException) return RESET;
        return OTHER;
    }

    /** The first meaningful message in {@code t}'s cause chain (else a word for this kind), at most 300 characters. */
    public String detail(Throwable t) {
        String detail = null;
        for (Throwable c = t; c != null && detail == null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && !m.startsWith("java.")) detail = m;
        }
        if (detail == null) {
            detail = switch (this) {
                case REFUSED -> "connection refused";
                case RESET -> "connection closed";
                case TIMEOUT -> "timed out";
                default -> t.getClass().getSimpleName();
            };
        }
        return detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
    }
}
