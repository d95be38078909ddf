package io.captivewatch.desktop.settings;

import io.captivewatch.core.os.FakeScheduler;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.settings.SettingsStore;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings window with a real monitor as the settings' only writer (saving to a real store). The monitor runs
 * on a virtual-time scheduler: its tasks run when the test calls {@code clock.runDue()}.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    static final NetworkIdentity CAFE = new NetworkIdentity("ssid:Cafe", "Cafe", "Cafe");

    @TempDir
    static Path dir;

    final FakeScheduler clock = new FakeScheduler();
    final List<Settings> saved = new CopyOnWriteArrayList<>();
    final List<Boolean> autostartCalls = new CopyOnWriteArrayList<>();
    SettingsStore store;
    Monitor monitor;

    @Start
    void start(Stage stage) throws Exception {
        store = new SettingsStore(Files.createTempDirectory(dir, "cfg"));
        Settings s = Settings.defaults()
                .withProbes(List.of("http://127.0.0.1:9/generate_204"))
                .withNetwork("ssid:HotelGuest", new NetworkPrefs(true, false))
                .withNetwork("ssid:Airport", new NetworkPrefs(false, true));
        open(stage, s, store, autostartCalls::add);
    }

    /** A monitor that saves to {@code to}, and the window on it, in {@code stage}. */
    void open(Stage stage, Settings s, SettingsStore to, StartAtLoginHook hook) {
        if (monitor != null) monitor.close();
        monitor = Monitor.builder((probes, timeout) -> {
                    throw new AssertionError("this test never checks");
                })
                .scheduler(clock).settings(s)
                .persist(next -> {
                    to.save(next);
                    saved.add(next);
                }).build();
        SettingsView view = new SettingsView(monitor.settings(), Optional.of("Settings file was corrupt; moved aside."),
                to.file(), monitor::updateSettings, hook);
        stage.setScene(new Scene(view.root(), 560, 660));
        stage.show();
    }

    @AfterEach
    void closeMonitor() {
        monitor.close();
    }

    /** Presses Save, lets the monitor do its part, and waits for the window to show the outcome. */
    void save(FxRobot r) {
        r.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();
        clock.runDue();
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Stage stage(FxRobot r) {
        return (Stage) r.lookup("#save").query().getScene().getWindow();
    }

    static String status(FxRobot r) {
        return r.lookup("#status").queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    static Spinner<Integer> captiveInterval(FxRobot r) {
        return r.lookup("#captiveInterval").queryAs(Spinner.class);
    }

    @SuppressWarnings("unchecked")
    static ComboBox<PopupBehaviour> popup(FxRobot r) {
        return r.lookup("#popup").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    static ListView<String> probes(FxRobot r) {
        return r.lookup("#probes").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    static ListView<Map.Entry<String, NetworkPrefs>> networks(FxRobot r) {
        return r.lookup("#networks").queryAs(ListView.class);
    }

    @Test
    void showsTheLoadProblem(FxRobot r) {
        Label problem = r.lookup("#problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("corrupt");
    }

    @Test
    void addRemoveAndSaveWritesTheFile(FxRobot r) throws Exception {
        r.clickOn("#newProbe").write("http://127.0.0.1:8080/hotspot-detect.html");
        r.clickOn("#addProbe");
        assertThat(probes(r).getItems()).containsExactly("http://127.0.0.1:9/generate_204", "http://127.0.0.1:8080/hotspot-detect.html");

        r.interact(() -> probes(r).getSelectionModel().select("http://127.0.0.1:9/generate_204"));
        r.clickOn("#removeProbe");
        assertThat(probes(r).getItems()).containsExactly("http://127.0.0.1:8080/hotspot-detect.html");

        r.interact(() -> captiveInterval(r).getValueFactory().setValue(7));
        r.interact(() -> popup(r).setValue(PopupBehaviour.ASK));
        save(r);

        assertThat(status(r)).isEqualTo("Saved.");
        String json = Files.readString(store.file());
        assertThat(json).contains("\"http://127.0.0.1:8080/hotspot-detect.html\"").doesNotContain("127.0.0.1:9/");
        assertThat(json).contains("\"captiveIntervalSeconds\": 7").contains("\"ASK\"");
        SettingsStore.Load back = store.load();
        assertThat(back.problem()).isEmpty();
        assertThat(back.settings().probes()).containsExactly("http://127.0.0.1:8080/hotspot-detect.html");
        assertThat(back.settings().captiveIntervalSeconds()).isEqualTo(7);
        assertThat(back.settings().popup()).isEqualTo(PopupBehaviour.ASK);
        assertThat(back.settings().networks()).containsKeys("ssid:HotelGuest", "ssid:Airport");
        assertThat(saved).as("written once, by the monitor").hasSize(1);
        assertThat(saved.get(0)).isEqualTo(back.settings()).isEqualTo(monitor.settings());
        assertThat(autostartCalls).as("unchanged: autostart left alone").isEmpty();
    }

    @Test
    void savingKeepsAPerNetworkChoiceMadeWhileTheWindowWasOpen(FxRobot r) throws Exception {
        // the window is open; from the tray: "Don't ask again on this network" on Cafe, "Always open" on HotelGuest
        monitor.setNeverPrompt(CAFE, true);
        monitor.setAlwaysOpen(new NetworkIdentity("ssid:HotelGuest", "HotelGuest", "HotelGuest"), true);
        clock.runDue();

        r.interact(() -> captiveInterval(r).getValueFactory().setValue(7));
        save(r);

        assertThat(status(r)).isEqualTo("Saved.");
        for (Settings s : List.of(monitor.settings(), store.load().settings())) {
            assertThat(s.captiveIntervalSeconds()).isEqualTo(7);
            assertThat(s.network("ssid:Cafe")).isEqualTo(new NetworkPrefs(true, false));
            assertThat(s.network("ssid:HotelGuest")).isEqualTo(new NetworkPrefs(false, true));
            assertThat(s.network("ssid:Airport")).isEqualTo(new NetworkPrefs(false, true));
        }
        assertThat(networks(r).getItems()).as("the list shows the choices as they are now")
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("ssid:Airport", "ssid:Cafe", "ssid:HotelGuest");
    }

    @Test
    void forgetANetworkKeepsTheOthersIncludingNewOnes(FxRobot r) throws Exception {
        assertThat(networks(r).getItems()).hasSize(2);
        r.clickOn("Airport — always open the login window");
        r.clickOn("#forgetNetwork");
        assertThat(networks(r).getItems()).extracting(Map.Entry::getKey).containsExactly("ssid:HotelGuest");
        monitor.setNeverPrompt(CAFE, true);
        clock.runDue();
        save(r);
        assertThat(store.load().settings().networks()).containsOnlyKeys("ssid:HotelGuest", "ssid:Cafe");
        assertThat(monitor.settings().networks()).containsOnlyKeys("ssid:HotelGuest", "ssid:Cafe");
    }

    @Test
    void turningStartAtLoginOffCallsTheHookOnce(FxRobot r) throws Exception {
        r.clickOn("#startAtLogin");
        save(r);
        save(r);
        assertThat(autostartCalls).containsExactly(false);
        assertThat(store.load().settings().startAtLogin()).isFalse();
        assertThat(monitor.settings().startAtLogin()).isFalse();
    }

    @Test
    void aHookThatFailsIsReportedAfterTheSave(FxRobot r) throws Exception {
        r.interact(() -> open(stage(r), Settings.defaults(), store, on -> {
            throw new IllegalStateException("only the installed app can start at login");
        }));
        r.clickOn("#startAtLogin");
        save(r);
        assertThat(status(r)).isEqualTo("Saved, but start at login could not be changed: only the installed app can start at login");
        assertThat(store.load().settings().startAtLogin()).isFalse();
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedAndNothingChanges(FxRobot r) throws Exception {
        Path notADir = Files.writeString(Files.createTempDirectory(dir, "blocked").resolve("cfg"), "a file in the way");
        SettingsStore blocked = new SettingsStore(notADir);
        r.interact(() -> open(stage(r), Settings.defaults(), blocked, autostartCalls::add));
        Settings before = monitor.settings();
        r.interact(() -> captiveInterval(r).getValueFactory().setValue(9));
        save(r);
        assertThat(status(r)).isEqualTo("Could not save to " + blocked.file() + ": a file is in the way (" + notADir + ")");
        assertThat(monitor.settings()).isEqualTo(before);
        assertThat(saved).isEmpty();
        assertThat(autostartCalls).isEmpty();
        assertThat(r.lookup("#save").queryAs(Button.class).isDisabled()).as("Save can be tried again").isFalse();
    }

    @Test
    void rejectsNonHttpProbes(FxRobot r) {
        r.interact(() -> r.lookup("#newProbe").queryAs(javafx.scene.control.TextField.class).setText("file:///etc/passwd"));
        r.clickOn("#addProbe");
        assertThat(r.lookup("#probeError").queryAs(Label.class).getText()).startsWith("Not an absolute http");
        assertThat(probes(r).getItems()).containsExactly("http://127.0.0.1:9/generate_204");
    }

    @Test
    void restoreDefaultsSavesAsBuiltInList(FxRobot r) throws Exception {
        r.clickOn("#restoreDefaults");
        assertThat(probes(r).getItems()).isEqualTo(ProbesEditor.defaultProbes()).isNotEmpty();
        save(r);
        assertThat(store.load().settings().probes()).as("stored as 'use the built-in probes'").isEmpty();
        assertThat(Files.readString(store.file())).contains("\"probes\": []");
    }

    @Test
    void emptyProbeListIsNotSaved(FxRobot r) throws Exception {
        r.interact(() -> probes(r).getSelectionModel().select(0));
        r.clickOn("#removeProbe");
        save(r);
        assertThat(status(r)).startsWith("Add at least one probe");
        assertThat(Files.exists(store.file())).isFalse();
        assertThat(saved).isEmpty();
    }
}
