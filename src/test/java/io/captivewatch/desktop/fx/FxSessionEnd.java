package io.captivewatch.desktop.fx;

import io.captivewatch.desktop.login.LoginWindow;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends JavaFX in order once a test JVM has run all its tests, before the JVM exits.
 *
 * <p>TestFX keeps the toolkit running for the whole JVM, so without this the JVM exits with the FX thread
 * still inside WebKit (timers, layout, painting of the pages the tests left open) while the process tears
 * down WebKit's native state. That is the one way this JVM, unlike the app, ends: the tray app calls
 * {@code Platform.exit()} and the login process halts. A crash there aborts the JVM after every test has
 * passed and fails the build (CI saw it once, "Aborted" after the last test). Here the windows are closed
 * (a login window releases its WebView), {@code Platform.exit()} runs JavaFX's and WebKit's shutdown hooks,
 * and the JVM waits, bounded, for the FX thread to end.
 *
 * <p>Registered in {@code META-INF/services}; Surefire 3.5.4+ opens one launcher session per JVM.
 */
public final class FxSessionEnd implements LauncherSessionListener {
    static final Duration LIMIT = Duration.ofSeconds(20);
    static final String FX_THREAD = "JavaFX Application Thread";

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Thread fx = fxThread();
        if (fx == null) return; // this JVM never started JavaFX
        long start = System.nanoTime();
        boolean ended = end(fx, LIMIT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.err.println(ended
                ? "FxSessionEnd: JavaFX ended in " + ms + " ms, before the JVM exit"
                : "FxSessionEnd: the JavaFX thread was still running after " + ms + " ms; the JVM exits with it");
    }

    /** The running FX application thread, or null. */
    static Thread fxThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) if (FX_THREAD.equals(t.getName()) && t.isAlive()) return t;
        return null;
    }

    /** Closes every window, exits the toolkit and waits up to {@code limit} for {@code fx} to end; true if it did. */
    static boolean end(Thread fx, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.runLater(() -> {
                try {
                    LoginWindow.current().ifPresent(LoginWindow::close);
                    for (Window w : new ArrayList<>(Window.getWindows())) if (w instanceof Stage s) s.close();
                } finally {
                    closed.countDown();
                }
            });
            if (!closed.await(remaining(deadline), TimeUnit.NANOSECONDS)) return false;
            Platform.exit();
            fx.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
        } catch (IllegalStateException toolkitGone) {
            // the toolkit had already exited: nothing to close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !fx.isAlive();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
