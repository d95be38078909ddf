package io.captivewatch.desktop;

import javafx.application.Platform;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts JavaFX lazily: the tray icon needs no JavaFX, so the toolkit (and its ~100 MB) starts only when
 * a window is first needed. Implicit exit is off, so closing the last window does not stop the toolkit
 * (later {@code Platform.runLater} calls would silently do nothing).
 */
public final class FxRuntime {
    private static volatile boolean started;

    private FxRuntime() {}

    /** Starts the FX toolkit if it is not running yet (also fine when something else, e.g. TestFX, started it). */
    public static synchronized void ensureStarted() {
        if (started) return;
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ready.countDown();
        }
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("JavaFX did not start within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JavaFX", e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Whether this class started (or found) the FX toolkit. */
    public static boolean isStarted() {
        return started;
    }

    /** Runs {@code r} on the FX thread, starting the toolkit first if needed; runs it inline when already on it. */
    public static void run(Runnable r) {
        ensureStarted();
        if (Platform.isFxApplicationThread()) r.run();
        else Platform.runLater(r);
    }

    /** Stops the toolkit if it was started. */
    public static void exit() {
        if (started) Platform.exit();
    }
}
