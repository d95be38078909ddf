package io.captivewatch.core.capport;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an RFC 8908 Captive Portal API said.
 *
 * @param apiUrl           the API URI that was queried
 * @param discoveredFrom   where that URI came from ("dhcp option 114 via udhcpc lease", "command line", ...)
 * @param captive          the required "captive" field
 * @param userPortalUrl    user-portal-url, if present and http(s)
 * @param venueInfoUrl     venue-info-url, if present and http(s)
 * @param secondsRemaining seconds-remaining
 * @param bytesRemaining   bytes-remaining
 * @param canExtendSession can-extend-session
 * @param warnings         deviations from the RFC (plain http, wrong content type, ...)
 */
public record CapportStatus(URI apiUrl, String discoveredFrom, boolean captive, Optional<URI> userPortalUrl,
                            Optional<URI> venueInfoUrl, OptionalLong secondsRemaining,
                            OptionalLong bytesRemaining, boolean canExtendSession, List<String> warnings) {
    public CapportStatus {
        warnings = List.copyOf(warnings);
    }
}
