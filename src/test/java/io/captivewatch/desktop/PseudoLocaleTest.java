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
import org.junit.jupiter.api.Test;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.desktop.login.LoginEvents;
import io.captivewatch.desktop.login.LoginWindowChrome;
import io.captivewatch.desktop.login.TestSite;
import io.captivewatch.desktop.tray.AwtTray;
import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayText;
import io.captivewatch.desktop.tray.sni.MenuTree;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * wrapped nor data (what the network or the check produced: URLs, addresses, commands, numbers; the verdict's
 * explanation is worded from the bundles, only the data inside it is shown as it is). Adding a
 * window is one more {@link Window} constant; the login window (a real one, on a loopback page) and the tray's words
 * have tests of their own. Also writes screenshots of each window, the login window included, in Russian, Japanese,
 * Arabic and Chinese to target/l10n-screenshots.
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
        CAPTIVE.probes().forEach(a -> d.add(a.observation().spec().url().toString()));
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
        if (s.startsWith(Messages.PSEUDO_OPEN) && english(s).isEmpty()) return true; // messages, one after another or nested
        if (s.codePoints().noneMatch(Character::isLetter)) return true; // numbers, arrows, punctuation: no words
        if (s.matches("https?://\\S+")) return true;
        if (s.lines().allMatch(l -> l.strip().matches("\\d{3}\\s+https?://\\S+"))) return true; // a redirect chain
        return s.matches("(?s)[\\d\\s]*\\S*\\s*(HTTP/1\\.1|[A-Za-z-]+: .*)") && data.stream().anyMatch(s::contains); // raw headers
    }

    static final java.util.regex.Pattern WRAPPED = java.util.regex.Pattern.compile("(?s)\u27E6[^\u27E6\u27E7]*\u27E7");

    /**
     * What is left of {@code t} once the wrapped messages (nested ones too, with the data inside them), URLs and
     * verdict ids are cut out, if it holds any letter; else "". A letter left is English shown as it is.
     */
    static String english(String t) {
        String s = t;
        for (String prev = null; !s.equals(prev); ) {
            prev = s;
            s = WRAPPED.matcher(s).replaceAll(" ");
        }
        s = s.replaceAll("https?://\\S+", " ");
        for (Verdict v : Verdict.values()) s = s.replaceAll("(?<![\\w-])" + v.jsonName() + "(?![\\w-])", " ");
        return s.codePoints().anyMatch(Character::isLetter) ? s.strip() : "";
    }

    /**
     * The verdict's explanation in the advice window ("Why") and the inspector: the evidence, the warnings, and each
     * probe's expected answer and reason are worded from the bundles (#19). The sample's evidence, reasons and rules
     * are English sentences with data inside them, so this fails if any of them is shown as the English text.
     */
    @ParameterizedTest
    @EnumSource(value = Window.class, names = {"ADVICE", "INSPECTOR"})
    void theVerdictsExplanationIsWorded(Window w) {
        Messages.use(Messages.of(Languages.PSEUDO));
        String field = w == Window.INSPECTOR ? Messages.t("inspector.field.verdict") : null;
        String expected = w == Window.INSPECTOR ? Messages.t("inspector.field.expected") : null;
        List<String> shown = Fx.call(() -> {
            Parent root = w.build.get();
            new Scene(root, 800, 700);
            root.applyCss();
            root.layout();
            List<String> out = new ArrayList<>();
            Node evidence = root.lookup(w == Window.ADVICE ? "#adviceEvidence" : "#inspectorEvidence");
            out.add(((Labeled) evidence).getText());
            root.lookupAll(".explanation-warning").forEach(n -> out.add(((Labeled) n).getText()));
            for (Node g : root.lookupAll(".probe-facts")) { // the inspector's probe facts: name, value, name, value...
                List<Node> cells = ((Parent) g).getChildrenUnmodifiable();
                for (int i = 0; i + 1 < cells.size(); i += 2) {
                    if (cells.get(i) instanceof Labeled k && cells.get(i + 1) instanceof Labeled v
                            && (k.getText().equals(field) || k.getText().equals(expected))) out.add(v.getText());
                }
            }
            return out;
        });
        if (w == Window.INSPECTOR) {
            assertThat(shown).as("the evidence, then each probe's expected answer and reason").hasSizeGreaterThan(2 * CAPTIVE.probes().size());
        }
        for (String t : shown) assertThat(english(t)).as(w + ": English in the explanation: " + t).isEmpty();
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

    // ---- the login window ----------------------------------------------------------------------------

    static final String PORTAL_PAGE = "<!doctype html><html><head><title>Hotel Wi-Fi</title></head>"
            + "<body style='font-family:sans-serif'><h1>Welcome to Hotel Wi-Fi</h1><p>Room number and surname:</p>"
            + "<form method=post action=/login><input name=room value=101> <button>Connect</button></form></body></html>";

    /** The window's words (labels, buttons, tooltips) and its title; the page's own text is data and not looked at. */
    static List<String> chrome(javafx.stage.Stage stage) {
        List<String> out = new ArrayList<>(texts(stage.getScene().getRoot()));
        out.add(stage.getTitle());
        tooltips(stage.getScene().getRoot(), out);
        return out;
    }

    static void tooltips(Node n, List<String> out) {
        if (n instanceof javafx.scene.control.Control c && c.getTooltip() != null) out.add(c.getTooltip().getText());
        if (n instanceof Parent p) p.getChildrenUnmodifiable().forEach(ch -> tooltips(ch, out));
    }

    static void assertWrapped(String what, List<String> texts, Set<String> data) {
        assertThat(texts).as(what + ": the window shows text").isNotEmpty();
        assertThat(texts.stream().filter(t -> t != null && !fromBundle(t, data)).toList()).as(what + ": text not from a bundle").isEmpty();
    }

    @Test
    void everyWordOfTheLoginWindowComesFromTheBundles() throws Exception {
        Messages.use(Messages.of(Languages.PSEUDO));
        try (TestSite site = TestSite.http()) {
            site.html("/portal", PORTAL_PAGE);
            URI url = site.url("/portal");
            URI https = URI.create("https://127.0.0.1:" + url.getPort() + "/portal");
            LoginWindowChrome w = Fx.call(() -> LoginWindowChrome.open(url, new LoginEvents() {}));
            try {
                Fx.until("the portal page", Duration.ofSeconds(20), () -> w.loaded("/portal"));
                Set<String> data = Set.of(url.toString(), https.toString(), "WebKit says: connection refused", "SSL handshake failed");
                assertWrapped("page loaded", Fx.call(() -> chrome(w.stage())), data);
                assertThat(Fx.call(() -> w.stage().getTitle())).startsWith(Messages.PSEUDO_OPEN);

                List<String> online = Fx.call(() -> {
                    w.networkDns(List.of("192.0.2.53", "192.0.2.54"));
                    w.online();
                    w.stage().getScene().getRoot().applyCss();
                    return chrome(w.stage());
                });
                assertWrapped("DNS note and online banner", online, data);
                assertThat(online).as("the DNS note is there")
                        .anyMatch(t -> t.contains("192.0.2.53, 192.0.2.54")).hasSizeGreaterThan(12);

                assertWrapped("load error", Fx.call(() -> {
                    w.loadError(url, "WebKit says: connection refused");
                    return chrome(w.stage());
                }), data);
                Fx.run(w::hideError);
                assertWrapped("certificate error", Fx.call(() -> {
                    w.certificateError(https, "SSL handshake failed");
                    return chrome(w.stage());
                }), data);
                // the certificate check's own finding replaces the reason (a loopback http port: the handshake fails)
                Fx.until("the certificate diagnosis", Duration.ofSeconds(10), () -> reasonText(w)
                        .contains(Messages.PSEUDO_OPEN + Messages.PSEUDO_OPEN));
                assertWrapped("certificate diagnosis", Fx.call(() -> chrome(w.stage())), data);
            } finally {
                Fx.run(() -> {
                    w.networkDns(List.of());
                    w.close();
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "ja", "ar"})
    void loginWindowScreenshots(String lang) throws Exception {
        Messages.use(Messages.of(Locale.forLanguageTag(lang)));
        Path dir = Path.of("target", "l10n-screenshots");
        Files.createDirectories(dir);
        try (TestSite site = TestSite.http()) {
            site.html("/portal", PORTAL_PAGE);
            URI url = site.url("/portal");
            LoginWindowChrome w = Fx.call(() -> LoginWindowChrome.open(url, new LoginEvents() {}));
            try {
                Fx.run(() -> w.stage().setWidth(800));
                Fx.until("the portal page", Duration.ofSeconds(20), () -> w.loaded("/portal"));
                Fx.run(() -> {
                    w.networkDns(List.of("192.0.2.53"));
                    w.online();
                });
                shoot(w, dir.resolve("login-" + lang + ".png"));
                Fx.run(() -> w.certificateError(URI.create("https://127.0.0.1:" + url.getPort() + "/portal"), "SSL handshake failed"));
                Fx.until("the certificate diagnosis", Duration.ofSeconds(10), () -> !reasonText(w).contains("SSL handshake failed"));
                shoot(w, dir.resolve("login-certificate-" + lang + ".png"));
                // the reason's lines stay inside the window (in Arabic a wrapping Label ran past it and was cut off)
                List<String> outside = Fx.call(() -> {
                    Node reason = w.stage().getScene().lookup("#errorReason");
                    javafx.geometry.Bounds win = w.stage().getScene().getRoot().localToScene(w.stage().getScene().getRoot().getLayoutBounds());
                    List<String> out = new ArrayList<>();
                    for (Node n : reason instanceof Parent p ? p.lookupAll("Text") : List.<Node>of()) {
                        if (!(n instanceof javafx.scene.text.Text t) || !t.isVisible() || t.getText().isEmpty()) continue;
                        t.setBoundsType(javafx.scene.text.TextBoundsType.VISUAL);
                        javafx.geometry.Bounds b = t.localToScene(t.getBoundsInLocal());
                        if (b.getMinX() < win.getMinX() - 0.5 || b.getMaxX() > win.getMaxX() + 0.5) out.add(t.getText());
                    }
                    return out;
                });
                assertThat(outside).as(lang + ": reason lines outside the window").isEmpty();
                if (lang.equals("ar")) {
                    assertThat(Fx.call(() -> w.stage().getScene().lookup("#errorReason")))
                            .as("a paragraph that breaks its own lines").isInstanceOf(io.captivewatch.desktop.fx.ReportWindow.Paragraph.class);
                    assertThat(Fx.call(() -> w.stage().getScene().getRoot().getEffectiveNodeOrientation())).as("login window mirrored")
                            .isEqualTo(javafx.geometry.NodeOrientation.RIGHT_TO_LEFT);
                    assertThat(Fx.call(() -> w.stage().getScene().lookup(".web-view").getEffectiveNodeOrientation()))
                            .as("the page keeps its own direction").isEqualTo(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
                }
            } finally {
                Fx.run(() -> {
                    w.networkDns(List.of());
                    w.close();
                });
            }
        }
    }

    /** The error view's reason, whether a Label or (mirrored windows) a paragraph. */
    static String reasonText(LoginWindowChrome w) {
        Node n = w.stage().getScene().lookup("#errorReason");
        if (n instanceof javafx.scene.control.Label l) return l.getText();
        if (n instanceof io.captivewatch.desktop.fx.ReportWindow.Paragraph p) return p.getText();
        return "";
    }

    /** A snapshot once the window has laid out and WebKit has painted (a few pulses). */
    static void shoot(LoginWindowChrome w, Path file) throws Exception {
        for (int i = 0; i < 5; i++) Fx.run(() -> w.stage().getScene().getRoot().layout()); // each call waits for a pulse's turn
        WritableImage img = Fx.call(() -> w.stage().getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    // ---- the tray ----------------------------------------------------------------------------------------

    @Test
    void everyWordOfTheTrayComesFromTheBundles() {
        Messages.use(Messages.of(Languages.PSEUDO));
        Instant now = Instant.parse("2026-11-23T10:15:30Z");
        List<TrayStatus> states = List.of(TrayStatus.initial(),
                new TrayStatus(Optional.of(Verdict.CAPTIVE), "HotelGuest", now, false, false, null, true),
                new TrayStatus(Optional.of(Verdict.ONLINE), "HotelGuest", now, true, true, now.plusSeconds(3600), false),
                new TrayStatus(Optional.of(Verdict.ONLINE), "HotelGuest", now, false, false, null, true, now.plusSeconds(2520),
                        java.util.OptionalLong.of(120_000_000), new NetworkPrefs(true, true)));
        TrayText words = TrayText.current();
        Set<String> data = Set.of("HotelGuest");
        for (TrayStatus s : states) {
            List<String> texts = new ArrayList<>();
            words.entries(s).forEach(e -> texts.add(e.label()));
            AwtTray.menu(words, s).forEach(e -> texts.add(e.label()));
            MenuTree.all(MenuTree.root(s)).forEach(n -> {
                if (n.properties().get("label") instanceof String l) texts.add(l);
            });
            texts.add(words.tooltip(s, ZoneOffset.UTC, now));
            texts.add(words.headline(s, ZoneOffset.UTC));
            texts.add(words.networkLine(s));
            texts.add(words.lastCheckLine(s, ZoneOffset.UTC));
            words.sessionLine(s, now).ifPresent(texts::add);
            texts.add(AwtTray.withClick("HotelGuest", "x"));
            texts.add(io.captivewatch.desktop.tray.TrayHint.gnome());
            assertThat(texts).hasSizeGreaterThan(3 * TrayMenuModel.Item.values().length);
            assertWrapped("tray " + s, texts, data);
        }
    }

    /** The settings window lists the built-in probe URLs (data). */
    static final class SettingsViewProbes {
        static List<String> defaults() {
            return io.captivewatch.core.probe.ProbeSpec.defaults().stream().map(p -> p.url().toString()).toList();
        }
    }
}
