package io.captivewatch.desktop.login;

import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.desktop.Samples;
import io.captivewatch.desktop.advice.AdviceView;
import io.captivewatch.desktop.fx.Fx;
import io.captivewatch.desktop.inspector.InspectorView;
import io.captivewatch.core.url.WebUrl;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shows the sign-in window (on a loopback portal page), the advice view and the inspector.
 * With {@code --snapshot DIR} renders each to a PNG in DIR and exits (works headless with Monocle:
 * {@code -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw}).
 */
public final class LoginWindowDemo {
    private LoginWindowDemo() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--snapshot") && i + 1 < args.length) out = Path.of(args[++i]);
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        if (!started.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("JavaFX did not start");
        Platform.setImplicitExit(false);
        if (out == null) {
            TestSite site = TestSite.http();
            site.html("/portal", LoginWindowTest.PORTAL);
            Classification captive = Samples.captive();
            Platform.runLater(() -> {
                LoginWindow.open(WebUrl.require(site.url("/portal")), new LoginEvents() {});
                AdviceView.show(captive, AdviceCatalog.builtIn().select(captive, Os.current(), "Hotel Wi-Fi"));
                InspectorView.show(captive);
            });
            Thread.sleep(Long.MAX_VALUE); // interactive: runs until killed
        }
        try {
            snapshots(out);
        } finally {
            Platform.exit();
        }
    }

    /** Renders every view to PNGs in {@code out}; needs a running FX toolkit with implicit exit off. Returns the files. */
    public static java.util.List<Path> snapshots(Path out) throws Exception {
        java.util.List<Path> files = new java.util.ArrayList<>();
        Path tmp = Files.createTempDirectory("captivewatch-demo");
        try (TestSite site = TestSite.http(); TestSite tls = TestSite.httpsSelfSigned(tmp)) {
            site.html("/portal", LoginWindowTest.PORTAL);
            tls.html("/portal", LoginWindowTest.PORTAL);
            Classification captive = Samples.captive();
            Files.createDirectories(out);
            LoginWindow w = Fx.call(() -> LoginWindow.open(WebUrl.require(site.url("/portal")), new LoginEvents() {}));
            Fx.until("portal page loaded", Duration.ofSeconds(30), () -> w.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED);
            settle();
            files.add(snap(w.stage().getScene(), out.resolve("login-window.png")));

            Fx.run(() -> w.engine().executeScript("document.body.insertAdjacentHTML('beforeend', \"<a id=x href='file:///etc/passwd'>x</a>\");"
                    + "document.getElementById('x').click()"));
            settle();
            files.add(snap(w.stage().getScene(), out.resolve("login-blocked.png")));

            Fx.run(w::showOnlineAndClose);
            settle();
            files.add(snap(w.stage().getScene(), out.resolve("login-online.png")));
            Fx.until("closed", Duration.ofSeconds(10), () -> !w.isShowing());

            LoginWindow c = Fx.call(() -> LoginWindow.open(WebUrl.require(tls.url("/portal")), new LoginEvents() {}));
            Fx.until("certificate view", Duration.ofSeconds(30), c::errorShown);
            Fx.until("diagnosis", Duration.ofSeconds(30), () -> ((javafx.scene.control.Label) c.stage().getScene()
                    .lookup("#errorReason")).getText().contains("authority"));
            settle();
            files.add(snap(c.stage().getScene(), out.resolve("login-certificate-error.png")));
            Fx.run(c::close);

            AdviceView a = Fx.call(() -> AdviceView.show(captive, AdviceCatalog.builtIn().select(captive, Os.LINUX, "Hotel Wi-Fi")));
            settle();
            files.add(snap(a.stage().getScene(), out.resolve("advice.png")));
            Fx.run(a::close);
            Classification offline = Samples.offline();
            AdviceView o = Fx.call(() -> AdviceView.show(offline, AdviceCatalog.builtIn().select(offline, Os.LINUX, "Hotel Wi-Fi")));
            settle();
            files.add(snap(o.stage().getScene(), out.resolve("advice-offline.png")));
            Fx.run(o::close);

            InspectorView in = Fx.call(() -> InspectorView.show(captive));
            settle();
            files.add(snap(in.stage().getScene(), out.resolve("inspector.png")));
            Fx.run(in::close);
            System.out.println("screenshots in " + out.toAbsolutePath());
        } finally {
            try (var paths = Files.walk(tmp)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return files;
    }

    /** Lets a few pulses pass so layout, CSS and WebView painting catch up (bounded: ~0.5 s of pulses). */
    private static void settle() {
        for (int i = 0; i < 10; i++) {
            Fx.run(() -> { });
            try {
                Thread.sleep(50); // demo only: frames to paint, not a test condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Path snap(Scene scene, Path file) throws Exception {
        WritableImage img = Fx.call(() -> {
            Parent root = scene.getRoot();
            root.applyCss();
            root.layout();
            return scene.snapshot(null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
        System.out.println("wrote " + file);
        return file;
    }
}
