package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Verdict;

/** What the tray icon shows: one icon per state. */
public enum TrayState {
    /** Before the first check finished, or while a check runs with no verdict yet. */
    CHECKING("checking", "Checking…"),
    ONLINE("online", "Online"),
    CAPTIVE("captive", "Sign-in required"),
    /** HTTP 401 or 407: credentials asked for, not a captive portal. */
    AUTH("auth", "Credentials required"),
    LIMITED("limited", "Limited connectivity"),
    OFFLINE("offline", "Offline"),
    PAUSED("paused", "Checks paused");

    private final String fileName;
    private final String title;

    TrayState(String fileName, String title) {
        this.fileName = fileName;
        this.title = title;
    }

    /** Base name of the icon files (icons/&lt;name&gt;.svg, icons/png/&lt;name&gt;-&lt;size&gt;.png). */
    public String fileName() {
        return fileName;
    }

    /** Short text for tooltips and the status window. */
    public String title() {
        return title;
    }

    /** The icon state for a verdict. */
    public static TrayState of(Verdict v) {
        return switch (v) {
            case ONLINE -> ONLINE;
            case CAPTIVE -> CAPTIVE;
            case AUTH_REQUIRED, PROXY_AUTH_REQUIRED -> AUTH;
            case LIMITED -> LIMITED;
            case OFFLINE -> OFFLINE;
        };
    }
}
