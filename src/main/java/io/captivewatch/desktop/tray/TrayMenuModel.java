package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Verdict;

import java.util.List;

/**
 * The tray menu as data: which items exist, their labels, and which are enabled for a status.
 * Every tray renders exactly this, with the labels in the app's language from {@link TrayText#entries}; the English
 * labels here are for tests and logs.
 */
public final class TrayMenuModel {

    /** Menu items, in menu order. */
    public enum Item {
        CHECK_NOW, SIGN_IN, ADVICE, DETAILS, ABOUT_NETWORK, NEVER_ASK_HERE, ALWAYS_OPEN_HERE, PAUSE, SETTINGS, QUIT;

        /** A stable id for UI nodes and tests ("checkNow", "signIn", ...). */
        public String id() {
            String[] parts = name().toLowerCase(java.util.Locale.ROOT).split("_");
            StringBuilder b = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            return b.toString();
        }
    }

    /** One rendered menu entry. */
    public record Entry(Item item, String label, boolean enabled) {}

    /** Opens the network's RFC 8908 venue-info-url (issue #20); says so when the network gives none. */
    public static final String ABOUT_NETWORK_LABEL = "About this network";

    /** Per-network choices (remembered in the settings under the network's key). */
    public static final String NEVER_ASK_LABEL = "Don't ask again on this network";
    public static final String ASK_AGAIN_LABEL = "Ask again on this network";
    public static final String ALWAYS_OPEN_LABEL = "Always open the login window on this network";
    public static final String STOP_ALWAYS_OPEN_LABEL = "Stop always opening the login window here";

    /** Label of the pause item while checks run. */
    public static final String PAUSE_LABEL = "Pause checks for 1 hour";
    /** Label of the pause item while paused. */
    public static final String RESUME_LABEL = "Resume checks";

    private TrayMenuModel() {}

    /** The menu for a status. */
    public static List<Entry> entries(TrayStatus s) {
        Verdict v = s.verdict().orElse(null);
        boolean known = s.networkName() != null && !s.networkName().isBlank();
        return List.of(
                new Entry(Item.CHECK_NOW, "Check now", !s.checking()),
                new Entry(Item.SIGN_IN, "Sign in…", v == Verdict.CAPTIVE),
                new Entry(Item.ADVICE, "What can I do?…", adviceUseful(s)),
                new Entry(Item.DETAILS, "Details…", v != null),
                new Entry(Item.ABOUT_NETWORK, ABOUT_NETWORK_LABEL, v != null),
                new Entry(Item.NEVER_ASK_HERE, s.networkPrefs().neverPrompt() ? ASK_AGAIN_LABEL : NEVER_ASK_LABEL, known),
                new Entry(Item.ALWAYS_OPEN_HERE, s.networkPrefs().alwaysOpen() ? STOP_ALWAYS_OPEN_LABEL : ALWAYS_OPEN_LABEL, known),
                new Entry(Item.PAUSE, s.paused() ? RESUME_LABEL : PAUSE_LABEL, true),
                new Entry(Item.SETTINGS, "Settings…", true),
                new Entry(Item.QUIT, "Quit", true));
    }

    /**
     * Advice helps when there is no portal page to open: a portal without a login link, or a verdict
     * that is not a portal at all (401/407, limited, offline).
     */
    public static boolean adviceUseful(TrayStatus s) {
        Verdict v = s.verdict().orElse(null);
        if (v == null || v == Verdict.ONLINE) return false;
        return v != Verdict.CAPTIVE || !s.hasLoginLink();
    }

    /** The entry for one item. */
    public static Entry entry(TrayStatus s, Item item) {
        return entries(s).stream().filter(e -> e.item() == item).findFirst().orElseThrow();
    }
}
