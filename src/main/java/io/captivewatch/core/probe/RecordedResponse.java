package io.captivewatch.core.probe;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP response as received: the URL that was asked for, status line, headers and a bounded
 * prefix of the body (already de-chunked; content-encoding, if any, is left as sent and handled by
 * {@link io.captivewatch.core.extract.BodyText}). Immutable: the body array is copied in and out.
 *
 * @param url        the request URL this response answered (absolute)
 * @param status     HTTP status code (100..999)
 * @param reason     reason phrase, may be empty
 * @param headers    response headers
 * @param body       body prefix, at most the prober's cap
 * @param truncated  true when the body was longer than what is kept
 * @param elapsedMs  time from request start to the end of the body read, -1 when unknown (recorded files)
 */
public record RecordedResponse(URI url, int status, String reason, Headers headers, byte[] body,
                               boolean truncated, long elapsedMs) {

    public RecordedResponse {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        reason = reason == null ? "" : reason;
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Body length without copying. */
    public int bodyLength() {
        return body.length;
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400 && status != 304;
    }

    public Optional<String> location() {
        return headers.first("Location");
    }

    public Optional<String> contentType() {
        return headers.first("Content-Type");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedResponse r && r.url.equals(url) && r.status == status
                && r.reason.equals(reason) && r.headers.equals(headers) && Arrays.equals(r.body, body)
                && r.truncated == truncated && r.elapsedMs == elapsedMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, status, reason, headers, Arrays.hashCode(body), truncated, elapsedMs);
    }

    @Override
    public String toString() {
        return "RecordedResponse[" + status + " " + url + ", " + body.length + " bytes" + (truncated ? "+" : "") + "]";
    }
}
