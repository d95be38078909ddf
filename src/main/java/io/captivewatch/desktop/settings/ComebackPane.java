package io.captivewatch.desktop.settings;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.settings.AutoSignInStore;
import io.captivewatch.core.settings.NetworkHistory;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings' part for issue #20: the networks where CaptiveWatch signs in by itself (with Turn off, effective at
 * once) and each network's history (when it was captive, how long sign-ins took, how long sessions lasted).
 * Node ids: {@code #autoSignInNetworks}, {@code #turnOffAutoSignIn}, {@code #networkHistory}.
 */
public final class ComebackPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final AutoSignInStore store;
    private final NetworkHistory history;
    private final ObservableList<Map.Entry<String, AutoSignInStore.Entry>> auto = FXCollections.observableArrayList();
    private final VBox node;

    public ComebackPane(AutoSignInStore store, NetworkHistory history) {
        this.store = store;
        this.history = history;
        ListView<Map.Entry<String, AutoSignInStore.Entry>> list = new ListView<>(auto);
        list.setId("autoSignInNetworks");
        list.setPrefHeight(70);
        list.setPlaceholder(new Label(Messages.t("settings.comeback.none")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Map.Entry<String, AutoSignInStore.Entry> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Messages.current().plural("settings.comeback.entry",
                        item.getValue().recipe().steps().size(), item.getValue().name(), item.getValue().since()));
            }
        });
        Button off = new Button(Messages.t("settings.comeback.turnOff"));
        off.setId("turnOffAutoSignIn");
        off.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Label status = new Label();
        off.setOnAction(e -> {
            var sel = list.getSelectionModel().getSelectedItem();
            if (sel == null) return;
            // the store writes its file (synchronized): off the FX thread; the outcome shows back on it
            Thread t = new Thread(() -> {
                Exception failed = null;
                try {
                    store.remove(sel.getKey());
                } catch (IOException | RuntimeException ex) {
                    failed = ex;
                }
                Exception f = failed;
                Platform.runLater(() -> {
                    status.setText(f == null ? Messages.t("settings.comeback.turnedOff", sel.getValue().name())
                            : Messages.t("settings.comeback.couldNotTurnOff", f.getMessage()));
                    refresh();
                });
            }, "captivewatch-comeback-turn-off");
            t.setDaemon(true);
            t.start();
        });
        TextArea text = new TextArea(historyText(history.all()));
        text.setId("networkHistory");
        text.setEditable(false);
        text.setPrefRowCount(5);
        node = new VBox(6, wrapped(Messages.t("settings.comeback.intro")), list, off, status,
                new Label(Messages.t("settings.comeback.history")), text);
        refresh();
    }

    private void refresh() {
        auto.setAll(List.copyOf(store.all().entrySet()));
    }

    public VBox node() {
        return node;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    /** The history as text, most recent network last, in the process's language. */
    static String historyText(Map<String, NetworkHistory.Network> all) {
        return historyText(all, Messages.current(), ZoneId.systemDefault());
    }

    static String historyText(Map<String, NetworkHistory.Network> all, Messages m, ZoneId zone) {
        if (all.isEmpty()) return m.get("settings.comeback.noHistory");
        String sep = m.get("settings.history.separator");
        StringBuilder b = new StringBuilder();
        all.forEach((k, n) -> {
            b.append(n.name()).append('\n');
            for (NetworkHistory.Episode e : n.episodes()) {
                b.append("  ").append(m.get("settings.history.captive", WHEN.format(Instant.ofEpochSecond(e.captiveAt()).atZone(zone))));
                b.append(sep).append(e.signInMillis() < 0 ? m.get("settings.history.notSignedIn")
                        : m.get(e.automatic() ? "settings.history.signedInAutomatically" : "settings.history.signedIn", seconds(m, e.signInMillis())));
                if (e.sessionSeconds() >= 0) b.append(sep).append(m.get("settings.history.session", m.duration(e.sessionSeconds())));
                b.append('\n');
            }
        });
        return b.toString();
    }

    /** "3.2 s" in the language (its decimal mark). */
    private static String seconds(Messages m, long ms) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(m.locale().getLanguage().equals("qps") ? Locale.ENGLISH : m.locale());
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        return m.get("settings.history.seconds", f.format(ms / 1000.0));
    }
}
