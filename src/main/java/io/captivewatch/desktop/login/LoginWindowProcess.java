package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The login window as a short-lived child process (tray side; no JavaFX here).
 *
 * <p>Why a process: JavaFX and WebKit keep most of the native memory they take (≈150 MiB after one portal
 * page) for the life of the JVM, even after the WebView is released. A tray app that idles for days should
 * not carry that after a two-minute sign-in, so the window lives in its own JVM ({@link LoginWindowMain})
 * and all of it goes back to the OS when the window closes. A hostile page that crashes WebKit takes only
 * that process down, too.
 *
 * <p>One child at a time: {@link #open} starts one, or tells the running one to navigate and come forward.
 * The child exits when its window closes, or when our end of its stdin closes (so it never outlives the
 * tray). Every wait is bounded: a child that does not show its window within {@link #START_LIMIT} is killed
 * and reported as failed, so the caller ({@link LoginLauncher}) can fall back. A later {@code open} to a child
 * whose window is up must be answered within {@link #ANSWER_LIMIT}, or the child is taken for hung, killed and
 * the open goes to a new one. The child itself (process, stdin, reader thread) is a {@link LoginChild}. Methods
 * may be called from any thread; events arrive on the child's reader thread.
 */
public final class LoginWindowProcess implements AutoCloseable {
    /** How long a new child may take to report its window on screen (JVM + JavaFX start). */
    public static final java.time.Duration START_LIMIT = java.time.Duration.ofSeconds(30);
    /**
     * How long a child whose window is up may take to acknowledge a further {@code open} ("shown"): one that
     * does not is hung (a page's endless script blocks its JavaFX thread) and is replaced by a fresh one.
     */
    public static final java.time.Duration ANSWER_LIMIT = java.time.Duration.ofSeconds(10);
    /** How long {@link #close()} waits for the child to exit before it is killed. */
    public static final java.time.Duration EXIT_LIMIT = java.time.Duration.ofSeconds(5);

    private final Supplier<List<String>> command;
    private final LoginEvents events;
    private final Consumer<String> debug;
    private final LoginChild.Reports reports = new LoginChild.Reports() {
        @Override
        public void line(LoginChild c, LoginProtocol.Message m) {
            onLine(c, m);
        }

        @Override
        public void ended(LoginChild c) {
            onEnd(c);
        }
    };
    private LoginChild child; // guarded by this

    /**
     * @param command the child's command line ({@link #commandForThisJvm()}; tests give their own)
     * @param events  receives the child's reports (on the reader thread); {@link LoginEvents#failed} when the
     *                window could not be shown, so the caller can fall back
     * @param debug   one line per event
     */
    public LoginWindowProcess(Supplier<List<String>> command, LoginEvents events, Consumer<String> debug) {
        this.command = command;
        this.events = events;
        this.debug = debug;
    }

    /** Opens the login window on {@code url}, or sends the open one there and brings it forward. */
    public synchronized void open(WebUrl url) {
        open(url, List.of());
    }

    /**
     * As {@link #open(WebUrl)}; with {@code dns} (IP literals of the network's own DNS servers) the window looks
     * names up through them ({@code dns} before {@code open}, see {@link LoginProtocol}).
     */
    public synchronized void open(WebUrl url, List<String> dns) {
        if (child != null && (dns.isEmpty() || child.send(LoginProtocol.dns(dns)))
                && child.send(LoginProtocol.message(LoginProtocol.OPEN, url.toString()))) {
            child.pending = url;
            // every open must be answered: a prepared child within the start limit, a shown one (which may be
            // hung by its page) within the answer limit, else it is killed and the open goes to a new child
            watchStart(child, ++child.opensSent, child.shown ? ANSWER_LIMIT : START_LIMIT);
            return;
        }
        child = null;
        try {
            child = LoginChild.start(command.get(), url, dns, reports, debug);
            watchStart(child, ++child.opensSent, START_LIMIT);
        } catch (IOException | RuntimeException e) {
            debug.accept("login process could not start: " + e.getMessage());
            events.failed(url, "could not start the login window: " + e.getMessage());
        }
    }

    /**
     * Starts a window process without a window, so that a prompt expected soon (the network is changing) shows
     * without waiting for a JVM and JavaFX to start. No-op when one is running. A prepared process that gets no
     * {@link #open} ends by itself ({@link LoginWindowMain#IDLE_LIMIT_PROPERTY}, default 30 s).
     */
    public synchronized void prepare() {
        if (child != null && child.process.isAlive()) return;
        try {
            child = LoginChild.start(command.get(), null, reports, debug);
            debug.accept("login process prepared");
        } catch (IOException | RuntimeException e) {
            child = null;
            debug.accept("login process could not be prepared: " + e.getMessage()); // open() will try again
        }
    }

    /** The network is online: the window says so and closes itself. No-op without a window. */
    public synchronized void online() {
        if (child != null) child.send(LoginProtocol.message(LoginProtocol.ONLINE, ""));
    }

    /** Whether a child process is running. */
    public synchronized boolean isRunning() {
        return child != null && child.process.isAlive();
    }

    /** The running child's process (for tests). */
    public synchronized Optional<ProcessHandle> process() {
        return child == null ? Optional.empty() : Optional.of(child.process.toHandle());
    }

    /** Closes the window and waits (bounded by {@link #EXIT_LIMIT}) for the child to exit; kills it after. */
    @Override
    public void close() {
        LoginChild c;
        synchronized (this) {
            c = child;
            child = null;
        }
        if (c == null) return;
        c.send(LoginProtocol.message(LoginProtocol.CLOSE, ""));
        c.closeInput();
        try {
            if (!c.process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                debug.accept("login process did not exit in " + EXIT_LIMIT.toSeconds() + " s; killing it");
                c.process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.process.destroyForcibly();
        }
    }

    // ---- child reports (reader thread) ---------------------------------------------------------------

    private void onLine(LoginChild c, LoginProtocol.Message m) {
        switch (m.word()) {
            case LoginProtocol.SHOWN -> {
                WebUrl url = WebUrl.parse(m.argument()).orElse(null);
                synchronized (this) {
                    c.shown = true;
                    c.opensAnswered++;
                    if (url != null && url.equals(c.pending)) c.pending = null;
                }
                if (url != null) events.shown(url.uri());
            }
            case LoginProtocol.PAGE -> events.pageActivity();
            case LoginProtocol.LOAD_FAILED -> events.loadFailed(null, m.argument());
            case LoginProtocol.ADVICE -> events.adviceRequested(null, m.argument());
            case LoginProtocol.FORM -> io.captivewatch.core.recipe.SubmittedForm.fromJson(m.argument()).ifPresent(events::formSubmitted);
            case LoginProtocol.CLOSED -> {
                boolean report;
                synchronized (this) {
                    report = c.shown && !c.windowClosed;
                    c.windowClosed = true;
                    if (child == c && c.pending == null) child = null; // the next open starts afresh
                }
                if (report) events.closed();
            }
            default -> debug.accept("login process said something unknown: " + m.word());
        }
    }

    /** The child's stdout ended (it exited or is exiting). */
    private void onEnd(LoginChild c) {
        WebUrl retry;
        boolean everShown;
        boolean reported;
        synchronized (this) {
            retry = c.pending;
            everShown = c.shown;
            reported = c.windowClosed;
            c.windowClosed = true;
            c.pending = null;
            if (child == c) child = null;
        }
        try {
            c.process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (c.process.isAlive()) c.process.destroyForcibly();
        String exit = c.process.isAlive() ? "killed" : "exit " + c.process.exitValue();
        // a class archive is kept only from a process that showed its window (one that idled out lacks WebKit's)
        LoginCdsArchive.adopt(c.command, everShown && !c.process.isAlive() ? c.process.exitValue() : -1);
        debug.accept("login process ended (" + exit + ")");
        if (everShown && !reported) events.closed(); // it ended without saying so (crash, kill)
        if (retry == null) return;
        if (!everShown && c.prepared) {
            open(retry); // a prepared process that ran out of waiting as the open arrived: a fresh (unprepared) one
        } else if (!everShown) {
            // it never showed a window: starting another would most likely fail the same way
            events.failed(retry, "the login window process ended before showing the page (" + exit + ")");
        } else {
            open(retry); // an open raced with the window closing: show it in a new window
        }
    }

    /** Kills {@code c} unless it answers its {@code open} number {@code n} ("shown") within {@code limit}. */
    private void watchStart(LoginChild c, int n, java.time.Duration limit) {
        CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> onStartTimeout(c, n, limit));
    }

    private void onStartTimeout(LoginChild c, int n, java.time.Duration limit) {
        boolean kill;
        boolean wasShown;
        synchronized (this) {
            kill = c.opensAnswered < n && c.pending != null && c.process.isAlive();
            wasShown = c.shown;
        }
        if (!kill) return;
        debug.accept(wasShown
                ? "login process did not answer an open in " + limit.toSeconds() + " s (hung); killing it"
                : "login process showed no window in " + limit.toSeconds() + " s; killing it");
        c.process.destroyForcibly(); // onEnd reports the failure, or sends the open to a new child
    }

    // ---- how to start the child ------------------------------------------------------------------------

    /**
     * JVM options for the window process: a short-lived desktop JVM (serial GC, C1 only, small stacks), and the
     * JVM's own warnings on stderr, where unified logging would put them on stdout, among the protocol lines.
     */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-Xlog:disable", "-Xlog:all=warning:stderr");

    /** System properties handed down to the child (rendering, GTK, WebKit, headless test set-up, our own). */
    static final List<String> INHERITED_PROPERTY_PREFIXES = List.of("prism.", "glass.", "monocle.", "javafx.",
            "jdk.gtk.", "com.sun.webkit.", "captivewatch.", "testfx.", "java.util.logging.config.");

    /**
     * The command that starts {@link LoginWindowMain} with this JVM's runtime and class path: the runtime's own
     * {@code bin/java} when it has one, else the jpackage launcher ({@code jpackage.app-path}), which runs
     * {@code Main} with the same class path and options. Either way the child speaks this process's language: it
     * gets {@code --lang} (the launcher passes arguments on but no {@code -D} properties, so the inherited
     * {@code captivewatch.lang} alone would not reach it).
     *
     * @throws IllegalStateException when neither exists
     */
    public static List<String> commandForThisJvm() {
        return command(Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java"),
                System.getProperty("jpackage.app-path"), io.captivewatch.core.i18n.Messages.current().locale());
    }

    /** {@link #commandForThisJvm()} with this {@code java}, this jpackage {@code launcher} (may be null), in {@code language}. */
    static List<String> command(Path java, String launcher, java.util.Locale language) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(java)) {
            cmd.add(java.toString());
            cmd.addAll(CHILD_JVM_OPTIONS);
            for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
                String k = String.valueOf(e.getKey());
                if (INHERITED_PROPERTY_PREFIXES.stream().anyMatch(k::startsWith)) cmd.add("-D" + k + "=" + e.getValue());
            }
            String classPath = System.getProperty("java.class.path");
            cmd.addAll(LoginCdsArchive.jvmOptions(classPath));
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add("io.captivewatch.Main");
        } else {
            if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
                throw new IllegalStateException("no java executable in " + java.getParent() + " and no jpackage launcher");
            }
            cmd.add(launcher);
        }
        cmd.add("--lang"); // Main takes it out of the arguments wherever it is
        cmd.add(language.toLanguageTag());
        cmd.add(LoginWindowMain.ARGUMENT);
        return cmd;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
