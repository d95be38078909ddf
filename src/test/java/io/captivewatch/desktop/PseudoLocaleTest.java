package io.captivewatch.desktop;

import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.desktop.advice.AdviceView;
import io.captivewatch.desktop.fx.Fx;
import io.captivewatch.desktop.fx.ReportWindow;
import io.captivewatch.desktop.inspector.InspectorView;
import io.captivewatch.desktop.settings.SettingsView;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ComboBox;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders each window in the pseudo-locale (every message wrapped in ⟦…⟧) and fails on any text that is neither
 * wrapped nor data (what the network or the check produced: evidence, warnings, URLs, commands, numbers). Adding a
 * window (the login window, the tray menu: phase 2) is one more {@link Window} constant. Also writes screenshots of
 * each window in Russian, Japanese, Arabic and Chinese to target/l10n-screenshots.
 */
class PseudoLocaleTest {
    static final Classification CAPTIVE = Samples.captive();

    /** A window as the test builds it, and the data it may show unwrapped. */
    enum Window {
        ADVICE(() -> new AdviceView(CAPTIVE, AdviceCatalog.builtIn().select(CAPTIVE, Os.LINUX, "Hotel")).root()),
        INSPECTOR(() -> new InspectorView(CAPTIVE).root()),
        SETTINGS(() -> new SettingsView(Settings.defaults(), Optional.empty(), Path.of("/tmp/x/settings.json"),
                f -> CompletableFuture.completedFuture(Settings.defaults()), on -> {}).root());

        final Supplier<Parent> build;

        Window(Supplier<Parent> build) {
            this.build = build;
        }
    }

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void english() {
        Messages.use(Messages.english());
    }

    static Set<String> data() {
        Set<String> d = new HashSet<>();
        d.add(CAPTIVE.evidence());
        d.addAll(CAPTIVE.warnings());
        CAPTIVE.probes().forEach(a -> {
            d.add(a.reason());
            d.add(a.observation().spec().url().toString());
            d.add(a.observation().spec().expectation().describe()); // the probe's own rule, from the settings' syntax
            d.add(a.verdict().jsonName() + " \u2014 " + a.reason());
        });
        AdviceCatalog.builtIn().select(CAPTIVE, Os.LINUX, "Hotel").forEach(a -> d.addAll(a.commands()));
        SettingsViewProbes.defaults().forEach(d::add);
        return d;
    }

