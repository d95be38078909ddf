package io.captivewatch.core.probe;

/** Why a probe got no usable HTTP answer. */
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
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
