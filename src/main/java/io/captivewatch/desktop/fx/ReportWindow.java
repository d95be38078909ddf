package io.captivewatch.desktop.fx;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

/**
 * What the windows that report on a check (advice, inspector) share: a stage of their own, and a bottom bar with a
 * status line on the left and buttons on the right. FX thread only.
 */
public final class ReportWindow {
    private ReportWindow() {}

    /** Throws unless called on the JavaFX application thread. */
    public static void requireFxThread(String who) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException(who + " must be used on the JavaFX application thread");
        }
    }

    /** Shows {@code root} in a new window of the given size (and smallest size), titled "CaptiveWatch — {@code title}". */
    public static Stage open(Parent root, String title, double width, double height, double minWidth, double minHeight) {
        Stage s = new Stage();
        s.setTitle(io.captivewatch.core.i18n.Messages.t("window.title", title));
        Scene scene = new Scene(root, width, height);
        orient(scene);
        s.setScene(scene);
        s.setMinWidth(minWidth);
        s.setMinHeight(minHeight);
        s.show();
        return s;
    }

    /** Mirrors a window for a right-to-left language (Arabic): {@code NodeOrientation.RIGHT_TO_LEFT}. */
    public static void orient(Scene scene) {
        scene.setNodeOrientation(orientation());
        if (scene.getRoot() != null) orient(scene.getRoot());
    }

    /**
     * The same for a view's root (tests show roots in stages of their own), and a font that has the script's glyphs:
     * JavaFX's fallback may find none for CJK (boxes) and measures Arabic with one font while drawing with another
     * (wrapped lines overflow). The fonts are Debian's fonts-noto-cjk and fonts-dejavu-core (README, ci-packages-l10n.txt).
     */
    public static void orient(Node root) {
        root.setNodeOrientation(orientation());
        String family = switch (io.captivewatch.core.i18n.Messages.current().locale().getLanguage()) {
            case "ja" -> "Noto Sans CJK JP";
            case "zh" -> "Noto Sans CJK SC";
            case "ar" -> "DejaVu Sans";
            default -> null;
        };
        String style = root.getStyle() == null ? "" : root.getStyle();
        if (family != null && javafx.scene.text.Font.getFamilies().contains(family) && !style.contains("-fx-font-family")) {
            root.setStyle(style + (style.isEmpty() || style.endsWith(";") ? "" : ";") + "-fx-font-family: \"" + family + "\";");
        }
    }

    /** The process language's orientation. */
    public static javafx.geometry.NodeOrientation orientation() {
        return io.captivewatch.core.i18n.Messages.current().rightToLeft()
                ? javafx.geometry.NodeOrientation.RIGHT_TO_LEFT : javafx.geometry.NodeOrientation.LEFT_TO_RIGHT;
    }

    /** The bottom bar: {@code status} takes the free width, then {@code buttons}, right-aligned. */
    public static HBox bottomBar(Label status, Node... buttons) {
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bar = new HBox(8, status);
        bar.getChildren().addAll(buttons);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.setStyle("-fx-background-color: #f2f2f2; -fx-border-color: #d0d0d0 transparent transparent transparent;");
        return bar;
    }
}
