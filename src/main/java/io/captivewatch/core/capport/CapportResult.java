package io.captivewatch.core.capport;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one RFC 8908 API query: the status, or why there is none.
 *
 * @param status   what the API said, when it answered usable JSON
 * @param failure  why there is no status, empty on success
 * @param detail   a human sentence about the failure (or "ok")
 * @param warnings deviations from the RFC (also inside {@code status} on success)
 */
public record CapportResult(Optional<CapportStatus> status, Optional<Failure> failure, String detail, List<String> warnings) {
    public CapportResult {
        warnings = List.copyOf(warnings);
    }

    /** Why a query gave no status. */
    public enum Failure {
        /** The API URI is not absolute http(s). */
        NOT_HTTP_URL,
        /** Name resolution, TCP or TLS failed. */
        CONNECT_FAILED,
        /** The deadline passed. */
        TIMEOUT,
        /** The API answered a redirect (not followed: the API must answer itself). */
        REDIRECTED,
        /** The API answered a status other than 200. */
        HTTP_STATUS,
        /** The body exceeded {@link CapportClient#MAX_BODY} bytes. */
        TOO_LARGE,
        /** The body is not JSON (the message says which content type came with it). */
        NOT_JSON,
        /** JSON, but not an object. */
        NOT_AN_OBJECT,
        /** The required boolean "captive" is missing or not a boolean. */
        MISSING_CAPTIVE,
        /** Another I/O error mid-exchange. */
        IO_ERROR,
        /** The calling thread was interrupted. */
        INTERRUPTED
    }

    /** A success carrying {@code s} (its warnings become the result's). */
    public static CapportResult ok(CapportStatus s) {
        return new CapportResult(Optional.of(s), Optional.empty(), "ok", s.warnings());
    }

    /** A failure with a reason, a sentence for humans and the warnings gathered so far. */
    public static CapportResult failed(Failure f, String detail, List<String> warnings) {
        return new CapportResult(Optional.empty(), Optional.of(f), detail, warnings);
    }

    /** Whether there is a status. */
    public boolean isOk() {
        return status.isPresent();
    }
}
