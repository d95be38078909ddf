package io.captivewatch.desktop.login;

import java.time.Instant;

/**
 * Something the sign-in window refused to do for a page, as logged and reported to the listener.
 *
 * @param kind    what was refused
 * @param target  the URL (or dialog text) concerned, shortened
 * @param message the sentence shown in the status line
 * @param at      when
 */
public record BlockedEvent(Kind kind, String target, String message, Instant at) {
    public enum Kind {
        /** A navigation of the page to a non-http(s) URL (location change, file:, data:, custom scheme). */
        NAVIGATION,
        /** A click on a javascript:, file:, data: ... link or a form submitted to one. */
        LINK,
        /** A response the window does not display (attachment, binary type). */
        DOWNLOAD,
        /** An alert/confirm/prompt beyond the rate limit. */
        DIALOG,
        /** A page whose TLS certificate did not verify. */
        CERTIFICATE
    }
}
