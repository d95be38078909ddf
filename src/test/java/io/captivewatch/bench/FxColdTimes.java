package io.captivewatch.bench;

import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where the time to a first sign-in window goes, in a JVM that has not touched JavaFX yet (as our tray
 * process when a portal is found): {@code FxColdTimes [URL]}. Prints, in ms since the call started:
 * {@code fx_startup} (Platform.startup), {@code stage_shown} (a plain Stage with a Label),
 * {@code webview_created} (first {@code new WebView()}: loads WebKit), {@code page_loaded} (URL, if given).
 * Not a test; used by hand to explain the join -> login window row of bench/run.sh.
 */
public final class FxColdTimes {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : null;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "jvm_to_main_ms=%d%n", System.currentTimeMillis() - jvmStart);
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        if (!up.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("FX did not start");
        Platform.setImplicitExit(false);
        print("fx_startup", t0);
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage s = new Stage();
            s.setTitle("FxColdTimes");
            StackPane root = new StackPane(new Label("Opening the sign-in page..."));
            s.setScene(new Scene(root, 640, 480));
            s.show();
            print("stage_shown", t0);
            Platform.runLater(() -> {
                WebView v = new WebView();
                root.getChildren().setAll(v);
                print("webview_created", t0);
                if (url == null) {
                    done.countDown();
                    return;
                }
                v.getEngine().getLoadWorker().stateProperty().addListener((o, a, b) -> {
                    if (b == Worker.State.SUCCEEDED || b == Worker.State.FAILED) {
                        print("page_loaded_" + b.name().toLowerCase(Locale.ROOT), t0);
                        done.countDown();
                    }
                });
                v.getEngine().load(url);
            });
        });
        if (!done.await(60, TimeUnit.SECONDS)) System.out.println("timeout");
        Platform.exit();
        System.exit(0);
    }

    private static void print(String what, long t0) {
        System.out.printf(Locale.ROOT, "%s_ms=%d%n", what, (System.nanoTime() - t0) / 1_000_000);
    }
}
