package io.captivewatch.desktop.tray.sni;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayMenuModel.Item;
import io.captivewatch.desktop.tray.TrayStatus;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MenuTreeTest {
    static final TrayStatus CAPTIVE = new TrayStatus(Optional.of(Verdict.CAPTIVE), "HotelGuest", Instant.EPOCH, false, false, null, true);
    static final TrayStatus PAUSED = new TrayStatus(Optional.of(Verdict.ONLINE), null, Instant.EPOCH, false, true, Instant.EPOCH, false);

    @Test
    void everyMenuItemBecomesANodeInMenuOrderWithSeparatorsWhereTheAwtMenuHasThem() {
        MenuTree.Node root = MenuTree.root(TrayStatus.initial());
        assertThat(root.id()).isZero();
        assertThat(root.properties()).containsEntry("children-display", "submenu");
        List<Object> kinds = root.children().stream()
                .map(n -> n.properties().containsKey("type") ? (Object) "---" : MenuTree.item(n.id()).orElseThrow()).toList();
        assertThat(kinds).containsExactly(Item.CHECK_NOW, Item.SIGN_IN, Item.ADVICE, Item.DETAILS, "---", Item.ABOUT_NETWORK,
                Item.NEVER_ASK_HERE, Item.ALWAYS_OPEN_HERE, Item.PAUSE, Item.SETTINGS, "---", Item.QUIT);
        assertThat(root.children().stream().map(MenuTree.Node::id).distinct()).hasSize(12);
    }

    @Test
    void labelsAndEnabledFollowTheTrayMenuModelForEveryStatus() {
        for (TrayStatus s : List.of(TrayStatus.initial(), CAPTIVE, PAUSED)) {
            MenuTree.Node root = MenuTree.root(s);
            for (TrayMenuModel.Entry e : TrayMenuModel.entries(s)) {
                MenuTree.Node n = MenuTree.find(root, MenuTree.id(e.item())).orElseThrow();
                assertThat(n.properties()).as("%s in %s", e.item(), s.state())
                        .containsEntry("label", e.label()).containsEntry("enabled", e.enabled());
            }
        }
        assertThat(MenuTree.find(MenuTree.root(PAUSED), MenuTree.id(Item.PAUSE)).orElseThrow().properties())
                .containsEntry("label", TrayMenuModel.RESUME_LABEL);
    }

    @Test
    void idsMapBackToItemsAndNothingElse() {
        for (Item i : Item.values()) assertThat(MenuTree.item(MenuTree.id(i))).hasValue(i);
        assertThat(MenuTree.item(MenuTree.ROOT)).isEmpty();
        assertThat(MenuTree.item(101)).isEmpty();
        assertThat(MenuTree.item(-1)).isEmpty();
        assertThat(MenuTree.item(Item.values().length + 1)).isEmpty();
    }

    @Test
    void aStatusChangeSendsOnlyThePropertiesThatChanged() {
        Map<Integer, Map<String, Object>> c = MenuTree.changes(MenuTree.root(TrayStatus.initial()), MenuTree.root(CAPTIVE));
        assertThat(c).containsEntry(MenuTree.id(Item.SIGN_IN), Map.of("enabled", true))
                .containsEntry(MenuTree.id(Item.DETAILS), Map.of("enabled", true))
                .doesNotContainKeys(MenuTree.id(Item.CHECK_NOW), MenuTree.id(Item.QUIT), MenuTree.ROOT, 101);
        assertThat(MenuTree.changes(MenuTree.root(CAPTIVE), MenuTree.root(CAPTIVE))).isEmpty();
        assertThat(MenuTree.changes(MenuTree.root(CAPTIVE), MenuTree.root(PAUSED)).get(MenuTree.id(Item.PAUSE)))
                .isEqualTo(Map.of("label", TrayMenuModel.RESUME_LABEL));
    }

    @Test
    void theDbusLayoutHonoursDepthAndPropertyNames() {
        MenuTree.Node root = MenuTree.root(CAPTIVE);
        DBusMenu.Layout all = MenuTree.layout(root, -1, Set.of());
        assertThat(all.id).isZero();
        assertThat(all.children).hasSize(12);
        Variant<?> first = all.children.get(0);
        assertThat(first.getSig()).isEqualTo(DBusMenu.LAYOUT_SIGNATURE);
        DBusMenu.Layout checkNow = (DBusMenu.Layout) first.getValue();
        assertThat(checkNow.id).isEqualTo(MenuTree.id(Item.CHECK_NOW));
        assertThat(checkNow.properties.get("label").getValue()).isEqualTo("Check now");
        assertThat(checkNow.properties.get("enabled").getValue()).isEqualTo(true);
        assertThat(checkNow.children).isEmpty();

        assertThat(MenuTree.layout(root, 0, Set.of()).children).as("depth 0: the node alone").isEmpty();
        DBusMenu.Layout labelsOnly = (DBusMenu.Layout) MenuTree.layout(root, 1, Set.of("label")).children.get(1).getValue();
        assertThat(labelsOnly.properties).containsOnlyKeys("label");
    }

    @Test
    void underscoresInLabelsAreNotMnemonics() {
        assertThat(MenuTree.mnemonicEscape("Guest_WiFi")).isEqualTo("Guest__WiFi");
    }
}
