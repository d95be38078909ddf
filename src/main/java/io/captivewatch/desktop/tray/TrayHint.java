package io.captivewatch.desktop.tray;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What to tell a user whose desktop shows no tray icon, once, in the status window: on GNOME (stock Fedora, Debian,
 * most Wayland sessions) there is no StatusNotifierItem host and no XEmbed tray unless the AppIndicator extension
 * is enabled. Other desktops without a tray get no hint (there is no one recipe to give).
 */
public final class TrayHint {
    /** The hint on GNOME. */
    public static final String GNOME = "No tray icon: GNOME shows none on its own. To have CaptiveWatch in the top bar "
            + "instead of this window, enable the AppIndicator extension (package gnome-shell-extension-appindicator, "
            + "or \"AppIndicator and KStatusNotifierItem Support\" in Extensions), log out and back in, and start "
            + "CaptiveWatch again.";

    private TrayHint() {}

    /** The hint for this session (only asked for when neither an SNI host nor an XEmbed tray is there). */
    public static Optional<String> forThisSession() {
        return forDesktop(System.getenv());
    }

    /** The hint for a desktop named by {@code XDG_CURRENT_DESKTOP} (a colon-separated list, e.g. "ubuntu:GNOME"). */
    static Optional<String> forDesktop(Map<String, String> env) {
        String desktops = env.getOrDefault("XDG_CURRENT_DESKTOP", "");
        for (String d : desktops.split(":")) {
            if (d.strip().toLowerCase(Locale.ROOT).equals("gnome")) return Optional.of(GNOME);
        }
        return Optional.empty();
    }
}
