package io.captivewatch.desktop.advice;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.desktop.Samples;
import io.captivewatch.desktop.fx.Fx;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdviceViewTest {
    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void showsTheVerdictItsExplanationAndEachAdviceWithCopyableCommands() {
        Classification c = Samples.offline();
        List<Advice> advice = AdviceCatalog.builtIn().select(c, Os.LINUX, "Hotel Wi-Fi");
        assertThat(advice).as("the catalog has advice for an offline network").isNotEmpty();
        Advice withCommand = advice.stream().filter(a -> !a.commands().isEmpty()).findFirst().orElseThrow();
        int index = advice.indexOf(withCommand);

        AdviceView v = Fx.call(() -> AdviceView.show(c, advice));
        try {
            assertThat(Fx.call(() -> v.stage().getTitle())).isEqualTo("CaptiveWatch \u2014 " + c.verdict().title());
            assertThat(Fx.call(() -> v.stage().getMinWidth())).isEqualTo(420);
            assertThat(Fx.call(() -> ((Label) v.root().lookup("#adviceTitle")).getText())).isEqualTo(c.verdict().title());
            assertThat(Fx.call(() -> ((Label) v.root().lookup("#adviceEvidence")).getText())).isEqualTo(c.evidence());
            for (Advice a : advice) {
                Node box = Fx.call(() -> v.root().lookup("#advice-" + a.id()));
                assertThat(box).as(a.id()).isNotNull();
                assertThat(Fx.<List<String>>call(() -> Samples.labels(box))).contains(a.title(), a.body());
            }
            assertThat(Fx.call(() -> ((Label) v.root().lookup("#command-" + index + "-0")).getText()))
                    .isEqualTo(withCommand.commands().get(0));
            Fx.run(() -> Clipboard.getSystemClipboard().clear());
            Fx.run(() -> ((Button) v.root().lookup("#copy-" + index + "-0")).fire());
            assertThat(Fx.call(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(withCommand.commands().get(0));
            assertThat(Fx.call(() -> ((Label) v.root().lookup("#adviceStatus")).getText())).startsWith("Copied");
        } finally {
            Fx.run(v::close);
        }
        assertThat(Fx.call(() -> v.stage().isShowing())).isFalse();
    }

    @Test
    void captiveShowsTheLoginUrlAndTheWarnings() {
        Classification s = Samples.captive();
        Classification c = new Classification(s.verdict(), s.evidence(), s.deciding(), s.probes(), s.candidates(),
                List.of("The portal's redirect may be cached: it has no Cache-Control"), s.capport());
        AdviceView v = Fx.call(() -> {
            AdviceView view = new AdviceView(c, AdviceCatalog.builtIn().select(c, Os.WINDOWS, null));
            new javafx.scene.Scene(view.root(), 600, 500);
            view.root().applyCss(); // creates the ScrollPane's skin, so lookups reach its content
            return view;
        });
        for (String w : c.warnings()) assertThat(Fx.<List<String>>call(() -> Samples.labels(v.root()))).anyMatch(t -> t.contains(w));
        assertThat(Fx.call(() -> ((Label) v.root().lookup("#adviceLoginUrl")).getText())).contains(c.loginUrl().orElseThrow().toString());
        assertThat(Fx.call(() -> v.stage())).isNull();
    }

    /**
     * Every line of text lies inside its advice box, in each language and both orientations: wrapped Arabic used to
     * run past the box's left edge (Label measured it wider than it drew, target/l10n-screenshots/advice-ar.png).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "ar", "ja", "ru", "zh-CN", "fr"})
    void wrappedTextStaysInsideItsBox(String lang) {
        io.captivewatch.core.i18n.Messages.use(io.captivewatch.core.i18n.Messages.of(java.util.Locale.forLanguageTag(lang)));
        try {
            Classification c = Samples.captive();
            List<String> outside = Fx.call(() -> {
                AdviceView view = new AdviceView(c, AdviceCatalog.builtIn().select(c, Os.LINUX, "Hotel"));
                javafx.scene.Scene scene = new javafx.scene.Scene(view.root(), 640, 560);
                io.captivewatch.desktop.fx.ReportWindow.orient(scene);
                view.root().applyCss();
                view.root().layout();
                List<String> out = new java.util.ArrayList<>();
                for (Node box : view.root().lookupAll(".advice-item")) {
                    javafx.geometry.Bounds b = box.localToScene(box.getLayoutBounds());
                    List<javafx.scene.text.Text> texts = texts(box);
                    assertThat(texts).as("the box's texts").isNotEmpty();
                    for (javafx.scene.text.Text t : texts) {
                        t.setBoundsType(javafx.scene.text.TextBoundsType.VISUAL); // where the glyphs are drawn
                        javafx.geometry.Bounds tb = t.localToScene(t.getBoundsInLocal());
                        if (tb.getMinX() < b.getMinX() - 0.5 || tb.getMaxX() > b.getMaxX() + 0.5) {
                            out.add(box.getId() + ": [" + (int) tb.getMinX() + ", " + (int) tb.getMaxX() + "] outside ["
                                    + (int) b.getMinX() + ", " + (int) b.getMaxX() + "]: " + t.getText());
                        }
                    }
                }
                return out;
            });
            assertThat(outside).as(lang).isEmpty();
        } finally {
            io.captivewatch.core.i18n.Messages.use(io.captivewatch.core.i18n.Messages.english());
        }
    }

    /** The Text nodes under {@code n}: those of labels' skins and of text flows. */
    static List<javafx.scene.text.Text> texts(Node n) {
        List<javafx.scene.text.Text> out = new java.util.ArrayList<>();
        if (!n.isVisible()) return out;
        if (n instanceof javafx.scene.text.Text t && !t.getText().isEmpty()) out.add(t);
        if (n instanceof javafx.scene.Parent p) p.getChildrenUnmodifiable().forEach(c -> out.addAll(texts(c)));
        return out;
    }

    @Test
    void mustBeUsedOnTheFxThread() {
        assertThatThrownBy(() -> AdviceView.show(Samples.offline(), List.of())).isInstanceOf(IllegalStateException.class);
    }

}
