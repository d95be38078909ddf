package io.captivewatch.desktop.inspector;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.desktop.Samples;
import io.captivewatch.desktop.fx.Fx;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InspectorViewTest {
    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void showsEveryProbeWithStatusHeadersRedirectsTimingsAndBody() {
        Classification c = Samples.captive();
        InspectorView v = Fx.call(() -> InspectorView.show(c));
        try {
            assertThat(Fx.call(() -> v.stage().getTitle())).isEqualTo("CaptiveWatch \u2014 last check");
            assertThat(Fx.call(() -> v.stage().getMinWidth())).isEqualTo(480);
            assertThat(Fx.call(() -> ((Label) v.root().lookup("#inspectorVerdict")).getText())).isEqualTo(c.verdict().title());
            assertThat(Fx.call(() -> ((Label) v.root().lookup("#inspectorEvidence")).getText())).isEqualTo(c.evidence());
            for (int i = 1; i <= c.probes().size(); i++) {
                int n = i;
                assertThat(Fx.call(() -> v.root().lookup("#probe-" + n))).as("probe " + n).isInstanceOf(TitledPane.class);
            }
            TitledPane first = Fx.call(() -> (TitledPane) v.root().lookup("#probe-1"));
            assertThat(Fx.call(first::getText)).contains("Google", "302", "captive");
            String headers = Fx.call(() -> ((TextArea) first.getContent().lookup("#headers-1")).getText());
            assertThat(headers).contains("Location: http://10.0.0.1/login");
            String body = Fx.call(() -> ((TextArea) first.getContent().lookup("#body-2")).getText());
            assertThat(body).contains("Welcome to Hotel Wi-Fi");
            assertThat(Fx.<java.util.List<String>>call(() -> Samples.labels(first.getContent())))
                    .anyMatch(s -> s.contains("38 ms")).anyMatch(s -> s.contains("302  http://connectivitycheck.gstatic.com/generate_204"));
            TitledPane third = Fx.call(() -> (TitledPane) v.root().lookup("#probe-3"));
            assertThat(Fx.<java.util.List<String>>call(() -> Samples.labels(third.getContent())))
                    .anyMatch(s -> s.startsWith("tls") && s.contains("PKIX"));

            Fx.run(() -> ((Button) v.root().lookup("#copyText")).fire());
            String text = Fx.call(() -> Clipboard.getSystemClipboard().getString());
            assertThat(text).isEqualTo(v.text()).contains("Verdict: ", "Location: http://10.0.0.1/login", "redirect chain", "| <!doctype html>");

            Fx.run(() -> ((Button) v.root().lookup("#copyJson")).fire());
            JsonObject json = JsonParser.parseString(Fx.call(() -> Clipboard.getSystemClipboard().getString())).getAsJsonObject();
            assertThat(json.get("verdict").getAsString()).isEqualTo("captive");
            assertThat(json.getAsJsonArray("probes")).hasSize(3);
            assertThat(json.get("loginUrl").getAsString()).startsWith("http://10.0.0.1/login");
        } finally {
            Fx.run(v::close);
        }
    }

    @Test
    void savesTextOrJsonByExtension(@TempDir Path dir) throws Exception {
        InspectorView v = Fx.call(() -> new InspectorView(Samples.offline()));
        v.save(dir.resolve("r.txt"));
        v.save(dir.resolve("r.json"));
        assertThat(Files.readString(dir.resolve("r.txt"))).startsWith("Verdict: Offline").contains("error:    dns");
        assertThat(JsonParser.parseString(Files.readString(dir.resolve("r.json"))).getAsJsonObject().get("verdict").getAsString())
                .isEqualTo("offline");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.txt", "r.json");
        }
    }

    @Test
    void aHugeBodyIsShownOnlyAsABoundedExcerpt() {
        String text = InspectorText.format(Samples.captive());
        assertThat(text.length()).isLessThan(20_000);
    }
}
