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
    /** The message key of the hint on GNOME. */
    public static final String GNOME = "tray.hint.gnome";

    /** The hint on GNOME, in the process's language. */
    public static String gnome() {
        return io.captivewatch.core.i18n.Messages.t(GNOME);
    }

    private TrayHint() {}

    /** The hint for this session (only asked for when neither an SNI host nor an XEmbed tray is there). */
    public static Optional<String> forThisSession() {
        return forDesktop(System.getenv());
    }

    /** The hint for a desktop named by {@code XDG_CURRENT_DESKTOP} (a colon-separated list, e.g. "ubuntu:GNOME"). */
    static Optional<String> forDesktop(Map<String, String> env) {
        String desktops = env.getOrDefault("XDG_CURRENT_DESKTOP", "");
        for (String d : desktops.split(":")) {
            if (d.strip().toLowerCase(Locale.ROOT).equals("gnome")) return Optional.of(gnome());
        }
        return Optional.empty();
    }
}
