package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.MonitorState;
import io.captivewatch.core.monitor.NetworkIdentity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the tray shows, derived from a {@link MonitorState}: immutable, no UI types, so the menu rules
 * ({@link TrayMenuModel}) and the tooltip text are plain functions of it.
 *
 * @param state        the icon to show
 * @param verdict      the last verdict, if a check completed
 * @param networkName  the network's name for people, or null when unknown
 * @param lastCheck    when the last check finished, or null
 * @param checking     a check is running now
 * @param paused       checks are paused
 * @param pausedUntil  when the pause ends (null unless paused)
 * @param hasLoginLink the last check found a login link
 */
public record TrayStatus(TrayState state, Optional<Verdict> verdict, String networkName, Instant lastCheck,
                         boolean checking, boolean paused, Instant pausedUntil, boolean hasLoginLink) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public TrayStatus {
        verdict = verdict == null ? Optional.empty() : verdict;
    }

    /** Before the monitor reported anything. */
    public static TrayStatus initial() {
        return new TrayStatus(TrayState.CHECKING, Optional.empty(), null, null, false, false, null, false);
    }

    /** The tray's view of a monitor snapshot. While a re-check runs, the last verdict's icon stays (no flicker). */
    public static TrayStatus from(MonitorState s) {
        Optional<Verdict> v = s.verdict();
        TrayState icon = s.paused() ? TrayState.PAUSED : v.map(TrayState::of).orElse(TrayState.CHECKING);
        String network = s.network().map(NetworkIdentity::displayName).orElse(null);
        boolean link = s.last().flatMap(Classification::loginUrl).isPresent();
        return new TrayStatus(icon, v, network, s.lastCheck().orElse(null), s.checking(), s.paused(),
                s.paused() ? s.pausedUntil() : null, link);
    }

    /** One line saying what the state is ("Sign-in required", "Checks paused until 14:05", "Checking…"). */
    public String headline(ZoneId zone) {
        if (paused) {
            return pausedUntil == null ? TrayState.PAUSED.title() : "Checks paused until " + TIME.format(pausedUntil.atZone(zone));
        }
        if (verdict.isEmpty()) return TrayState.CHECKING.title();
        return TrayState.of(verdict.get()).title() + (checking ? " (checking again…)" : "");
    }

    /** "Network: HotelGuest" or "Network: unknown". */
    public String networkLine() {
        return "Network: " + (networkName == null || networkName.isBlank() ? "unknown" : networkName);
    }

    /** "Last check: 14:03:12" or "Last check: not yet". */
    public String lastCheckLine(ZoneId zone) {
        return "Last check: " + (lastCheck == null ? "not yet" : TIME.format(lastCheck.atZone(zone)));
    }

    /**
     * The tray icon's tooltip: app name, state, network and last check time on one line (X11 tray
     * tooltips show no line breaks), at most 127 characters (the Windows limit).
     */
    public String tooltip(ZoneId zone) {
        String t = "CaptiveWatch: " + headline(zone) + " · " + networkLine() + " · " + lastCheckLine(zone);
        return t.length() <= 127 ? t : t.substring(0, 126) + "…";
    }
}
