package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;
import io.captivewatch.desktop.fx.DebugLog;
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
    /**
     * System property: after how many seconds of a JavaFX thread that does not answer (a page's endless script
     * blocks it; the window is frozen for good) the process gives up and ends (default 20).
     */
    public static final String HANG_LIMIT_PROPERTY = "captivewatch.loginHangSeconds";
    /**
     * How long close, online and end of input wait for the JavaFX thread to take them before the process ends
     * without it: they must end the process whatever the page does.
     */
    static final java.time.Duration COMMAND_LIMIT = java.time.Duration.ofSeconds(3);
    /** Exit code when JavaFX could not start (no display, missing natives). */
    public static final int EXIT_NO_FX = 3;

    private final PrintStream protocol;
    private io.captivewatch.core.dns.NetworkDnsProxy dnsProxy; // FX thread only
    private volatile boolean windowSeen; // written on the FX thread
    private volatile long commandsRead; // written by the reader thread
    private volatile long fxAnswered = System.nanoTime(); // last time the FX thread ran our heartbeat

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
        speak(System.getProperty(io.captivewatch.core.i18n.Languages.PROPERTY));
        LoginWindowMain main = new LoginWindowMain(protocol);
        boolean debug = Boolean.getBoolean(DebugLog.DEBUG_PROPERTY);
        long t0 = System.nanoTime();
        try {
            Platform.startup(() -> Platform.setImplicitExit(false)); // we exit ourselves, when the window closes
            if (debug) System.err.println(DebugLog.DEBUG_PREFIX + "login process: JavaFX up " + (System.nanoTime() - t0) / 1_000_000 + " ms into main");
        } catch (RuntimeException | Error e) {
            System.err.println("captivewatch: the login window cannot start JavaFX: " + e);
            Runtime.getRuntime().halt(EXIT_NO_FX);
        }
        Platform.runLater(() -> { // before the first command: the window is built while we wait
            LoginWindow.prepare();
            if (debug) System.err.println(DebugLog.DEBUG_PREFIX + "login process: window built " + (System.nanoTime() - t0) / 1_000_000 + " ms into main");
            // then WebKit, queued behind an open that came meanwhile (that one attaches its own WebView at once)
            Platform.runLater(() -> {
                if (main.windowSeen || !LoginWindow.prepareWebView()) return;
                if (debug) System.err.println(DebugLog.DEBUG_PREFIX + "login process: WebKit started " + (System.nanoTime() - t0) / 1_000_000 + " ms into main");
            });
        });
        Thread reader = new Thread(main::readCommands, "captivewatch-login-commands");
        reader.start();
        Thread watchdog = new Thread(main::watchFxThread, "captivewatch-login-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long idle = Math.max(1, Long.getLong(IDLE_LIMIT_PROPERTY, 30));
        java.util.concurrent.CompletableFuture.delayedExecutor(idle, java.util.concurrent.TimeUnit.SECONDS)
                .execute(() -> Platform.runLater(() -> {
                    if (!main.windowSeen) main.halt(); // prepared for a prompt that did not come
                }));
    }

    /**
     * The window speaks the app's language: {@link LoginWindowProcess#commandForThisJvm} passes it as
     * {@code --lang} (which {@code Main} turns into the {@code captivewatch.lang} property and speaks already); this
     * also covers a child started with only the property. A tag that names no shipped language changes nothing.
     */
    static void speak(String tag) {
        io.captivewatch.core.i18n.Languages.parse(tag).ifPresent(l -> io.captivewatch.core.i18n.Messages.use(io.captivewatch.core.i18n.Messages.of(l)));
    }

    /**
     * Reads commands until stdin ends, handing each to the FX thread in order. The page's scripts run on that
     * thread too, and one that never ends blocks it: close, online and the end of input (the tray is gone) end
     * the process from here when the FX thread does not take them in {@link #COMMAND_LIMIT}.
     */
    private void readCommands() {
        try (var in = new BufferedInputStream(System.in)) {
            Optional<String> line;
            while ((line = LoginProtocol.readLine(in)).isPresent()) {
                LoginProtocol.Message m = LoginProtocol.parse(line.get());
                long seq = ++commandsRead;
                java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
                Platform.runLater(() -> {
                    taken.countDown();
                    handle(m);
                });
                if (m.word().equals(LoginProtocol.CLOSE)) {
                    endUnlessTaken(taken, "close");
                } else if (m.word().equals(LoginProtocol.ONLINE)) {
                    endUnlessTaken(taken, "online");
                    // the window closes by itself after its banner; should the page block that, we end anyway
                    long limit = (long) LoginWindow.LONGEST_ONLINE_TIME.toMillis() + COMMAND_LIMIT.toMillis();
                    java.util.concurrent.CompletableFuture.delayedExecutor(limit, java.util.concurrent.TimeUnit.MILLISECONDS)
                            .execute(() -> {
                                // unless a new sign-in came since (it keeps the window; the tray watches that one)
                                if (commandsRead == seq) giveUp("the window did not close after online");
                            });
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("captivewatch: login window input: " + e.getMessage());
        }
        java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
        Platform.runLater(() -> {
            taken.countDown();
            exit(); // the tray process is gone or closed us: no window without its owner
        });
        endUnlessTaken(taken, "end of input");
    }

    /** Ends the process unless the FX thread takes the command (and then ends it) within the limit. */
    private void endUnlessTaken(java.util.concurrent.CountDownLatch taken, String what) {
        try {
            if (taken.await(COMMAND_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        giveUp("the window did not take " + what + " in " + COMMAND_LIMIT.toSeconds() + " s (the page blocks it)");
    }

    /**
     * The FX heartbeat: a page that blocks the FX thread for {@link #HANG_LIMIT_PROPERTY} seconds has frozen the
     * window for good (it cannot even be closed by hand), so the process ends and the tray may open a new one.
     */
    private void watchFxThread() {
        long limit = java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.max(1, Long.getLong(HANG_LIMIT_PROPERTY, 20)));
        java.util.concurrent.atomic.AtomicBoolean posted = new java.util.concurrent.atomic.AtomicBoolean();
        while (true) {
            if (posted.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    fxAnswered = System.nanoTime();
                    posted.set(false);
                });
            }
            if (System.nanoTime() - fxAnswered > limit) {
                giveUp("the window has not answered for " + java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(limit) + " s (the page blocks it)");
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ends the process from a thread other than FX: the window is reported closed first. Any thread. */
    private void giveUp(String why) {
        System.err.println("captivewatch: login window: " + why + "; ending");
        if (windowSeen) send(LoginProtocol.CLOSED, "");
        halt();
    }

    /**
     * The page an {@code open} line asks for, or empty when its argument is not an acceptable http(s) URL: the
     * login URL's second check, where it crosses from the tray's process into this one as text.
     */
    static Optional<WebUrl> pageToOpen(LoginProtocol.Message m) {
        return WebUrl.parse(m.argument());
    }

    private void handle(LoginProtocol.Message m) {
        switch (m.word()) {
            case LoginProtocol.OPEN -> {
                Optional<WebUrl> url = pageToOpen(m);
                if (url.isEmpty()) {
                    System.err.println("captivewatch: login window refused a non-http(s) URL");
                    if (!windowSeen) exit();
                    return;
                }
                LoginWindow.open(url.get(), listener());
                windowSeen = true;
                send(LoginProtocol.SHOWN, url.get().toString());
            }
            case LoginProtocol.DNS -> useNetworkDns(m.argument());
            case LoginProtocol.ONLINE -> {
                Optional<LoginWindow> w = LoginWindow.current();
                if (w.isPresent()) w.get().showOnlineAndClose();
                else exit();
            }
            case LoginProtocol.CLOSE -> exit();
            default -> System.err.println("captivewatch: login window ignored an unknown command: " + m.word());
        }
    }

    /**
     * {@code dns SERVERS}: from now on, pages load through a loopback proxy that looks names up with these
     * servers (the network's own DNS), and the window says so. Kept for the life of the process: after sign-in
     * the proxy still resolves (the network's DNS first, then the system's). Invalid lists are ignored.
     */
    private void useNetworkDns(String argument) {
        Optional<java.util.List<String>> servers = LoginProtocol.dnsServers(argument);
        if (servers.isEmpty()) {
            System.err.println("captivewatch: login window ignored an invalid dns message");
            return;
        }
        if (dnsProxy != null && dnsProxy.servers().equals(servers.get())) return;
        try {
            io.captivewatch.core.dns.NetworkDnsProxy p = io.captivewatch.core.dns.NetworkDnsProxy.start(servers.get());
            java.net.ProxySelector.setDefault(p.selector()); // WebKit's HTTP loader asks the default selector
            if (dnsProxy != null) dnsProxy.close();
            dnsProxy = p;
            LoginWindow.useNetworkDns(servers.get());
            if (Boolean.getBoolean(DebugLog.DEBUG_PROPERTY)) {
                System.err.println(DebugLog.DEBUG_PREFIX + "login process: names through the network's DNS " + servers.get()
                        + " (proxy 127.0.0.1:" + p.port() + ")");
            }
        } catch (java.io.IOException e) {
            System.err.println("captivewatch: login window cannot use the network's DNS: " + e.getMessage());
        }
    }

    /** The window's reports, as protocol lines to the tray. */
    private LoginEvents listener() {
        return new LoginEvents() {
            @Override
            public void closed() {
                send(LoginProtocol.CLOSED, "");
                halt();
            }

            @Override
            public void pageActivity() {
                send(LoginProtocol.PAGE, "");
            }

            @Override
            public void loadFailed(URI url, String reason) {
                send(LoginProtocol.LOAD_FAILED, reason);
            }

            @Override
            public void adviceRequested(URI url, String reason) {
                send(LoginProtocol.ADVICE, reason);
            }

            @Override
            public void formSubmitted(io.captivewatch.core.recipe.SubmittedForm form) {
                send(LoginProtocol.FORM, form.toJson());
            }
        };
    }

    /** Closes the window if one is open (it reports "closed" and the process ends), else ends at once. */
    private void exit() {
        Optional<LoginWindow> w = LoginWindow.current();
        if (w.isPresent()) w.get().close(); // -> listener.closed() -> halt
        else halt();
    }

    private synchronized void send(String word, String argument) {
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
