package io.captivewatch.desktop.advice;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.desktop.fx.ReportWindow;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Objects;

/**
 * "What is going on, and what can I do?": the verdict's title and explanation, then each piece of
 * advice with its text and the commands for this OS, each with a Copy button.
 * Use on the JavaFX application thread.
 */
public final class AdviceView extends io.captivewatch.desktop.fx.ReportView {
    private final Classification classification;
    private final List<Advice> advice;
    private final Label status = new Label();

    /** Builds the view without showing it (for embedding or snapshots). */
    public AdviceView(Classification classification, List<Advice> advice) {
        this.classification = Objects.requireNonNull(classification, "classification");
        this.advice = List.copyOf(advice);
        build();
    }

    /** Opens a window with the advice for a check's result. */
    public static AdviceView show(Classification c, List<Advice> advice) {
        ReportWindow.requireFxThread("AdviceView");
        AdviceView v = new AdviceView(c, advice);
        v.openIn(c.verdict().title(), 640, 560, 420, 320, "#adviceClose");
        return v;
    }

    private void build() {
        ReportWindow.orient(root);
        Verdict v = classification.verdict();
        Label title = new Label(v.title());
        title.setId("adviceTitle");
        title.setWrapText(true);
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold; -fx-text-fill: " + colour(v) + ";");
        Label evidence = new Label(classification.evidence(Messages.current()));
        evidence.setId("adviceEvidence");
        evidence.setWrapText(true);
        evidence.setStyle("-fx-font-size: 13px;");
        VBox content = new VBox(10, title, evidence);
        classification.loginUrl().ifPresent(u -> {
            Label l = new Label(Messages.t("adviceView.signInPage", u.toString()));
            l.setId("adviceLoginUrl");
            l.setWrapText(true);
            l.setStyle("-fx-text-fill: #444;");
            content.getChildren().add(l);
        });
        for (String w : classification.warnings(Messages.current())) {
            Label l = new Label(Messages.t("common.warning", w));
            l.setWrapText(true);
            l.getStyleClass().addAll("advice-warning", "explanation-warning");
            l.setStyle("-fx-text-fill: #8a5a00;");
            content.getChildren().add(l);
        }
        Label what = new Label(Messages.t(advice.isEmpty() ? "adviceView.nothingToDo" : "adviceView.whatYouCanDo"));
        what.setStyle("-fx-font-size: 15px; -fx-font-weight: bold; -fx-padding: 8 0 0 0;");
        content.getChildren().add(what);
        int i = 0;
        for (Advice a : advice) content.getChildren().add(item(a, i++));
        content.setPadding(new Insets(18));
        content.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setCenter(scroll);
        scroll.setVvalue(0);

        Button close = new Button(Messages.t("common.close"));
        close.setId("adviceClose");
        close.setOnAction(e -> close());
        close.setCancelButton(true);
        close.setDefaultButton(true);
        status.setId("adviceStatus");
        root.setBottom(ReportWindow.bottomBar(status, close));
    }

    private VBox item(Advice a, int index) {
        Label t = new Label(a.title());
        t.setWrapText(true);
        t.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        Node body = ReportWindow.paragraph(a.body());
        body.setId("adviceBody-" + index);
        VBox box = new VBox(6, t, body);
        box.setId("advice-" + a.id());
        box.getStyleClass().add("advice-item");
        int j = 0;
        for (String cmd : a.commands()) {
            Label f = new Label(cmd);
            f.setId("command-" + index + "-" + j);
            f.setWrapText(true);
            f.setMinHeight(Region.USE_PREF_SIZE);
            f.setMaxWidth(Double.MAX_VALUE);
            f.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT); // a command reads left to right in any language
            f.setStyle("-fx-font-family: monospace; -fx-background-color: #f4f4f4; -fx-border-color: #ddd;"
                    + " -fx-padding: 4 6; -fx-font-size: 12px;");
            HBox.setHgrow(f, Priority.ALWAYS);
            Button copy = new Button(Messages.t("common.copy"));
            copy.setId("copy-" + index + "-" + j);
            copy.setTooltip(new Tooltip(Messages.t("adviceView.copy.tooltip")));
            copy.setOnAction(e -> {
                ClipboardContent cc = new ClipboardContent();
                cc.putString(cmd);
                Clipboard.getSystemClipboard().setContent(cc);
                status.setText(Messages.t("adviceView.copied", cmd));
            });
            copy.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(6, f, copy);
            row.setAlignment(Pos.TOP_LEFT);
            box.getChildren().add(row);
            j++;
        }
        box.setPadding(new Insets(10, 12, 10, 12));
        box.setStyle("-fx-background-color: white; -fx-border-color: #e0e0e0; -fx-border-radius: 4; -fx-background-radius: 4;");
        return box;
    }

    static String colour(Verdict v) {
        return switch (v) {
            case ONLINE -> "#1e6b34";
            case CAPTIVE -> "#0b57a4";
            case AUTH_REQUIRED, PROXY_AUTH_REQUIRED, LIMITED -> "#8a5a00";
            case OFFLINE -> "#a3201a";
        };
    }
}