    static List<String> texts(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Labeled l && l.getText() != null) out.add(l.getText());
        if (n instanceof io.captivewatch.desktop.fx.ReportWindow.Paragraph f) { // shows its text line by line
            out.add(f.getText());
            return out;
        }
        // text areas (headers, body excerpts) hold exactly what the portal sent: data, not checked
        if (n instanceof ComboBox<?> c && c.getConverter() != null && c.getValue() != null) {
            @SuppressWarnings("unchecked") ComboBox<Object> o = (ComboBox<Object>) c;
            out.add(o.getConverter().toString(o.getValue()));
        }
        if (n instanceof Parent p) p.getChildrenUnmodifiable().forEach(ch -> out.addAll(texts(ch)));
        if (n instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) out.addAll(texts(s.getContent()));
        if (n instanceof javafx.scene.control.TitledPane t && t.getContent() != null) out.addAll(texts(t.getContent()));
        return out;
    }

    /** Wrapped, or data, or only numbers, units-free punctuation, URLs. */
    static boolean fromBundle(String t, Set<String> data) {
        String s = t.strip();
        if (s.isEmpty() || data.contains(t) || data.contains(s)) return true;
        if (s.startsWith(Messages.PSEUDO_OPEN) && s.endsWith(Messages.PSEUDO_CLOSE)) return true;
        if (s.matches("[\\d\\s.,:/()\\-]*")) return true;
        if (s.matches("https?://\\S+")) return true;
        if (s.lines().allMatch(l -> l.strip().matches("\\d{3}\\s+https?://\\S+"))) return true; // a redirect chain
        return s.matches("(?s)[\\d\\s]*\\S*\\s*(HTTP/1\\.1|[A-Za-z-]+: .*)") && data.stream().anyMatch(s::contains); // raw headers
    }

    @ParameterizedTest
    @EnumSource(Window.class)
    void everyTextInTheWindowComesFromTheBundles(Window w) {
        Messages.use(Messages.of(Languages.PSEUDO));
        Set<String> data = data();
        List<String> texts = Fx.call(() -> {
            Parent root = w.build.get();
            new Scene(root, 800, 700);
            root.applyCss();
            root.layout();
            return texts(root);
        });
        assertThat(texts).as("the window shows text").isNotEmpty();
        List<String> bare = texts.stream().filter(t -> !fromBundle(t, data))
                .filter(t -> !t.contains("HTTP/") && !t.contains(": ") || t.startsWith("CaptiveWatch")).toList();
        assertThat(bare).as(w + ": text not from a bundle").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "ja", "ar", "zh-CN"})
    void screenshots(String lang) throws Exception {
        Messages.use(Messages.of(Locale.forLanguageTag(lang)));
        Path dir = Path.of("target", "l10n-screenshots");
        Files.createDirectories(dir);
        for (Window w : Window.values()) {
            WritableImage img = Fx.call(() -> {
                Parent root = w.build.get();
                Scene s = new Scene(root, 640, w == Window.SETTINGS ? 720 : 560);
                io.captivewatch.desktop.fx.ReportWindow.orient(s);
                root.applyCss();
                root.layout();
                return s.snapshot(null);
            });
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", dir.resolve(w.name().toLowerCase(Locale.ROOT) + "-" + lang + ".png").toFile());
            if (lang.equals("ar")) {
                assertThat(Fx.call(() -> w.build.get().getEffectiveNodeOrientation())).as(w + " mirrored")
                        .isEqualTo(javafx.geometry.NodeOrientation.RIGHT_TO_LEFT);
            }
        }
    }

    /**
     * No label is cut off ("…") in the size the screenshots use, in any shipped language: a label is as wide as its
     * text, or wraps and is as tall as its lines. (Russian "Check every (seconds) while online" and Arabic
     * "Redirects" in the inspector were cut.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"ru", "ja", "ar", "zh-CN", "de", "fr", "es", "pt-BR"})
    void noLabelIsCutOff(String lang) {
        Messages.use(Messages.of(Locale.forLanguageTag(lang)));
        List<String> cut = new ArrayList<>();
        for (Window w : Window.values()) {
            cut.addAll(Fx.call(() -> {
                Parent root = w.build.get();
                Scene s = new Scene(root, 640, w == Window.SETTINGS ? 720 : 560);
                io.captivewatch.desktop.fx.ReportWindow.orient(s);
                root.applyCss();
                root.layout();
                List<String> out = new ArrayList<>();
                for (Node n : root.lookupAll(".label")) {
                    if (!(n instanceof javafx.scene.control.Label l) || l.getText() == null || l.getText().isEmpty() || !l.isVisible()) continue;
                    if (l.getParent() instanceof javafx.scene.layout.GridPane == false) continue; // the field names of forms
                    if (collapsed(l)) continue; // a folded probe pane of the inspector
                    boolean fits = l.isWrapText() ? l.getHeight() + 0.5 >= l.prefHeight(l.getWidth()) : l.getWidth() + 0.5 >= l.prefWidth(-1);
                    if (!fits) out.add(w + ": " + l.getText());
                }
                return out;
            }));
        }
        assertThat(cut).as(lang).isEmpty();
    }

    static boolean collapsed(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.TitledPane t && !t.isExpanded()) return true;
        }
        return false;
    }

    /** The settings window lists the built-in probe URLs (data). */
    static final class SettingsViewProbes {
        static List<String> defaults() {
            return io.captivewatch.core.probe.ProbeSpec.defaults().stream().map(p -> p.url().toString()).toList();
        }
    }
}
