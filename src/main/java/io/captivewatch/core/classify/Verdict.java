package io.captivewatch.core.classify;

import io.captivewatch.core.i18n.Messages;

import java.util.Locale;

/** What a check concluded about this network. Order is severity for combining probes: see {@link Classifier}. */
public enum Verdict {
    ONLINE(0, "Online"),
    CAPTIVE(10, "Sign-in required (captive portal)"),
    AUTH_REQUIRED(11, "Server asks for credentials (HTTP 401)"),
    PROXY_AUTH_REQUIRED(12, "Proxy asks for credentials (HTTP 407)"),
    LIMITED(13, "Limited connectivity"),
    OFFLINE(20, "Offline");

    private final int exitCode;
    private final String title;

    Verdict(int exitCode, String title) {
        this.exitCode = exitCode;
        this.title = title;
    }

    /** The CLI's exit code for this verdict (ARCHITECTURE.md). */
    public int exitCode() {
        return exitCode;
    }

    /** Short title for people, in the process's language ({@code verdict.<jsonName>} in the bundles). */
    public String title() {
        return title(Messages.current());
    }

    /** Short title in {@code m}'s language. */
    public String title(Messages m) {
        return m.get("verdict." + jsonName());
    }

    /** The English title (JSON reports, logs). */
    public String englishTitle() {
        return title;
    }

    /** The JSON spelling: online, captive, auth_required, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
