package io.captivewatch.desktop.icons;

import io.captivewatch.core.classify.Verdict;

import java.util.Optional;

/**
 * What the tray shows: an icon and a title. One state per {@link Verdict}, titled by it, plus the tray's own
 * states (checking, paused). HTTP 401 and 407 are two states, told apart by their titles, that share the padlock icon.
 */
public enum StatusIcon {
    /** Before the first check finished, or while a check runs with no verdict yet. */
    CHECKING("checking", "Checking…"),
    ONLINE(Verdict.ONLINE, "online"),
    CAPTIVE(Verdict.CAPTIVE, "captive"),
    /** HTTP 401: a server asks for credentials; not a captive portal. */
    AUTH_REQUIRED(Verdict.AUTH_REQUIRED, "auth"),
    /** HTTP 407: a proxy asks for credentials; not a captive portal. */
    PROXY_AUTH_REQUIRED(Verdict.PROXY_AUTH_REQUIRED, "auth"),
    LIMITED(Verdict.LIMITED, "limited"),
    OFFLINE(Verdict.OFFLINE, "offline"),
    PAUSED("paused", "Checks paused");

    private final Verdict verdict;
    private final String fileName;
    private final String ownTitle;

    /** A state of the tray's own, with its title. */
    StatusIcon(String fileName, String title) {
        this.verdict = null;
        this.fileName = fileName;
        this.ownTitle = title;
    }

    /** The state that shows a verdict (titled by it). */
    StatusIcon(Verdict verdict, String fileName) {
        this.verdict = verdict;
        this.fileName = fileName;
        this.ownTitle = null;
    }

    /** Base name of the icon files (icons/&lt;name&gt;.svg, icons/png/&lt;name&gt;-&lt;size&gt;.png); states may share one. */
    public String fileName() {
        return fileName;
    }

    /** Short text for tooltips and the status window: the verdict's {@link Verdict#title()}, or the tray's own. */
    public String title() {
        return verdict != null ? verdict.title() : ownTitle;
    }

    /** The verdict this state shows; empty for the tray's own states. */
    public Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    /** The state for a verdict. */
    public static StatusIcon of(Verdict v) {
        for (StatusIcon s : values()) {
            if (s.verdict == v) return s;
        }
        throw new IllegalArgumentException("no tray state for " + v);
    }
}
