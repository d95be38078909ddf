package io.captivewatch.desktop.settings;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.url.SafeUrl;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Optional;

/**
 * The settings window's probe URL list ({@link SettingsView}'s "Probes" section): add a URL (absolute http(s)
 * only, at most {@link Settings#MAX_PROBES}), remove the selected one, restore the built-in ones. FX thread.
 *
 * <p>Node ids: {@code #probes}, {@code #newProbe}, {@code #addProbe}, {@code #removeProbe},
 * {@code #restoreDefaults}, {@code #probeError}.
 */
final class ProbesEditor {
    private final ObservableList<String> probes = FXCollections.observableArrayList();
    private final Label probeError = new Label();
    private final VBox node;

    /** @param stored the settings' probes (empty: the built-in ones) */
    ProbesEditor(List<String> stored) {
        probes.setAll(stored.isEmpty() ? defaultProbes() : stored);
        ListView<String> probeList = new ListView<>(probes);
        probeList.setId("probes");
        probeList.setPrefHeight(120);
        TextField newProbe = new TextField();
        newProbe.setId("newProbe");
        newProbe.setPromptText("http://example.com/generate_204");
        HBox.setHgrow(newProbe, Priority.ALWAYS);
        Button add = SettingsView.button("addProbe", Messages.t("settings.addProbe"));
        add.setOnAction(e -> {
            if (addProbe(newProbe.getText())) newProbe.clear();
        });
        newProbe.setOnAction(add.getOnAction());
        Button remove = SettingsView.button("removeProbe", Messages.t("settings.removeProbe"));
        remove.disableProperty().bind(probeList.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            String sel = probeList.getSelectionModel().getSelectedItem();
            if (sel != null) probes.remove(sel);
        });
        Button restore = SettingsView.button("restoreDefaults", Messages.t("settings.restoreDefaults"));
        restore.setOnAction(e -> {
            probes.setAll(defaultProbes());
            probeError.setText("");
        });
        probeError.setId("probeError");
        probeError.setStyle("-fx-text-fill: #b71c1c;");
        node = new VBox(6, probeList, new HBox(6, newProbe, add), new HBox(6, remove, restore), probeError);
    }

    Node node() {
        return node;
    }

    /** The URLs listed now. */
    List<String> probes() {
        return List.copyOf(probes);
    }

    /** The built-in probes' URLs. */
    static List<String> defaultProbes() {
        return ProbeSpec.defaults().stream().map(p -> p.url().toString()).toList();
    }

    /** Validates and adds a probe URL; false (with a message under the list) when it is not absolute http(s). */
    boolean addProbe(String text) {
        String t = text == null ? "" : text.trim();
        Optional<java.net.URI> u = t.contains("://") ? SafeUrl.parse(t) : Optional.empty();
        if (u.isEmpty()) {
            probeError.setText(Messages.t("settings.error.notUrl", t.length() > 80 ? t.substring(0, 80) + "…" : t));
            return false;
        }
        if (probes.size() >= Settings.MAX_PROBES) {
            probeError.setText(Messages.t("settings.error.tooManyProbes", Settings.MAX_PROBES));
            return false;
        }
        probeError.setText("");
        String s = u.get().toString();
        if (!probes.contains(s)) probes.add(s);
        return true;
    }
}
