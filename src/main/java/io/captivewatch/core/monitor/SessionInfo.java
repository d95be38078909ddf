package io.captivewatch.core.monitor;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.url.WebUrl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The network session the captive-portal API (RFC 8908) announced: when it ends and what is left of it.
 * Immutable.
 *
 * @param expiresAt      when the session ends: the check's time plus the API's seconds-remaining
 * @param bytesRemaining the API's bytes-remaining, if given
 * @param userPortalUrl  the API's user-portal-url (http(s) only), where the user can sign in again / extend
 * @param canExtend      the API's can-extend-session
 */
public record SessionInfo(Instant expiresAt, OptionalLong bytesRemaining, Optional<WebUrl> userPortalUrl, boolean canExtend) {

    public SessionInfo {
        Objects.requireNonNull(expiresAt, "expiresAt");
        bytesRemaining = bytesRemaining == null ? OptionalLong.empty() : bytesRemaining;
        userPortalUrl = userPortalUrl == null ? Optional.empty() : userPortalUrl;
    }

    /**
     * The session an API answer describes, checked at {@code checkedAt}: present only when the API says
     * "not captive" and gives seconds-remaining (negative values count as zero).
     */
    public static Optional<SessionInfo> from(CapportStatus s, Instant checkedAt) {
        if (s == null || s.captive() || s.secondsRemaining().isEmpty()) return Optional.empty();
        long secs = Math.max(0, s.secondsRemaining().getAsLong());
        OptionalLong bytes = s.bytesRemaining().isPresent()
                ? OptionalLong.of(Math.max(0, s.bytesRemaining().getAsLong())) : OptionalLong.empty();
        return Optional.of(new SessionInfo(checkedAt.plusSeconds(secs), bytes, s.userPortalUrl().flatMap(WebUrl::of), s.canExtendSession()));
    }

    /** Time left at {@code now}, never negative. */
    public Duration remaining(Instant now) {
        Duration d = Duration.between(now, expiresAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Whole seconds left at {@code now}, never negative. */
    public long secondsRemaining(Instant now) {
        return remaining(now).getSeconds();
    }
}
