package io.captivewatch.desktop.settings;

import io.captivewatch.core.settings.AutoSignInStore;
import io.captivewatch.core.settings.NetworkHistory;

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
        list.setPlaceholder(new Label("Automatic sign-in is off on every network."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Map.Entry<String, AutoSignInStore.Entry> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getValue().name() + " — " + item.getValue().recipe().steps().size()
                        + " form(s), since " + item.getValue().since());
            }
        });
        Button off = new Button("Turn off");
        off.setId("turnOffAutoSignIn");
        off.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Label status = new Label();
        off.setOnAction(e -> {
            var sel = list.getSelectionModel().getSelectedItem();
            if (sel == null) return;
            try {
                store.remove(sel.getKey());
                status.setText("Turned off for " + sel.getValue().name() + ".");
            } catch (IOException ex) {
                status.setText("Could not turn it off: " + ex.getMessage());
            }
            refresh();
        });
        TextArea text = new TextArea(historyText(history.all()));
        text.setId("networkHistory");
        text.setEditable(false);
        text.setPrefRowCount(5);
        node = new VBox(6, new Label("Sign in automatically on these networks (only click-through pages, no passwords kept):"),
                list, off, status, new Label("History per network:"), text);
        refresh();
    }

    private void refresh() {
        auto.setAll(List.copyOf(store.all().entrySet()));
    }

    public VBox node() {
        return node;
    }

    /** The history as text, most recent network last. */
    static String historyText(Map<String, NetworkHistory.Network> all) {
        if (all.isEmpty()) return "No portal seen yet.";
        StringBuilder b = new StringBuilder();
        all.forEach((k, n) -> {
            b.append(n.name()).append('\n');
            for (NetworkHistory.Episode e : n.episodes()) {
                b.append("  captive ").append(WHEN.format(Instant.ofEpochSecond(e.captiveAt()).atZone(ZoneId.systemDefault())));
                b.append(e.signInMillis() < 0 ? ", not signed in" : ", signed in after " + seconds(e.signInMillis())
                        + (e.automatic() ? " (automatically)" : ""));
                if (e.sessionSeconds() >= 0) b.append(", session lasted ").append(duration(e.sessionSeconds()));
                b.append('\n');
            }
        });
        return b.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String duration(long s) {
        return s >= 3600 ? (s / 3600) + " h " + (s % 3600) / 60 + " min" : s >= 60 ? (s / 60) + " min" : s + " s";
    }
}
