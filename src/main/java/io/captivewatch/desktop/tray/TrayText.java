package io.captivewatch.desktop.tray;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.desktop.icons.StatusIcon;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the tray says about a {@link TrayStatus}, in a language: the headline, network, last-check and session
 * lines, the tooltip and the menu labels. The same rules as {@link TrayStatus} and {@link TrayMenuModel}, which
 * keep their English text (for tests and logs); every tray backend renders through this (the status window, the
 * AWT tray, the StatusNotifierItem tray and its menu).
 */
public final class TrayText {
    private final Messages m;

    public TrayText(Messages m) {
        this.m = m;
    }

    /** In the process's language. */
    public static TrayText current() {
        return new TrayText(Messages.current());
    }

    /** A tray state's title: the verdict's, or "Checking…" / "Checks paused". */
    public String title(StatusIcon s) {
        return s.verdict().map(v -> v.title(m)).orElseGet(() -> m.get(s == StatusIcon.PAUSED ? "state.paused" : "state.checking"));
    }

    public String headline(TrayStatus s, ZoneId zone) {
        StatusIcon icon = s.state();
        if (icon == StatusIcon.PAUSED && s.pausedUntil() != null) return m.get("tray.headline.pausedUntil", m.time(s.pausedUntil(), zone));
        String t = title(icon);
        return s.checking() && icon.verdict().isPresent() ? m.get("tray.headline.checkingAgain", t) : t;
    }

    public String networkLine(TrayStatus s) {
        String n = s.networkName();
        return n == null || n.isBlank() ? m.get("tray.network.unknown") : m.get("tray.network", n);
    }

    public String lastCheckLine(TrayStatus s, ZoneId zone) {
        return s.lastCheck() == null ? m.get("tray.lastCheck.never") : m.get("tray.lastCheck", m.time(s.lastCheck(), zone));
    }

    public Optional<String> sessionLine(TrayStatus s, Instant now) {
        if (s.sessionEndsAt() == null) return Optional.empty();
        long secs = Math.max(0, java.time.Duration.between(now, s.sessionEndsAt()).getSeconds());
        if (secs == 0) return Optional.of(m.get("tray.session.ended"));
        return Optional.of(s.sessionBytesLeft().isPresent()
                ? m.get("tray.session.leftWithData", m.duration(secs), m.bytes(s.sessionBytesLeft().getAsLong()))
                : m.get("tray.session.left", m.duration(secs)));
    }

    /** The tooltip: one line, at most 127 characters (the Windows limit). */
    public String tooltip(TrayStatus s, ZoneId zone, Instant now) {
        String sep = m.get("tray.separator");
        StringBuilder b = new StringBuilder(headline(s, zone));
        sessionLine(s, now).ifPresent(l -> b.append(sep).append(l));
        b.append(sep).append(networkLine(s)).append(sep).append(lastCheckLine(s, zone));
        String t = m.get("tray.tooltip", b.toString());
        return t.length() <= 127 ? t : t.substring(0, 126) + "…";
    }

    /** The menu label of an entry (same item, same enabled rule as {@link TrayMenuModel#entries}). */
    public String label(TrayStatus s, TrayMenuModel.Item item) {
        return m.get(switch (item) {
            case CHECK_NOW -> "tray.menu.checkNow";
            case SIGN_IN -> "tray.menu.signIn";
            case ADVICE -> "tray.menu.advice";
            case DETAILS -> "tray.menu.details";
            case ABOUT_NETWORK -> "tray.menu.aboutNetwork";
            case NEVER_ASK_HERE -> s.networkPrefs().neverPrompt() ? "tray.menu.askAgain" : "tray.menu.neverAsk";
            case ALWAYS_OPEN_HERE -> s.networkPrefs().alwaysOpen() ? "tray.menu.stopAlwaysOpen" : "tray.menu.alwaysOpen";
            case PAUSE -> s.paused() ? "tray.menu.resume" : "tray.menu.pause";
            case SETTINGS -> "tray.menu.settings";
            case QUIT -> "tray.menu.quit";
        });
    }

    /** {@link TrayMenuModel#entries} with labels in this language. */
    public List<TrayMenuModel.Entry> entries(TrayStatus s) {
        return TrayMenuModel.entries(s).stream().map(e -> new TrayMenuModel.Entry(e.item(), label(s, e.item()), e.enabled())).toList();
    }

    public String windowTitle(TrayStatus s) {
        return m.get("tray.statusWindow.titleWithState", title(s.state()));
    }

    /** A notification as the status window shows it: "title: text". */
    public String message(String title, String text) {
        return m.get("tray.message", title, text);
    }
}
