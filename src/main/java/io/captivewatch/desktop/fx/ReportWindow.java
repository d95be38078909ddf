package io.captivewatch.desktop.fx;

import java.text.BreakIterator;

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

    /**
     * A paragraph that wraps to the width its container gives it, in any script. Not a wrapping {@code Label} or
     * {@code TextFlow}: JavaFX 21 wraps Arabic at one width and draws the lines wider (under right-to-left orientation
     * they ran past the advice box's left edge and were cut off, while the same text on one unwrapped line measures
     * right). So the paragraph breaks its lines itself, where {@link BreakIterator#getLineInstance} allows (between
     * words; between characters in Chinese and Japanese), measuring each line unwrapped, and shows one {@code Text} per
     * line at the start edge (the right edge when mirrored).
     */
    public static Paragraph paragraph(String text) {
        return new Paragraph(text, io.captivewatch.core.i18n.Messages.current().locale());
    }

    /** See {@link #paragraph}. */
    public static final class Paragraph extends javafx.scene.layout.Region {
        private final String text;
        private final java.util.Locale locale;
        private final javafx.scene.text.Text measure = new javafx.scene.text.Text();
        private final javafx.scene.Group lines = new javafx.scene.Group();
        private double linesFor = -1;

        Paragraph(String text, java.util.Locale locale) {
            this.text = text;
            this.locale = locale;
            getStyleClass().add("paragraph");
            measure.setVisible(false);
            measure.setManaged(false);
            lines.setManaged(false);
            getChildren().addAll(measure, lines);
            setMinWidth(0);
            setMaxWidth(Double.MAX_VALUE);
        }

        /** The whole text. */
        public String getText() {
            return text;
        }

        /** The lines as shown now (after layout). */
        public java.util.List<String> shownLines() {
            return lines.getChildren().stream().map(n -> ((javafx.scene.text.Text) n).getText()).toList();
        }

        @Override
        public javafx.geometry.Orientation getContentBias() {
            return javafx.geometry.Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return snappedLeftInset() + snappedRightInset() + Math.min(width(text), 400);
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected double computePrefHeight(double width) {
            double w = (width < 0 ? getWidth() : width) - snappedLeftInset() - snappedRightInset();
            return snappedTopInset() + snappedBottomInset() + split(w).size() * lineHeight();
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth() - snappedLeftInset() - snappedRightInset();
            if (w != linesFor || lines.getChildren().isEmpty()) {
                java.util.List<String> split = split(w);
                lines.getChildren().clear();
                double h = lineHeight();
                for (int i = 0; i < split.size(); i++) {
                    javafx.scene.text.Text t = new javafx.scene.text.Text(split.get(i));
                    t.setTextOrigin(javafx.geometry.VPos.TOP);
                    t.setStyle("-fx-fill: -fx-text-background-color;"); // a Label's text colour
                    t.setLayoutY(i * h);
                    lines.getChildren().add(t);
                }
                linesFor = w;
            }
            lines.relocate(snappedLeftInset(), snappedTopInset());
        }

        private double lineHeight() {
            measure.setText("Ag");
            return Math.ceil(measure.getLayoutBounds().getHeight());
        }

        private double width(String s) {
            measure.setText(s);
            return measure.getLayoutBounds().getWidth();
        }

        /** The lines of the text for a width: as many words (or CJK characters) per line as fit; a longer word alone. */
        java.util.List<String> split(double width) {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (String para : text.split("\n", -1)) {
                BreakIterator it = BreakIterator.getLineInstance(locale);
                it.setText(para);
                int start = 0, fit = -1;
                for (int b = it.next(); b != BreakIterator.DONE; ) {
                    if (width(para.substring(start, b).stripTrailing()) <= width || fit < 0) {
                        fit = b;
                        b = it.next();
                        continue;
                    }
                    out.add(para.substring(start, fit).stripTrailing());
                    start = fit;
                    fit = -1;
                }
                if (start < para.length() || out.isEmpty()) out.add(para.substring(start).stripTrailing());
            }
            return out;
        }
    }

    /**
     * Marks a label that shows the classifier's explanation, which is English for now (README "Languages"): it reads
     * left to right even in a mirrored window, so its URLs and sentences are not reordered by the Arabic paragraph.
     */
    public static void englishData(Node label) {
        label.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
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
