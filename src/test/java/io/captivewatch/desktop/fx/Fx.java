package io.captivewatch.desktop.fx;

import javafx.application.Platform;
import org.testfx.api.FxToolkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Test helpers for the JavaFX thread: run-and-wait with a bound, and bounded polling of conditions. */
public final class Fx {
    private Fx() {}

    /** Starts the toolkit (headless Monocle under surefire) once; keeps it alive when windows close. */
    public static void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    /** Runs {@code c} on the FX thread and returns its result, failing after 20 s. */
    public static <T> T call(Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error er) throw er;
            throw new RuntimeException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("FX call did not finish in 20 s", e);
        }
    }

    public static void run(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Polls {@code condition} on the FX thread every 25 ms until true; fails with {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, Supplier<Boolean> condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(call(condition::get))) return;
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for: " + what);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
