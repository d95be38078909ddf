package io.captivewatch.desktop.tray.sni;

import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayText;
import org.freedesktop.dbus.types.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TrayMenuModel} as a dbusmenu tree: pure functions from a {@link TrayStatus} to nodes with dbusmenu
 * properties ({@code label}, {@code enabled}, {@code type=separator}; root {@code children-display=submenu}),
 * and from nodes to the D-Bus layout structure {@code (ia{sv}av)}. Separators sit where the AWT menu has them.
 * Item ids are stable: 1 + the item's ordinal; separators 101, 102; the root is 0.
 */
public final class MenuTree {
    public static final int ROOT = 0;
    private static final int SEPARATOR_BASE = 100;

    /** One menu node; {@code properties} hold plain Java values (String, Boolean). */
    public record Node(int id, Map<String, Object> properties, List<Node> children) {
        public Node {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            children = List.copyOf(children);
        }
    }

    private MenuTree() {}

    /** The dbusmenu id of a menu item. */
    public static int id(TrayMenuModel.Item item) {
        return item.ordinal() + 1;
    }

    /** The menu item a dbusmenu id stands for (empty for the root, separators and unknown ids). */
    public static Optional<TrayMenuModel.Item> item(int id) {
        TrayMenuModel.Item[] all = TrayMenuModel.Item.values();
        return id >= 1 && id <= all.length ? Optional.of(all[id - 1]) : Optional.empty();
    }

    /** The whole menu for a status, labelled in the process's language. */
    public static Node root(TrayStatus s) {
        return root(s, TrayText.current());
    }

    /** The whole menu for a status, labelled by {@code words}. */
    public static Node root(TrayStatus s, TrayText words) {
        List<Node> children = new ArrayList<>();
        int separators = 0;
        for (TrayMenuModel.Entry e : words.entries(s)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("label", mnemonicEscape(e.label()));
            p.put("enabled", e.enabled());
            children.add(new Node(id(e.item()), p, List.of()));
            if (e.item() == TrayMenuModel.Item.DETAILS || e.item() == TrayMenuModel.Item.SETTINGS) {
                children.add(new Node(SEPARATOR_BASE + ++separators, Map.of("type", "separator"), List.of()));
            }
        }
        return new Node(ROOT, Map.of("children-display", "submenu"), children);
    }

    /** dbusmenu labels use {@code _} for mnemonics; a literal underscore is {@code __}. */
    static String mnemonicEscape(String label) {
        return label.replace("_", "__");
    }

    /** The node with this id in the tree, if any. */
    public static Optional<Node> find(Node root, int id) {
        if (root.id() == id) return Optional.of(root);
        for (Node c : root.children()) {
            Optional<Node> f = find(c, id);
            if (f.isPresent()) return f;
        }
        return Optional.empty();
    }

    /** Every node of the tree, depth first. */
    public static List<Node> all(Node root) {
        List<Node> out = new ArrayList<>();
        out.add(root);
        for (Node c : root.children()) out.addAll(all(c));
        return out;
    }

    /**
     * The properties that differ between two trees of the same shape, per node id (a changed label, an item
     * enabled or disabled): what {@code ItemsPropertiesUpdated} sends.
     */
    public static Map<Integer, Map<String, Object>> changes(Node before, Node after) {
        Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
        for (Node n : all(after)) {
            Map<String, Object> old = find(before, n.id()).map(Node::properties).orElse(Map.of());
            Map<String, Object> diff = new LinkedHashMap<>();
            n.properties().forEach((k, v) -> {
                if (!v.equals(old.get(k))) diff.put(k, v);
            });
            if (!diff.isEmpty()) out.put(n.id(), diff);
        }
        return out;
    }

    /**
     * A node as the D-Bus layout: children down to {@code depth} levels (-1: all, 0: none), properties limited to
     * {@code names} (empty: all), as {@code GetLayout} defines.
     */
    public static DBusMenu.Layout layout(Node node, int depth, Set<String> names) {
        List<Variant<?>> children = new ArrayList<>();
        if (depth != 0) {
            for (Node c : node.children()) {
                children.add(new Variant<>(layout(c, depth < 0 ? -1 : depth - 1, names), DBusMenu.LAYOUT_SIGNATURE));
            }
        }
        return new DBusMenu.Layout(node.id(), variants(node.properties(), names), children);
    }

    /** Plain property values as D-Bus variants, limited to {@code names} (empty: all). */
    public static Map<String, Variant<?>> variants(Map<String, Object> properties, Set<String> names) {
        Map<String, Variant<?>> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (names.isEmpty() || names.contains(k)) out.put(k, new Variant<>(v));
        });
        return out;
    }
}
