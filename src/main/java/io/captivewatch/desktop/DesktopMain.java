package io.captivewatch.desktop;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the desktop app: {@code captivewatch [--probe URL]... [--config DIR] [--minimized]}.
 * A bad command line prints one line and exits 2; a second start signals the running app and exits 0.
 */
public final class DesktopMain {
    private DesktopMain() {}

    /** Starts the app (returns while it runs on its own threads), or exits the JVM with 0 / 1 / 2. */
    public static void start(String[] args) {
        int code = run(Arrays.asList(args), System.err);
        if (code >= 0) System.exit(code);
    }

    /** Like {@link #start} without exiting: -1 when the app is running, else the exit code. */
    static int run(List<String> args, PrintStream err) {
        // AWT (the tray) and JavaFX (the windows) must load the same GTK major version, or JavaFX fails with
        // "Unable to load glass GTK library" once AWT has loaded GTK 2. Both honour this property.
        if (System.getProperty("jdk.gtk.version") == null) System.setProperty("jdk.gtk.version", "3");
        DesktopOptions options;
        try {
            options = DesktopOptions.parse(args);
        } catch (DesktopOptions.UsageException e) {
            err.println(io.captivewatch.core.i18n.Messages.t("cli.error", e.getMessage() + " (" + DesktopOptions.usage() + ")"));
            return 2;
        }
        try {
            return DesktopApp.start(options).isPresent() ? -1 : 0;
        } catch (IOException e) {
            err.println(io.captivewatch.core.i18n.Messages.t("cli.error", e.getMessage()));
            return 1;
        }
    }
}
