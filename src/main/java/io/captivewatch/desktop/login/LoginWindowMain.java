package io.captivewatch.desktop.login;

import io.captivewatch.core.extract.SafeUrl;
import javafx.application.Platform;

import java.io.BufferedInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The login-window process ({@code captivewatch --login-window}, started by {@link LoginWindowProcess}): one
 * {@link LoginWindow}, driven by {@link LoginProtocol} lines on stdin, reporting on stdout. It exits as soon
 * as its window closes, when stdin ends (the tray process is gone), or when JavaFX cannot start; its memory
 * goes with it. Everything else the process prints goes to stderr, so stdout carries only the protocol.
 */
public final class LoginWindowMain {
    /** The command-line argument that makes {@code Main} run this instead of the app. */
    public static final String ARGUMENT = "--login-window";
    /**
     * System property: how many seconds a process started without a window ({@link LoginWindowProcess#prepare})
     * waits for its first {@code open} before it ends (default 30).
     */
    public static final String IDLE_LIMIT_PROPERTY = "captivewatch.loginIdleSeconds";
    /** Exit code when JavaFX could not start (no display, missing natives). */
    public static final int EXIT_NO_FX = 3;

    private final PrintStream protocol;
    private boolean windowSeen; // FX thread

    private LoginWindowMain(PrintStream protocol) {
        this.protocol = protocol;
    }

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but protocol lines on stdout
        if (System.getProperty("jdk.gtk.version") == null) System.setProperty("jdk.gtk.version", "3"); // as the app
        if (!SchemeGuard.install()) { // before any page: WebKit's sub-resources go through java.net.URL
            System.err.println("captivewatch: the login window cannot restrict URL schemes; not showing pages");
            Runtime.getRuntime().halt(EXIT_NO_FX);
        }
        LoginWindowMain main = new LoginWindowMain(protocol);
        boolean debug = Boolean.getBoolean(io.captivewatch.desktop.DesktopApp.DEBUG_PROPERTY);
        long t0 = System.nanoTime();
        try {
            Platform.startup(() -> Platform.setImplicitExit(false)); // we exit ourselves, when the window closes
            if (debug) System.err.println(io.captivewatch.desktop.DesktopApp.DEBUG_PREFIX + "login process: JavaFX up " + (System.nanoTime() - t0) / 1_000_000 + " ms into main");
        } catch (RuntimeException | Error e) {
            System.err.println("captivewatch: the login window cannot start JavaFX: " + e);
            Runtime.getRuntime().halt(EXIT_NO_FX);
        }
        Platform.runLater(() -> { // before the first command: the window is built while we wait
            LoginWindow.prepare();
            if (debug) System.err.println(io.captivewatch.desktop.DesktopApp.DEBUG_PREFIX + "login process: window built " + (System.nanoTime() - t0) / 1_000_000 + " ms into main");
        });
        Thread reader = new Thread(main::readCommands, "captivewatch-login-commands");
        reader.start();
        long idle = Math.max(1, Long.getLong(IDLE_LIMIT_PROPERTY, 30));
        java.util.concurrent.CompletableFuture.delayedExecutor(idle, java.util.concurrent.TimeUnit.SECONDS)
                .execute(() -> Platform.runLater(() -> {
                    if (!main.windowSeen) main.halt(); // prepared for a prompt that did not come
                }));
    }

    /** Reads commands until stdin ends, handing each to the FX thread in order. */
    private void readCommands() {
        try (var in = new BufferedInputStream(System.in)) {
            Optional<String> line;
            while ((line = LoginProtocol.readLine(in)).isPresent()) {
                LoginProtocol.Message m = LoginProtocol.parse(line.get());
                Platform.runLater(() -> handle(m));
            }
        } catch (java.io.IOException e) {
            System.err.println("captivewatch: login window input: " + e.getMessage());
        }
        Platform.runLater(this::exit); // the tray process is gone or closed us: no window without its owner
    }

    private void handle(LoginProtocol.Message m) {
        switch (m.word()) {
            case LoginProtocol.OPEN -> {
                Optional<URI> url = SafeUrl.parse(m.argument()).filter(SafeUrl::isAcceptable);
                if (url.isEmpty()) {
                    System.err.println("captivewatch: login window refused a non-http(s) URL");
                    if (!windowSeen) exit();
                    return;
                }
                LoginWindow.open(url.get(), listener());
                windowSeen = true;
                send(LoginProtocol.SHOWN, url.get().toString());
            }
            case LoginProtocol.ONLINE -> {
                Optional<LoginWindow> w = LoginWindow.current();
                if (w.isPresent()) w.get().showOnlineAndClose();
                else exit();
            }
            case LoginProtocol.CLOSE -> exit();
            default -> System.err.println("captivewatch: login window ignored an unknown command: " + m.word());
        }
    }

    private LoginWindow.Listener listener() {
        return new LoginWindow.Listener() {
            @Override
            public void closed() {
                send(LoginProtocol.CLOSED, "");
                halt();
            }

            @Override
            public void loadFailed(URI url, String reason) {
                send(LoginProtocol.LOAD_FAILED, reason);
            }

            @Override
            public void adviceRequested(URI url, String reason) {
                send(LoginProtocol.ADVICE, reason);
            }
        };
    }

    /** Closes the window if one is open (it reports "closed" and the process ends), else ends at once. */
    private void exit() {
        Optional<LoginWindow> w = LoginWindow.current();
        if (w.isPresent()) w.get().close(); // -> listener.closed() -> halt
        else halt();
    }

    private void send(String word, String argument) {
        protocol.println(LoginProtocol.message(word, argument).line());
        protocol.flush();
    }

    /**
     * Ends the process. The window has released its WebView and deleted its data directory already, and there
     * is nothing else to save; halting skips WebKit's and the toolkit's teardown, which can take seconds.
     */
    private void halt() {
        LoginWindow.removePrivateData(); // halting skips the shutdown hook that would
        protocol.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }
}
