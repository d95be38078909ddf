package io.captivewatch.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Baseline for the idle-memory row: a bare JavaFX window app (one Stage with a Label), the footprint
 * any JavaFX desktop app starts from. Launched through {@link #main} (on the classpath the main class
 * must not extend Application). Exits by itself after {@code maxSeconds} (first argument, default 900).
 */
public final class FxWindowBaseline {
    public static void main(String[] args) {
        long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 900;
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(0);
        }, "max-lifetime");
        killer.setDaemon(true);
        killer.start();
        Application.launch(App.class, args);
    }

    /** The window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("FxWindowBaseline");
            stage.setScene(new Scene(new StackPane(new Label("Bare JavaFX window")), 320, 120));
            stage.show();
            Platform.setImplicitExit(true);
            System.out.println("FxWindowBaseline: shown");
        }
    }
}
