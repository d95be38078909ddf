package io.captivewatch.desktop.fx;

import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts JavaFX lazily and without blocking: the tray icon needs no JavaFX, so the toolkit (and its ~100 MB)
 * starts only when a window is first needed, on a thread of its own. Tasks handed to {@link #run} before it
 * is up wait in order and run on the FX thread once it is; the caller (the AWT event thread of a tray menu,
 * the monitor thread) never waits for the toolkit. Implicit exit is off, so closing the last window does
 * not stop the toolkit (later {@code Platform.runLater} calls would silently do nothing).
 */
public final class FxRuntime {
    /** How long the toolkit may take to start before waiting tasks are given up (their fallbacks run). */
    public static final java.time.Duration START_LIMIT = java.time.Duration.ofSeconds(60);

    private enum State { NOT_STARTED, STARTING, STARTED, FAILED }

    private record Task(Runnable task, Consumer<Throwable> unavailable) {}

    private static final Object LOCK = new Object();
    private static State state = State.NOT_STARTED; // guarded by LOCK
    private static Throwable failure; // guarded by LOCK
    private static final List<Task> waiting = new ArrayList<>(); // guarded by LOCK

    private FxRuntime() {}

    /**
     * Runs {@code task} on the FX thread: inline when called on it, else later; starts the toolkit first if
     * needed, without waiting for it. If JavaFX cannot start, the problem is printed to stderr.
     */
    public static void run(Runnable task) {
        run(task, e -> System.err.println("captivewatch: JavaFX is not available: " + e));
    }

    /**
     * Like {@link #run(Runnable)}; when JavaFX cannot start (no display, missing natives) or does not start
     * within {@link #START_LIMIT}, {@code unavailable} is called instead of {@code task}, on a background thread.
     */
    public static void run(Runnable task, Consumer<Throwable> unavailable) {
        Throwable failed;
        synchronized (LOCK) {
            switch (state) {
                case STARTED -> {
                    if (Platform.isFxApplicationThread()) {
                        failed = null;
                        break;
                    }
                    Platform.runLater(task);
                    return;
                }
                case FAILED -> failed = failure;
                default -> {
                    waiting.add(new Task(task, unavailable));
                    if (state == State.NOT_STARTED) start();
                    return;
                }
            }
        }
        if (failed == null) task.run(); // on the FX thread already
        else unavailable.accept(failed);
    }

    /** Whether the toolkit is up (started here or found running, e.g. under TestFX). */
    public static boolean isStarted() {
        synchronized (LOCK) {
            return state == State.STARTED;
        }
    }

    /** Stops the toolkit if it was started. */
    public static void exit() {
        if (isStarted()) Platform.exit();
    }

    private static void start() { // holding LOCK
        state = State.STARTING;
        Thread t = new Thread(FxRuntime::startToolkit, "captivewatch-fx-start");
        // not a daemon: the FX application thread inherits this, and without a tray icon (status window) it is
        // what keeps the app running
        t.setDaemon(false);
        t.start();
        CompletableFuture.delayedExecutor(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            List<Task> late;
            synchronized (LOCK) {
                if (state != State.STARTING) return;
                late = new ArrayList<>(waiting);
                waiting.clear();
            }
            Throwable e = new IllegalStateException("JavaFX did not start within " + START_LIMIT.toSeconds() + " s");
            late.forEach(x -> x.unavailable().accept(e));
        });
    }

    private static void startToolkit() {
        try {
            Platform.startup(FxRuntime::started);
        } catch (IllegalStateException alreadyRunning) { // someone else (TestFX) started it
            Platform.runLater(FxRuntime::started);
        } catch (RuntimeException | Error e) {
            List<Task> failed;
            synchronized (LOCK) {
                state = State.FAILED;
                failure = e;
                failed = new ArrayList<>(waiting);
                waiting.clear();
            }
            failed.forEach(x -> x.unavailable().accept(e));
        }
    }

    /** On the FX thread once the toolkit is up: runs what waited, in order. */
    private static void started() {
        Platform.setImplicitExit(false);
        List<Task> ready;
        synchronized (LOCK) {
            state = State.STARTED;
            ready = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Task x : ready) {
            try {
                x.task().run();
            } catch (RuntimeException e) {
                System.err.println("captivewatch: a window task failed: " + e);
            }
        }
    }
}
