package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;
import io.captivewatch.desktop.fx.FxRuntime;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way the app opens the sign-in window, owning the whole fallback chain:
 * <ol>
 *   <li>a child process ({@link LoginWindowProcess}, the window in {@link LoginWindowMain});</li>
 *   <li>when no child can start or show it: the window in this JVM ({@link LoginWindow});</li>
 *   <li>when that cannot open either (no JavaFX, no scheme guard): the system browser ({@link BrowserLauncher}).</li>
 * </ol>
 * Whichever window shows the page, the owner hears of it through one {@link LoginEvents} (any thread; never
 * {@link LoginEvents#failed}: the launcher takes that as the cue for its next step). Methods may be called from
 * any thread and return at once.
 */
public final class LoginLauncher implements AutoCloseable {
    /** {@code -Dcaptivewatch.loginProcess=false} keeps the login window in the app's own JVM. */
    public static final String LOGIN_PROCESS_PROPERTY = "captivewatch.loginProcess";

    private final LoginEvents events;
    private final Consumer<String> debug;
    private final LoginWindowProcess process; // null: the login window runs in this JVM
    private volatile Supplier<List<String>> networkDns = List::of;

    /**
     * The app's launcher: a child process started like this JVM, unless {@value #LOGIN_PROCESS_PROPERTY} is
     * {@code false}.
     */
    public static LoginLauncher forThisApp(LoginEvents events, Consumer<String> debug) {
        boolean child = Boolean.parseBoolean(System.getProperty(LOGIN_PROCESS_PROPERTY, "true"));
        return new LoginLauncher(child ? LoginWindowProcess::commandForThisJvm : null, events, debug);
    }

    /**
     * @param childCommand the child's command line, or null to open the window in this JVM only
     * @param events       receives what the window reports
     * @param debug        one line per event
     */
    public LoginLauncher(Supplier<List<String>> childCommand, LoginEvents events, Consumer<String> debug) {
        this.events = events;
        this.debug = debug;
        this.process = childCommand == null ? null : new LoginWindowProcess(childCommand, new FromChild(), debug);
    }

    /**
     * Where the window learns the network's own DNS servers at each open: IP literals when the last check reached
     * the portal only through them (the child then looks names up there), else empty. Only the child process
     * uses them; a window in this JVM resolves as the system does.
     */
    public void networkDns(Supplier<List<String>> servers) {
        this.networkDns = servers;
    }

    /** Opens the window on {@code url}, or brings the open one there. */
    public void open(WebUrl url) {
        if (process != null) {
            List<String> dns;
            try {
                dns = networkDns.get().stream().filter(LoginProtocol::isIpLiteral) // IP literals only
                        .limit(LoginProtocol.MAX_DNS_SERVERS).toList();
            } catch (RuntimeException e) {
                dns = List.of();
            }
            if (!dns.isEmpty()) debug.accept("login dns " + String.join(",", dns));
            process.open(url, dns); // reports "shown", or "failed" (-> openInProcess)
        } else {
            openInProcess(url);
        }
    }

    /** A window may be needed soon (the network is changing): start the child now so it shows quickly. */
    public void prepare() {
        if (process != null) process.prepare();
    }

    /** The network is online: the open window, wherever it is, says so and closes itself. */
    public void online() {
        if (process != null && process.isRunning()) {
            debug.accept("login online");
            process.online();
        }
        if (!FxRuntime.isStarted()) return; // no window was ever opened in this process
        FxRuntime.run(() -> LoginWindow.current().ifPresent(w -> {
            debug.accept("login online");
            w.showOnlineAndClose();
        }));
    }

    /** Closes the child's window and waits (bounded) for the child to end (on quit). */
    @Override
    public void close() {
        if (process != null) process.close();
    }

    /**
     * The login window in this JVM: the fallback when no child process can show it (and the mode for
     * {@code -D}{@value #LOGIN_PROCESS_PROPERTY}{@code =false}). Falls back to the browser in turn.
     */
    private void openInProcess(WebUrl url) {
        FxRuntime.run(() -> {
            try {
                LoginWindow.open(url, events);
                events.shown(url.uri());
            } catch (RuntimeException e) {
                // the sandboxed window could not open: the system browser is the fallback
                debug.accept("login window failed (" + e + "), using the browser");
                BrowserLauncher.open(url);
            }
        }, e -> {
            debug.accept("javafx unavailable (" + e + "), using the browser");
            BrowserLauncher.open(url);
        });
    }

    /** The child's reports: passed on, except "failed", which moves the sign-in to the next step. */
    private final class FromChild implements LoginEvents {
        @Override
        public void shown(URI url) {
            events.shown(url);
        }

        @Override
        public void pageActivity() {
            events.pageActivity();
        }

        @Override
        public void loadFailed(URI url, String reason) {
            events.loadFailed(url, reason);
        }

        @Override
        public void adviceRequested(URI url, String reason) {
            events.adviceRequested(url, reason);
        }

        @Override
        public void blocked(BlockedEvent event) {
            events.blocked(event);
        }

        @Override
        public void closed() {
            events.closed();
        }

        @Override
        public void formSubmitted(io.captivewatch.core.recipe.SubmittedForm form) {
            events.formSubmitted(form);
        }

        @Override
        public void failed(WebUrl url, String why) {
            debug.accept("login process failed (" + why + "), opening the window in this process");
            openInProcess(url);
        }
    }
}
