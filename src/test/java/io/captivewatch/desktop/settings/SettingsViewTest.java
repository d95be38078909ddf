package io.captivewatch.desktop.settings;

import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.settings.SettingsStore;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
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

@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {

    @TempDir
    static Path dir;

    SettingsStore store;
    final List<Settings> saved = new CopyOnWriteArrayList<>();
    final List<Boolean> autostartCalls = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path d = Files.createTempDirectory(dir, "cfg");
        store = new SettingsStore(d);
        Settings s = Settings.defaults()
                .withProbes(List.of("http://127.0.0.1:9/generate_204"))
                .withNetwork("ssid:HotelGuest", new NetworkPrefs(true, false))
                .withNetwork("ssid:Airport", new NetworkPrefs(false, true));
        SettingsView view = new SettingsView(s, Optional.of("Settings file was corrupt; moved aside."), store, saved::add,
                autostartCalls::add);
        stage.setScene(new Scene(view.root(), 560, 660));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    static ListView<String> probes(FxRobot r) {
        return r.lookup("#probes").queryAs(ListView.class);
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

        r.interact(() -> r.lookup("#captiveInterval").queryAs(Spinner.class).getValueFactory().setValue(7));
        r.interact(() -> r.lookup("#popup").queryAs(javafx.scene.control.ComboBox.class).setValue(PopupBehaviour.ASK));
        r.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(r.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Saved.");
        String json = Files.readString(store.file());
        assertThat(json).contains("\"http://127.0.0.1:8080/hotspot-detect.html\"").doesNotContain("127.0.0.1:9/");
        assertThat(json).contains("\"captiveIntervalSeconds\": 7").contains("\"ASK\"");
        SettingsStore.Load back = store.load();
        assertThat(back.problem()).isEmpty();
        assertThat(back.settings().probes()).containsExactly("http://127.0.0.1:8080/hotspot-detect.html");
        assertThat(back.settings().captiveIntervalSeconds()).isEqualTo(7);
        assertThat(back.settings().popup()).isEqualTo(PopupBehaviour.ASK);
        assertThat(back.settings().networks()).containsKeys("ssid:HotelGuest", "ssid:Airport");
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0)).isEqualTo(back.settings());
        assertThat(autostartCalls).as("unchanged: autostart left alone").isEmpty();
    }

    @Test
    void turningStartAtLoginOffCallsTheHookOnce(FxRobot r) throws Exception {
        r.clickOn("#startAtLogin");
        r.clickOn("#save");
        r.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(autostartCalls).containsExactly(false);
        assertThat(store.load().settings().startAtLogin()).isFalse();
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
        assertThat(probes(r).getItems()).isEqualTo(SettingsView.defaultProbes()).isNotEmpty();
        r.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.load().settings().probes()).as("stored as 'use the built-in probes'").isEmpty();
        assertThat(Files.readString(store.file())).contains("\"probes\": []");
    }

    @Test
    @SuppressWarnings("unchecked")
    void forgetANetwork(FxRobot r) throws Exception {
        ListView<Map.Entry<String, NetworkPrefs>> nets = r.lookup("#networks").queryAs(ListView.class);
        assertThat(nets.getItems()).hasSize(2);
        r.clickOn("Airport — always open the login window");
        r.clickOn("#forgetNetwork");
        assertThat(nets.getItems()).extracting(Map.Entry::getKey).containsExactly("ssid:HotelGuest");
        r.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.load().settings().networks()).containsOnlyKeys("ssid:HotelGuest");
    }

    @Test
    void emptyProbeListIsNotSaved(FxRobot r) throws Exception {
        r.interact(() -> probes(r).getSelectionModel().select(0));
        r.clickOn("#removeProbe");
        r.clickOn("#save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#status").queryAs(Label.class).getText()).startsWith("Add at least one probe");
        assertThat(Files.exists(store.file())).isFalse();
        assertThat(saved).isEmpty();
    }
}
