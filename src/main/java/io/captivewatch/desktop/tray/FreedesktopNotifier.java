package io.captivewatch.desktop.tray;

import io.captivewatch.core.os.CommandRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Desktop notifications on Linux through the freedesktop Notifications service
 * ({@code org.freedesktop.Notifications.Notify} on the session bus, sent with {@code gdbus} from GLib, which
 * every GNOME, KDE and Xfce desktop has). They look like every other app's notifications, where AWT's
 * {@code TrayIcon.displayMessage} draws its own box, and they cost the tray process nothing: the balloon loads
 * GTK and, through it, Mesa's GL (~90 MiB of RSS) into the JVM for good.
 *
 * <p>A new notification replaces the previous one, so a flapping network leaves one notice, not a stack.
 * Every call is bounded ({@link #CALL_LIMIT}); when the service is missing or fails, {@link #send} says so and
 * the caller falls back to the AWT balloon.
 */
public final class FreedesktopNotifier {
    /** How long one Notify call may take (D-Bus may start the notification daemon on the first one). */
    public static final Duration CALL_LIMIT = Duration.ofSeconds(5);
    /** How long a notification stays, in ms (the daemon may override it). */
    static final int EXPIRE_MS = 10_000;
    /** The desktop entry the notification belongs to (packaging/linux/captivewatch.desktop). */
    static final String DESKTOP_ENTRY = "captivewatch";
    /** The icon name installed with the app. */
    static final String ICON = "io.captivewatch.CaptiveWatch";

    private static final Pattern ID = Pattern.compile("^\\(uint32 (\\d+),\\)\\s*$");

    private final CommandRunner runner;
    private volatile int lastId;

    FreedesktopNotifier(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * A notifier for this desktop session, or empty where there is none to talk to: not Linux, no session bus
     * ({@code DBUS_SESSION_BUS_ADDRESS} unset and no {@code $XDG_RUNTIME_DIR/bus}), or no {@code gdbus}.
     */
    public static Optional<FreedesktopNotifier> forThisSession() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) return Optional.empty();
        if (!hasSessionBus(System.getenv())) return Optional.empty();
        if (!CommandRunner.onPath("gdbus")) return Optional.empty();
        return Optional.of(new FreedesktopNotifier(CommandRunner.system()));
    }

    static boolean hasSessionBus(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) return true;
        String runtime = env.get("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
    }

    /**
     * Shows a notification, replacing this notifier's previous one. Blocks for at most {@link #CALL_LIMIT}.
     *
     * @return true when the notification service accepted it
     */
    public boolean send(String title, String body) {
        CommandRunner.Result r = runner.run(command(lastId, title, body), CALL_LIMIT);
        if (!r.ok()) return false;
        OptionalInt id = parseId(r.stdout());
        if (id.isEmpty()) return false;
        lastId = id.getAsInt();
        return true;
    }

    /** The gdbus command for one Notify call; every text argument is a GVariant string literal, body escaped for markup. */
    static List<String> command(int replacesId, String title, String body) {
        List<String> cmd = new ArrayList<>(List.of("gdbus", "call", "--session",
                "--timeout", Long.toString(CALL_LIMIT.toSeconds()),
                "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications",
                "--method", "org.freedesktop.Notifications.Notify"));
        cmd.add(gvariantString("CaptiveWatch"));          // app_name
        cmd.add("uint32 " + Math.max(0, replacesId));     // replaces_id
        cmd.add(gvariantString(ICON));                     // app_icon
        cmd.add(gvariantString(title));                    // summary (plain text)
        cmd.add(gvariantString(markupEscape(body)));       // body (servers may read it as markup)
        cmd.add("@as []");                                 // actions
        cmd.add("{'desktop-entry': <" + gvariantString(DESKTOP_ENTRY) + ">, 'urgency': <byte 1>}"); // hints
        cmd.add("int32 " + EXPIRE_MS);                     // expire_timeout
        return cmd;
    }

    /** A GVariant text-format string literal: single quotes, with backslash, quote and control characters escaped. */
    static String gvariantString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('\'').toString();
    }

    /** Escapes the characters the notification body markup gives meaning to. */
    static String markupEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The notification id from gdbus's reply {@code (uint32 7,)}. */
    static OptionalInt parseId(String out) {
        Matcher m = ID.matcher(out.strip());
        if (!m.matches()) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseUnsignedInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
