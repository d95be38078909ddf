package io.captivewatch;

import io.captivewatch.cli.Cli;

/**
 * Entry point: a CLI command ({@code check}, {@code analyze}, {@code watch}, {@code help}, {@code version})
 * runs without JavaFX; no subcommand (only options such as --probe/--config/--minimized) starts the tray
 * app; {@code --login-window} is the app's own login-window process ({@code LoginWindowProcess}). Kept free
 * of JavaFX references so the CLI never loads the toolkit.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        io.captivewatch.core.probe.Prober.noDnsCaching(); // before anything can look a name up
        if (args.length > 0 && Cli.isCommand(args[0])) {
            int code = new Cli(System.out, System.err, System.in).run(args);
            System.out.flush();
            System.exit(code);
        }
        if (args.length == 1 && io.captivewatch.desktop.login.LoginWindowMain.ARGUMENT.equals(args[0])) {
            // the app's own login-window process (started by the tray, driven over stdin)
            io.captivewatch.desktop.login.LoginWindowMain.main(args);
            return;
        }
        // No subcommand: the desktop app ([--probe URL]... [--config DIR] [--minimized]; bad options exit 2).
        io.captivewatch.desktop.DesktopMain.start(args);
    }
}
