package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.MonitorState;
import io.captivewatch.core.monitor.SessionInfo;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.desktop.icons.StatusIcon;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the tray shows, derived from a {@link MonitorState}: immutable, no UI types, so the menu rules
 * ({@link TrayMenuModel}) and the tooltip text are plain functions of it.
 *
 * <p>The icon and title to show, {@link #state()}, follow from {@code paused} and {@code verdict}.
 *
 * @param verdict      the last verdict, if a check completed
 * @param networkName  the network's name for people, or null when unknown
 * @param lastCheck    when the last check finished, or null
 * @param checking     a check is running now
 * @param paused       checks are paused
 * @param pausedUntil  when the pause ends (null unless paused)
 * @param hasLoginLink the last check found a login link
 * @param sessionEndsAt when the network session announced by the captive-portal API ends, or null
 * @param sessionBytesLeft the session's bytes-remaining, if the API gave it
 * @param networkPrefs what the user chose for this network ("Don't ask again", "Always open")
 */
public record TrayStatus(Optional<Verdict> verdict, String networkName, Instant lastCheck,
                         boolean checking, boolean paused, Instant pausedUntil, boolean hasLoginLink,
                         Instant sessionEndsAt, OptionalLong sessionBytesLeft, NetworkPrefs networkPrefs) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public TrayStatus {
        verdict = verdict == null ? Optional.empty() : verdict;
        sessionBytesLeft = sessionBytesLeft == null ? OptionalLong.empty() : sessionBytesLeft;
        networkPrefs = networkPrefs == null ? NetworkPrefs.NONE : networkPrefs;
    }

    /** A status without per-network choices. */
    public TrayStatus(Optional<Verdict> verdict, String networkName, Instant lastCheck,
                      boolean checking, boolean paused, Instant pausedUntil, boolean hasLoginLink,
                      Instant sessionEndsAt, OptionalLong sessionBytesLeft) {
        this(verdict, networkName, lastCheck, checking, paused, pausedUntil, hasLoginLink, sessionEndsAt,
                sessionBytesLeft, NetworkPrefs.NONE);
    }

    /** A status without session information. */
    public TrayStatus(Optional<Verdict> verdict, String networkName, Instant lastCheck,
                      boolean checking, boolean paused, Instant pausedUntil, boolean hasLoginLink) {
        this(verdict, networkName, lastCheck, checking, paused, pausedUntil, hasLoginLink, null, OptionalLong.empty(),
                NetworkPrefs.NONE);
    }

    /** Before the monitor reported anything. */
    public static TrayStatus initial() {
        return new TrayStatus(Optional.empty(), null, null, false, false, null, false);
    }

    /** The icon and title: paused, else the last verdict's, else checking. While a re-check runs, the last verdict's stays (no flicker). */
    public StatusIcon state() {
        return paused ? StatusIcon.PAUSED : verdict.map(StatusIcon::of).orElse(StatusIcon.CHECKING);
    }

    /** The tray's view of a monitor snapshot. */
    public static TrayStatus from(MonitorState s) {
        return from(s, NetworkPrefs.NONE);
    }

    /** The same, with the user's choices for the current network (from the settings). */
    public static TrayStatus from(MonitorState s, NetworkPrefs prefs) {
        String network = s.network().map(NetworkIdentity::displayName).orElse(null);
        boolean link = s.last().flatMap(Classification::loginUrl).isPresent();
        return new TrayStatus(s.verdict(), network, s.lastCheck().orElse(null), s.checking(), s.paused(),
                s.paused() ? s.pausedUntil() : null, link,
                s.session().map(SessionInfo::expiresAt).orElse(null),
                s.session().map(SessionInfo::bytesRemaining).orElse(OptionalLong.empty()),
                s.network().isPresent() ? prefs : NetworkPrefs.NONE);
    }

    /** One line saying what the state is ("Online (checking again…)", "Checks paused until 14:05", "Checking…"). */
    public String headline(ZoneId zone) {
        StatusIcon s = state();
        if (s == StatusIcon.PAUSED && pausedUntil != null) return "Checks paused until " + TIME.format(pausedUntil.atZone(zone));
        return s.title() + (checking && s.verdict().isPresent() ? " (checking again…)" : "");
    }

    /** "Network: HotelGuest" or "Network: unknown". */
    public String networkLine() {
        return "Network: " + (networkName == null || networkName.isBlank() ? "unknown" : networkName);
    }

    /** "Last check: 14:03:12" or "Last check: not yet". */
    public String lastCheckLine(ZoneId zone) {
        return "Last check: " + (lastCheck == null ? "not yet" : TIME.format(lastCheck.atZone(zone)));
    }

    /** Whether the captive-portal API announced a session end. */
    public boolean hasSession() {
        return sessionEndsAt != null;
    }

    /**
     * "Session: 42 min left · 120 MB left" at {@code now}, or empty when no session was announced
     * ("Session: ended" once it is over, "Session: under 1 min left" in its last minute).
     */
    public Optional<String> sessionLine(Instant now) {
        if (sessionEndsAt == null) return Optional.empty();
        long secs = Math.max(0, java.time.Duration.between(now, sessionEndsAt).getSeconds());
        String time = secs == 0 ? "ended" : duration(secs) + " left";
        String bytes = sessionBytesLeft.isPresent() ? " · " + bytes(sessionBytesLeft.getAsLong()) + " left" : "";
        return Optional.of("Session: " + time + bytes);
    }

    /** "42 min", "1 h 5 min", "under 1 min" for a positive number of seconds. */
    public static String duration(long seconds) {
        if (seconds < 60) return "under 1 min";
        long min = seconds / 60;
        if (min < 60) return min + " min";
        return (min / 60) + " h" + (min % 60 == 0 ? "" : " " + (min % 60) + " min");
    }

    /** "120 MB", "1.5 GB", "900 kB", "12 bytes" (decimal units, rounded down). */
    public static String bytes(long n) {
        if (n >= 1_000_000_000L) return String.format(java.util.Locale.ROOT, "%.1f GB", Math.floor(n / 100_000_000.0) / 10);
        if (n >= 1_000_000L) return (n / 1_000_000L) + " MB";
        if (n >= 1_000L) return (n / 1_000L) + " kB";
        return n + (n == 1 ? " byte" : " bytes");
    }

    /**
     * The tray icon's tooltip: app name, state, session time (and data) left, network and last check time on one
     * line (X11 tray tooltips show no line breaks), at most 127 characters (the Windows limit).
     */
    public String tooltip(ZoneId zone) {
        return tooltip(zone, Instant.now());
    }

    /** {@link #tooltip(ZoneId)} at {@code now}. */
    public String tooltip(ZoneId zone, Instant now) {
        String t = "CaptiveWatch: " + headline(zone) + sessionLine(now).map(l -> " · " + l).orElse("")
                + " · " + networkLine() + " · " + lastCheckLine(zone);
        return t.length() <= 127 ? t : t.substring(0, 126) + "…";
    }
}
