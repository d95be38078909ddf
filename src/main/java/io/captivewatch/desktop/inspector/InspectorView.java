package io.captivewatch.desktop.inspector;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.report.ReportJson;
import io.captivewatch.desktop.fx.ReportWindow;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The evidence of the last check: every probe's request URL, status, headers, redirect chain,
 * timings and a bounded, decoded body excerpt, with the verdict and warnings; "Copy as text",
 * "Copy as JSON" (the CLI's JSON, {@link ReportJson}) and "Save…" (.txt or .json).
 * Use on the JavaFX application thread.
 */
public final class InspectorView extends io.captivewatch.desktop.fx.ReportView {
    private final Classification classification;
    private final List<Advice> advice;
    private final Label status = new Label();

    /** Builds the view without showing it; the JSON includes the built-in advice for this OS. */
    public InspectorView(Classification classification) {
        this.classification = Objects.requireNonNull(classification, "classification");
        // the JSON export is the CLI's: English whatever the window's language
        this.advice = AdviceCatalog.builtIn().select(classification, Os.current(), null, false, Messages.english());
        build();
    }

    /** Opens the inspector window on a check's result. */
    public static InspectorView show(Classification c) {
        ReportWindow.requireFxThread("InspectorView");
        InspectorView v = new InspectorView(c);
        v.openIn(Messages.t("inspector.title"), 820, 680, 480, 360, "#copyText");
        return v;
    }

    /** The report as plain text. */
    public String text() {
        return InspectorText.format(classification);
    }

    /** The report as the CLI's pretty-printed JSON. */
    public String json() {
        return ReportJson.pretty(ReportJson.of(classification, advice));
    }

    /** Writes the report to {@code file}: JSON when the name ends in .json, else text. Atomic (temp + move). */
    public void save(Path file) throws IOException {
        String content = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json() : text();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".captivewatch-report", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void build() {
        ReportWindow.orient(root);
        Label verdict = new Label(classification.verdict().title());
        verdict.setId("inspectorVerdict");
        verdict.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        Label evidence = new Label(classification.evidence(Messages.current()));
        evidence.setId("inspectorEvidence");
        evidence.setWrapText(true);
        VBox content = new VBox(8, verdict, evidence);
        classification.deciding().ifPresent(d -> content.getChildren().add(dim(Messages.t("inspector.decidedBy", d.observation().spec().url().toString()))));
        classification.loginUrl().ifPresent(u -> content.getChildren().add(dim(Messages.t("inspector.loginUrl", u.toString()))));
        for (String w : classification.warnings(Messages.current())) {
            Label l = new Label(Messages.t("common.warning", w));
            l.setWrapText(true);
            l.getStyleClass().add("explanation-warning");
            l.setStyle("-fx-text-fill: #8a5a00;");
            content.getChildren().add(l);
        }
        int i = 1;
        for (ProbeAssessment a : classification.probes()) {
            TitledPane p = probePane(i, a);
            p.setExpanded(classification.deciding().map(d -> d == a).orElse(i == 1));
            content.getChildren().add(p);
            i++;
        }
        content.setPadding(new Insets(14));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);

        Button copyText = new Button(Messages.t("inspector.copyText"));
        copyText.setId("copyText");
        copyText.setOnAction(e -> copy(text(), Messages.t("inspector.copiedText")));
        Button copyJson = new Button(Messages.t("inspector.copyJson"));
        copyJson.setId("copyJson");
        copyJson.setOnAction(e -> copy(json(), Messages.t("inspector.copiedJson")));
        Button save = new Button(Messages.t("inspector.save"));
        save.setId("save");
        save.setOnAction(e -> chooseAndSave());
        status.setId("inspectorStatus");
        root.setBottom(ReportWindow.bottomBar(status, copyText, copyJson, save));
    }

    private static Label dim(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: #555;");
        return l;
    }

    private TitledPane probePane(int n, ProbeAssessment a) {
        ProbeObservation o = a.observation();
        GridPane facts = new GridPane();
        facts.getStyleClass().add("probe-facts");
        facts.setHgap(10);
        facts.setVgap(4);
        int row = 0;
        row = fact(facts, row, Messages.t("inspector.field.url"), o.spec().url().toString(), true);
        row = fact(facts, row, Messages.t("inspector.field.expected"), o.spec().expectation().describeText().render(Messages.current()), false);
        row = fact(facts, row, Messages.t("inspector.field.verdict"), a.verdict().jsonName() + " \u2014 " + a.reason(Messages.current()), false);
        row = fact(facts, row, Messages.t("inspector.field.time"), Messages.t("common.milliseconds", o.elapsedMs()), false);
        if (!o.resolvedAddresses().isEmpty()) row = fact(facts, row, Messages.t("inspector.field.addresses"), String.join(", ", o.resolvedAddresses()), true);
        if (o.error() != null) row = fact(facts, row, Messages.t("inspector.field.error"), o.error().jsonName() + (o.errorDetail().isEmpty() ? "" : " \u2014 " + o.errorDetail()), true);
        if (o.hops().size() > 1) {
            StringBuilder chain = new StringBuilder();
            for (RecordedResponse r : o.hops()) {
                if (chain.length() > 0) chain.append("\n");
                chain.append(r.status()).append("  ").append(r.url());
            }
            fact(facts, row, Messages.t("inspector.field.redirects"), chain.toString(), true);
        }
        VBox box = new VBox(8, facts);
        int h = 1;
        for (RecordedResponse r : o.hops()) box.getChildren().add(hop(h++, r));
        String status = o.first().map(r -> String.valueOf(r.status())).orElse(o.error() == null ? "" : o.error().jsonName());
        TitledPane p = new TitledPane(Messages.t("inspector.probe", n, o.spec().label(), status, a.verdict().jsonName()), box);
        p.setId("probe-" + n);
        return p;
    }

    /** A named fact; {@code data}: the value is what the network or the probe produced, shown left to right. */
    private static int fact(GridPane g, int row, String name, String value, boolean data) {
        Label k = new Label(name);
        k.setStyle("-fx-font-weight: bold;");
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a field's name is never cut ("Redirects" in Arabic was)
        Label v = new Label(value);
        v.setWrapText(true);
        if (data) {
            // URLs, addresses, status + URL chains: data that reads left to right in any language (the expected
            // answer and the reason are worded in the user's language and follow its direction)
            v.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
        }
        g.addRow(row, k, v);
        GridPane.setValignment(k, javafx.geometry.VPos.TOP);
        GridPane.setHgrow(v, Priority.ALWAYS);
        return row + 1;
    }

    private Node hop(int n, RecordedResponse r) {
        Label head = new Label(Messages.t("inspector.response", n, r.status() + (r.reason().isEmpty() ? "" : " " + r.reason())
                + "  " + r.url() + (r.elapsedMs() >= 0 ? "  (" + Messages.t("common.milliseconds", r.elapsedMs()) + ")" : "")));
        head.setWrapText(true);
        head.setStyle("-fx-font-weight: bold;");
        StringBuilder hs = new StringBuilder();
        for (Headers.Field f : r.headers().fields()) hs.append(f.name()).append(": ").append(f.value()).append('\n');
        TextArea headers = mono(hs.toString().strip(), Math.min(10, Math.max(2, r.headers().size())));
        headers.setId("headers-" + n);
        String excerpt = ReportJson.excerpt(r);
        Messages m = Messages.current();
        Label bodyLabel = new Label(m.plural("inspector.body", r.bodyLength()) + (r.truncated() ? " " + m.get("inspector.body.truncated") : "")
                + (excerpt.length() >= ReportJson.BODY_EXCERPT_CHARS ? ", " + m.get("inspector.body.firstChars", ReportJson.BODY_EXCERPT_CHARS) : ""));
        VBox v = new VBox(4, head, new Label(m.get("inspector.headers")), headers, bodyLabel);
        if (!excerpt.isEmpty()) {
            TextArea body = mono(excerpt, 8);
            body.setId("body-" + n);
            v.getChildren().add(body);
        }
        v.setPadding(new Insets(6, 0, 0, 0));
        return v;
    }

    private static TextArea mono(String text, int rows) {
        TextArea t = new TextArea(text);
        t.setEditable(false);
        t.setWrapText(false);
        t.setFocusTraversable(false); // so the window opens at the top, not scrolled to the first text area
        t.setPrefRowCount(rows);
        t.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");
        return t;
    }

    private void copy(String s, String message) {
        ClipboardContent cc = new ClipboardContent();
        cc.putString(s);
        Clipboard.getSystemClipboard().setContent(cc);
        status.setText(message);
    }

    private void chooseAndSave() {
        FileChooser fc = new FileChooser();
        FileChooser.ExtensionFilter json;
        fc.setTitle(Messages.t("inspector.saveTitle"));
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.t("inspector.filter.text"), "*.txt"),
                json = new FileChooser.ExtensionFilter(Messages.t("inspector.filter.json"), "*.json"));
        fc.setInitialFileName("captivewatch-report.txt");
        java.io.File f = fc.showSaveDialog(stage() != null ? stage() : root.getScene() == null ? null : root.getScene().getWindow());
        if (f == null) return;
        Path p = f.toPath();
        if (!p.getFileName().toString().contains(".")) {
            boolean isJson = fc.getSelectedExtensionFilter() == json;
            p = p.resolveSibling(p.getFileName() + (isJson ? ".json" : ".txt"));
        }
        try {
            save(p);
            status.setText(Messages.t("inspector.saved", p.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            status.setText(Messages.t("inspector.couldNotSave", String.valueOf(e.getMessage())));
        }
    }
}
