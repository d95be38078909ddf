package io.captivewatch.desktop.fx;

import javafx.scene.Parent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * What the report windows (advice, inspector) share: a root pane that tests can lay out without a window, and
 * the window it is shown in by {@link #openIn}.
 */
public abstract class ReportView {
    protected final BorderPane root = new BorderPane();
    private Stage stage;

    /** The view's root node. */
    public Parent root() {
        return root;
    }

    /** The window, when opened; null otherwise. */
    public Stage stage() {
        return stage;
    }

    /** Closes the window, if any. */
    public void close() {
        if (stage != null) stage.close();
    }

    /**
     * Opens this view in a window of its own ({@link ReportWindow#open}) with the focus on {@code focusId}
     * (not the first button: a report opens at its top).
     */
    protected void openIn(String title, double width, double height, double minWidth, double minHeight, String focusId) {
        stage = ReportWindow.open(root, title, width, height, minWidth, minHeight);
        root.lookup(focusId).requestFocus();
    }
}
