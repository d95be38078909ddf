package io.captivewatch;

import io.captivewatch.cli.Cli;
import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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
        try {
            args = language(args);
        } catch (IllegalArgumentException e) {
            System.err.println(Messages.t("cli.error.usage", e.getMessage()));
            System.exit(Cli.EXIT_USAGE);
        }
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

    /**
     * Takes {@code --lang LANG} / {@code --lang=LANG} out of the arguments (any command, the app, anywhere) into the
     * {@code captivewatch.lang} property (which the login-window process inherits), and speaks the language it, or
     * else the OS, asks for. The desktop app resolves again once its settings are read ({@code DesktopApp}).
     *
     * @throws IllegalArgumentException for a language CaptiveWatch does not ship, or a missing value
     */
    static String[] language(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String tag = null;
            if (a.equals("--lang")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(Messages.t("cli.error.needsValue", "--lang"));
                tag = args[++i];
            } else if (a.startsWith("--lang=")) {
                tag = a.substring("--lang=".length());
            }
            if (tag == null) {
                rest.add(a);
                continue;
            }
            if (!tag.isBlank() && !tag.equalsIgnoreCase("system") && Languages.parse(tag).isEmpty()) {
                throw new IllegalArgumentException(Messages.t("cli.error.lang", tag, Languages.SHIPPED.stream()
                        .map(Locale::toLanguageTag).collect(Collectors.joining(", "))));
            }
            System.setProperty(Languages.PROPERTY, tag.trim());
        }
        Messages.use(Messages.of(Languages.resolve(System.getProperty(Languages.PROPERTY), null, System.getenv(),
                Locale.getDefault())));
        return rest.toArray(String[]::new);
    }
}
