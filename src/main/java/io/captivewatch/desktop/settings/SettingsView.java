package io.captivewatch.desktop.settings;

import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.desktop.fx.ReportWindow;
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
 * {@code #startAtLogin}, {@code #language}, {@code #save}, {@code #close}, {@code #status}.
 */
public final class SettingsView {
    /** The window's English name, for log lines and tests (the title shown is {@link #title()}). */
    public static final String TITLE = "CaptiveWatch settings";

    /** Window title, in the process's language. */
    public static String title() {
        return Messages.t("settings.title");
    }

    private final Path file;
    private final Function<UnaryOperator<Settings>, ? extends CompletionStage<Settings>> apply;
    private final StartAtLoginHook startAtLogin;
    private final ProbesEditor probeEditor;
    private final ObservableList<Map.Entry<String, NetworkPrefs>> networks = FXCollections.observableArrayList();
    /** Network keys the user chose to forget here (since the last save). */
    private final Set<String> forgotten = new HashSet<>();
    private final VBox root;
    private final Label status = new Label();
    private final Spinner<Integer> online;
    private final Spinner<Integer> captive;
    private final Spinner<Integer> offline;
    private final ComboBox<PopupBehaviour> popup = new ComboBox<>();
    private final CheckBox autostart = new CheckBox(Messages.t("settings.startAtLogin"));
    /** The language chooser: "" (the system's) or a shipped language's tag. */
    private final ComboBox<String> language = new ComboBox<>();
    private final Button save = button("save", Messages.t("common.save"));
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
        showNetworks(settings);

        Label problem = new Label(loadProblem.orElse(""));
        problem.setId("problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-background-color: #fff3e0; -fx-text-fill: #bf360c; -fx-padding: 6;");
        problem.setVisible(loadProblem.isPresent());
        problem.setManaged(loadProblem.isPresent());

        probeEditor = new ProbesEditor(settings.probes());

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
        // the names wrap rather than being cut ("Проверять каждые (секунд) при под…"); the fields keep their width
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setHgrow(javafx.scene.layout.Priority.SOMETIMES);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().setAll(names, fields);
        grid.addRow(0, fieldName("settings.onlineInterval"), online);
        grid.addRow(1, fieldName("settings.captiveInterval"), captive);
        grid.addRow(2, fieldName("settings.offlineBackoff"), offline);
        grid.addRow(3, fieldName("settings.popup"), popup);

        // language: "" follows the system; a change applies from the next start (the login process too)
        language.setId("language");
        language.getItems().add("");
        Languages.SHIPPED.forEach(l -> language.getItems().add(l.toLanguageTag()));
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(String tag) {
                if (tag == null || tag.isEmpty()) return Messages.t("settings.language.system");
                return Languages.parse(tag).map(Languages::nativeName).orElse(tag);
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        language.setValue(Languages.parse(settings.language()).map(java.util.Locale::toLanguageTag).orElse(""));
        Label languageNote = new Label(Messages.t("settings.language.restart"));
        languageNote.setWrapText(true);
        languageNote.setStyle("-fx-text-fill: #555;");
        grid.addRow(4, fieldName("settings.language"), language);
        grid.add(languageNote, 0, 5, 2, 1);

        // per-network memory
        ListView<Map.Entry<String, NetworkPrefs>> networkList = new ListView<>(networks);
        networkList.setId("networks");
        networkList.setPrefHeight(90);
        networkList.setPlaceholder(new Label(Messages.t("settings.networks.none")));
        networkList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Map.Entry<String, NetworkPrefs> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item.getKey(), item.getValue()));
            }
        });
        Button forget = button("forgetNetwork", Messages.t("settings.networks.forget"));
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
        Button close = button("close", Messages.t("common.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.hide();
        });
        status.setId("status");
        HBox buttons = new HBox(8, status, spacer(), close, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        root = new VBox(10, problem,
                titled(Messages.t("settings.probes"), probeEditor.node()),
                titled(Messages.t("settings.timing"), grid),
                titled(Messages.t("settings.networks"), networkBox),
                autostart, buttons);
        root.setPadding(new Insets(12));
        ReportWindow.orient(root);
    }

    /** Adds a section above the start-at-login box (issue #20: automatic sign-in and history, {@link ComebackPane}). */
    public SettingsView addSection(String title, javafx.scene.Node content) {
        root.getChildren().add(root.getChildren().indexOf(autostart), titled(title, content));
        return this;
    }

    /**
     * What Save changes, as a function of the settings current when it is applied: this window's fields replace
     * theirs, the networks forgotten here are removed, every other network choice is kept as it is then (the
     * built-in probe list is stored as "use defaults").
     */
    public UnaryOperator<Settings> edits() {
        List<String> p = probeEditor.probes();
        List<String> stored = p.equals(ProbesEditor.defaultProbes()) ? List.of() : p;
        int onlineSeconds = online.getValue(), captiveSeconds = captive.getValue(), offlineSeconds = offline.getValue();
        PopupBehaviour pop = popup.getValue();
        boolean start = autostart.isSelected();
        String lang = language.getValue() == null ? "" : language.getValue();
        Set<String> forget = Set.copyOf(forgotten);
        return current -> {
            Map<String, NetworkPrefs> nets = new LinkedHashMap<>(current.networks());
            nets.keySet().removeAll(forget);
            return new Settings(stored, onlineSeconds, captiveSeconds, offlineSeconds, pop, nets, start, lang);
        };
    }

    /** Hands the edits to {@code apply}; Save is disabled until it answers, and the outcome shows in {@code #status}. */
    void save() {
        commit(online);
        commit(captive);
        commit(offline);
        if (probeEditor.probes().isEmpty()) {
            status.setText(Messages.t("settings.error.noProbes"));
            return;
        }
        save.setDisable(true);
        status.setText(Messages.t("settings.saving"));
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
            status.setText(Messages.t("settings.couldNotSave", String.valueOf(file), reason(failure)));
            return;
        }
        String note = Messages.t("settings.saved");
        if (s.startAtLogin() != savedStartAtLogin) {
            try {
                startAtLogin.apply(s.startAtLogin());
            } catch (Exception e) {
                note = Messages.t("settings.savedAutostartFailed", String.valueOf(e.getMessage()));
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
            String why = e instanceof AccessDeniedException ? Messages.t("settings.reason.permissionDenied")
                    : e instanceof FileAlreadyExistsException ? Messages.t("settings.reason.fileInTheWay")
                    : e instanceof NoSuchFileException ? Messages.t("settings.reason.noSuchFile")
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() == null ? why : Messages.t("settings.reason.withFile", why, f.getFile());
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
            stage.setTitle(title());
            stage.getIcons().addAll(FxImages.app(16), FxImages.app(32), FxImages.app(64));
            Scene scene = new Scene(root, 560, 700);
            ReportWindow.orient(scene);
            stage.setScene(scene);
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    static String describe(PopupBehaviour p) {
        return switch (p) {
            case ASK -> Messages.t("settings.popup.ask");
            case OPEN_AUTOMATICALLY -> Messages.t("settings.popup.open");
            case NEVER -> Messages.t("settings.popup.never");
        };
    }

    static String describe(String key, NetworkPrefs p) {
        String name = key.startsWith("ssid:") ? key.substring(5) : key;
        String what = Messages.t(p.neverPrompt() ? "settings.networks.never" : p.alwaysOpen() ? "settings.networks.always" : "settings.networks.default");
        return Messages.t("settings.networks.entry", name, what);
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

    static Button button(String id, String text) {
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

    /** A field's name in the timing grid: wraps when the window is narrow, never cut off. */
    private static Label fieldName(String key) {
        Label l = new Label(Messages.t(key));
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
