package io.captivewatch.desktop.settings;

import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.desktop.icons.FxImages;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The settings window: probe URLs (add, remove, restore the built-in ones), check intervals, what to do
 * when a portal is found, the per-network memory (with Forget), and start at login. Must be built on the FX thread.
 *
 * <p>It never writes the settings itself: Save hands {@code apply} (the monitor's
 * {@code Monitor.updateSettings}) a change made of what this window edits — the fields shown here, and the networks
 * forgotten here — to be applied to the settings current at that moment. So a per-network choice made from the tray
 * while the window is open is kept. The outcome (saved, or why not) is shown in {@code #status}.
 *
 * <p>Node ids (for tests): {@code #problem}, {@code #probes}, {@code #newProbe}, {@code #addProbe},
 * {@code #removeProbe}, {@code #restoreDefaults}, {@code #probeError}, {@code #onlineInterval},
 * {@code #captiveInterval}, {@code #offlineBackoff}, {@code #popup}, {@code #networks}, {@code #forgetNetwork},
 * {@code #startAtLogin}, {@code #save}, {@code #close}, {@code #status}.
 */
public final class SettingsView {
    /** Window title. */
    public static final String TITLE = "CaptiveWatch settings";

    private final Path file;
    private final Function<UnaryOperator<Settings>, ? extends CompletionStage<Settings>> apply;
    private final StartAtLoginHook startAtLogin;
    private final ObservableList<String> probes = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, NetworkPrefs>> networks = FXCollections.observableArrayList();
    /** Network keys the user chose to forget here (since the last save). */
    private final Set<String> forgotten = new HashSet<>();
    private final VBox root;
    private final Label status = new Label();
    private final Label probeError = new Label();
    private final Spinner<Integer> online;
    private final Spinner<Integer> captive;
    private final Spinner<Integer> offline;
    private final ComboBox<PopupBehaviour> popup = new ComboBox<>();
    private final CheckBox autostart = new CheckBox("Start CaptiveWatch when I log in");
    private final Button save = button("save", "Save");
    private Stage stage;
    private boolean savedStartAtLogin;

    /**
     * @param settings     what to show
     * @param loadProblem  a message when the settings file was corrupt or adjusted (shown at the top)
     * @param file         where the settings are saved (named in error messages)
     * @param apply        applies a change to the current settings and saves them ({@code Monitor.updateSettings});
     *                     completes, on any thread, with the settings in use, or fails with why they were not saved
     * @param startAtLogin what the start-at-login box does once saved
     */
    public SettingsView(Settings settings, Optional<String> loadProblem, Path file,
                        Function<UnaryOperator<Settings>, ? extends CompletionStage<Settings>> apply,
                        StartAtLoginHook startAtLogin) {
        this.file = file;
        this.apply = apply;
        this.startAtLogin = startAtLogin;
        this.savedStartAtLogin = settings.startAtLogin();
        probes.setAll(settings.probes().isEmpty() ? defaultProbes() : settings.probes());
        showNetworks(settings);

        Label problem = new Label(loadProblem.orElse(""));
        problem.setId("problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-background-color: #fff3e0; -fx-text-fill: #bf360c; -fx-padding: 6;");
        problem.setVisible(loadProblem.isPresent());
        problem.setManaged(loadProblem.isPresent());

        // probes
        ListView<String> probeList = new ListView<>(probes);
        probeList.setId("probes");
        probeList.setPrefHeight(120);
        TextField newProbe = new TextField();
        newProbe.setId("newProbe");
        newProbe.setPromptText("http://example.com/generate_204");
        HBox.setHgrow(newProbe, Priority.ALWAYS);
        Button add = button("addProbe", "Add");
        add.setOnAction(e -> {
            if (addProbe(newProbe.getText())) newProbe.clear();
        });
        newProbe.setOnAction(add.getOnAction());
        Button remove = button("removeProbe", "Remove");
        remove.disableProperty().bind(probeList.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            String sel = probeList.getSelectionModel().getSelectedItem();
            if (sel != null) probes.remove(sel);
        });
        Button restore = button("restoreDefaults", "Restore defaults");
        restore.setOnAction(e -> {
            probes.setAll(defaultProbes());
            probeError.setText("");
        });
        probeError.setId("probeError");
        probeError.setStyle("-fx-text-fill: #b71c1c;");
        VBox probeBox = new VBox(6, probeList, new HBox(6, newProbe, add), new HBox(6, remove, restore), probeError);

        // intervals and behaviour
        online = spinner("onlineInterval", Settings.MIN_ONLINE_INTERVAL, Settings.MAX_ONLINE_INTERVAL, settings.onlineIntervalSeconds());
        captive = spinner("captiveInterval", Settings.MIN_CAPTIVE_INTERVAL, Settings.MAX_CAPTIVE_INTERVAL, settings.captiveIntervalSeconds());
        offline = spinner("offlineBackoff", Settings.MIN_OFFLINE_BACKOFF_MAX, Settings.MAX_OFFLINE_BACKOFF_MAX, settings.offlineBackoffMaxSeconds());
        popup.setId("popup");
        popup.getItems().setAll(PopupBehaviour.values());
        popup.setConverter(new StringConverter<>() {
            @Override
            public String toString(PopupBehaviour p) {
                return p == null ? "" : describe(p);
            }

            @Override
            public PopupBehaviour fromString(String s) {
                return null;
            }
        });
        popup.setValue(settings.popup());
        autostart.setId("startAtLogin");
        autostart.setSelected(settings.startAtLogin());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Check every (seconds) while online"), online);
        grid.addRow(1, new Label("… while a portal waits for sign-in"), captive);
        grid.addRow(2, new Label("… at most, while offline"), offline);
        grid.addRow(3, new Label("When a portal is found"), popup);

        // per-network memory
        ListView<Map.Entry<String, NetworkPrefs>> networkList = new ListView<>(networks);
        networkList.setId("networks");
        networkList.setPrefHeight(90);
        networkList.setPlaceholder(new Label("No network-specific choices yet."));
        networkList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Map.Entry<String, NetworkPrefs> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item.getKey(), item.getValue()));
            }
        });
        Button forget = button("forgetNetwork", "Forget");
        forget.disableProperty().bind(networkList.getSelectionModel().selectedItemProperty().isNull());
        forget.setOnAction(e -> {
            var sel = networkList.getSelectionModel().getSelectedItem();
            if (sel != null) {
                networks.remove(sel);
                forgotten.add(sel.getKey());
            }
        });
        VBox networkBox = new VBox(6, networkList, forget);

        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Button close = button("close", "Close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.hide();
        });
        status.setId("status");
        HBox buttons = new HBox(8, status, spacer(), close, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        root = new VBox(10, problem,
                titled("Connectivity checks (probe URLs)", probeBox),
                titled("Timing and pop-ups", grid),
                titled("Remembered networks", networkBox),
                autostart, buttons);
        root.setPadding(new Insets(12));
    }

    /** Adds a section above the start-at-login box (issue #20: automatic sign-in and history, {@link ComebackPane}). */
    public SettingsView addSection(String title, javafx.scene.Node content) {
        root.getChildren().add(root.getChildren().indexOf(autostart), titled(title, content));
        return this;
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
            probeError.setText("Not an absolute http:// or https:// URL: " + (t.length() > 80 ? t.substring(0, 80) + "…" : t));
            return false;
        }
        if (probes.size() >= Settings.MAX_PROBES) {
            probeError.setText("At most " + Settings.MAX_PROBES + " probes.");
            return false;
        }
        probeError.setText("");
        String s = u.get().toString();
        if (!probes.contains(s)) probes.add(s);
        return true;
    }

    /**
     * What Save changes, as a function of the settings current when it is applied: this window's fields replace
     * theirs, the networks forgotten here are removed, every other network choice is kept as it is then (the
     * built-in probe list is stored as "use defaults").
     */
    public UnaryOperator<Settings> edits() {
        List<String> p = List.copyOf(probes);
        List<String> stored = p.equals(defaultProbes()) ? List.of() : p;
        int onlineSeconds = online.getValue(), captiveSeconds = captive.getValue(), offlineSeconds = offline.getValue();
        PopupBehaviour pop = popup.getValue();
        boolean start = autostart.isSelected();
        Set<String> forget = Set.copyOf(forgotten);
        return current -> {
            Map<String, NetworkPrefs> nets = new LinkedHashMap<>(current.networks());
            nets.keySet().removeAll(forget);
            return new Settings(stored, onlineSeconds, captiveSeconds, offlineSeconds, pop, nets, start);
        };
    }

    /** Hands the edits to {@code apply}; Save is disabled until it answers, and the outcome shows in {@code #status}. */
    void save() {
        commit(online);
        commit(captive);
        commit(offline);
        if (probes.isEmpty()) {
            status.setText("Add at least one probe, or restore the defaults.");
            return;
        }
        save.setDisable(true);
        status.setText("Saving…");
        CompletionStage<Settings> done;
        try {
            done = apply.apply(edits());
        } catch (RuntimeException e) {
            saved(null, e);
            return;
        }
        done.whenComplete((s, e) -> Platform.runLater(() -> saved(s, e)));
    }

    /** FX thread: the settings in use after a save, or why it failed. */
    private void saved(Settings s, Throwable failure) {
        save.setDisable(false);
        if (failure != null) {
            status.setText("Could not save to " + file + ": " + reason(failure));
            return;
        }
        String note = "Saved.";
        if (s.startAtLogin() != savedStartAtLogin) {
            try {
                startAtLogin.apply(s.startAtLogin());
            } catch (Exception e) {
                note = "Saved, but start at login could not be changed: " + e.getMessage();
            }
        }
        savedStartAtLogin = s.startAtLogin();
        forgotten.clear();
        showNetworks(s); // including choices made from the tray while this window was open
        status.setText(note);
    }

    private void showNetworks(Settings s) {
        networks.setAll(new ArrayList<>(new LinkedHashMap<>(s.networks()).entrySet()));
    }

    /** A short reason for people, e.g. "permission denied (/x/.settings-1.tmp)"; else the exception's message. */
    static String reason(Throwable t) {
        Throwable e = t;
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        if (e instanceof FileSystemException f) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "a file is in the way"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() == null ? why : why + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The view's root node (tests put it in their own stage). */
    public Parent root() {
        return root;
    }

    /** Opens the view in its own window. */
    public Stage show() {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle(TITLE);
            stage.getIcons().addAll(FxImages.app(16), FxImages.app(32), FxImages.app(64));
            stage.setScene(new Scene(root, 560, 640));
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    static String describe(PopupBehaviour p) {
        return switch (p) {
            case ASK -> "Ask me first (notification)";
            case OPEN_AUTOMATICALLY -> "Open the login window at once";
            case NEVER -> "Do nothing (the icon still shows it)";
        };
    }

    static String describe(String key, NetworkPrefs p) {
        String name = key.startsWith("ssid:") ? key.substring(5) : key;
        String what = p.neverPrompt() ? "never open the login window" : p.alwaysOpen() ? "always open the login window" : "default";
        return name + " — " + what;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, value);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        // commit typed text on focus loss too, so Save sees what is shown
        s.focusedProperty().addListener((o, was, is) -> {
            if (!is) commit(s);
        });
        return s;
    }

    private static void commit(Spinner<Integer> s) {
        String text = s.getEditor().getText();
        try {
            int v = Integer.parseInt(text.trim());
            var f = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
            s.getValueFactory().setValue(Math.max(f.getMin(), Math.min(f.getMax(), v)));
        } catch (NumberFormatException e) {
            s.getEditor().setText(String.valueOf(s.getValue()));
        }
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }

    private static TitledPane titled(String title, javafx.scene.Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
