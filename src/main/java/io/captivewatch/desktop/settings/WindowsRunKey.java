package io.captivewatch.desktop.settings;

import io.captivewatch.core.os.CommandRunner;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Windows: a value in the current user's Run key, managed with {@code reg.exe}. */
public final class WindowsRunKey implements Autostart {
    /** The registry key that Windows reads at login. */
    public static final String RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    /** The value name under {@link #RUN_KEY}. */
    public static final String VALUE_NAME = "CaptiveWatch";

    private final Optional<List<String>> launcher;
    private final CommandRunner runner;

    /**
     * @param launcher the command that starts the app, without {@code --minimized}
     * @param runner   runs {@code reg.exe} (each run bounded by {@value #REG_TIMEOUT_SECONDS} s);
     *                 {@link Autostart#forCurrentOs} passes {@link CommandRunner#systemWithStderr()}, which keeps
     *                 reg's error text ("ERROR: Access is denied.")
     */
    public WindowsRunKey(Optional<List<String>> launcher, CommandRunner runner) {
        this.launcher = Objects.requireNonNull(launcher);
        this.runner = Objects.requireNonNull(runner);
    }

    /** Seconds {@code reg.exe} may take. */
    public static final long REG_TIMEOUT_SECONDS = 15;

    @Override
    public boolean isEnabled() throws IOException {
        return ran(queryCommand()).exitCode() == 0;
    }

    @Override
    public void enable() throws IOException {
        CommandRunner.Result r = ran(enableCommand(Launcher.require(launcher)));
        if (r.exitCode() != 0) {
            throw new IOException("reg add failed (exit " + r.exitCode() + "): " + r.stdout().strip());
        }
    }

    @Override
    public void disable() throws IOException {
        if (!isEnabled()) return;
        CommandRunner.Result r = ran(disableCommand());
        if (r.exitCode() != 0) {
            throw new IOException("reg delete failed (exit " + r.exitCode() + "): " + r.stdout().strip());
        }
    }

    /**
     * Runs {@code command} with {@link CommandRunner} (bounded output, killed at the deadline); one that
     * could not run (reg missing: exit 127, cannot start, interrupted) or did not finish is an IOException.
     */
    private CommandRunner.Result ran(List<String> command) throws IOException {
        CommandRunner.Result r = runner.run(command, Duration.ofSeconds(REG_TIMEOUT_SECONDS));
        String what = String.join(" ", command.subList(0, 2));
        if (r.timedOut()) throw new IOException(what + " did not finish within " + REG_TIMEOUT_SECONDS + " s");
        if (r.problem().isPresent()) throw new IOException(what + ": " + r.problem().get());
        return r;
    }

    @Override
    public boolean canEnable() {
        return launcher.isPresent();
    }

    @Override
    public String location() {
        return RUN_KEY + "\\" + VALUE_NAME;
    }

    /** The Run value: the launcher and its arguments, each quoted as Windows command lines expect, plus {@code --minimized}. */
    public static String runValue(List<String> command) {
        List<String> all = new ArrayList<>(command);
        all.add(Autostart.MINIMIZED);
        StringBuilder b = new StringBuilder();
        for (String a : all) {
            if (b.length() > 0) b.append(' ');
            b.append(a.isEmpty() || a.matches(".*[\\s\"].*") ? "\"" + a.replace("\"", "\\\"") + "\"" : a);
        }
        return b.toString();
    }

    /**
     * {@code reg add <Run> /v CaptiveWatch /t REG_SZ /d <value> /f}. The value's own quotes are
     * backslash-escaped because ProcessBuilder wraps the argument in quotes (it contains spaces) without
     * escaping them, and reg.exe parses its command line with the C runtime's rules.
     */
    public static List<String> enableCommand(List<String> command) {
        return List.of("reg", "add", RUN_KEY, "/v", VALUE_NAME, "/t", "REG_SZ",
                "/d", runValue(command).replace("\"", "\\\""), "/f");
    }

    /** {@code reg delete <Run> /v CaptiveWatch /f}. */
    public static List<String> disableCommand() {
        return List.of("reg", "delete", RUN_KEY, "/v", VALUE_NAME, "/f");
    }

    /** {@code reg query <Run> /v CaptiveWatch}: exit code 0 when the value exists. */
    public static List<String> queryCommand() {
        return List.of("reg", "query", RUN_KEY, "/v", VALUE_NAME);
    }
}
