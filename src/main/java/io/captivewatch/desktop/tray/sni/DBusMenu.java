package io.captivewatch.desktop.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;

/**
 * {@code com.canonical.dbusmenu}: the menu of a StatusNotifierItem, drawn by the host in the desktop's own style
 * (https://github.com/AyatanaIndicators/libdbusmenu/blob/master/libdbusmenu-glib/dbus-menu.xml).
 */
@DBusInterfaceName("com.canonical.dbusmenu")
public interface DBusMenu extends DBusInterface {
    /** D-Bus type of one layout node, {@code (ia{sv}av)}: the children are variants holding the same type. */
    String LAYOUT_SIGNATURE = "(ia{sv}av)";

    LayoutReply<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** @return the ids that were not found */
    List<Integer> EventGroup(List<MenuEvent> events);

    boolean AboutToShow(int id);

    AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** {@code (ia{sv}av)} */
    final class Layout extends Struct {
        @Position(0) public final int id;
        @Position(1) public final Map<String, Variant<?>> properties;
        @Position(2) public final List<Variant<?>> children;

        public Layout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /** GetLayout's out arguments: {@code u revision, (ia{sv}av) layout} (generic: see {@link AboutToShowGroupReply}). */
    final class LayoutReply<A, B> extends Tuple {
        @Position(0) public final A revision;
        @Position(1) public final B layout;

        public LayoutReply(A revision, B layout) {
            this.revision = revision;
            this.layout = layout;
        }
    }

    /** {@code (ia{sv})} */
    final class ItemProperties extends Struct {
        @Position(0) public final int id;
        @Position(1) public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    /** {@code (ias)} */
    final class ItemPropertyNames extends Struct {
        @Position(0) public final int id;
        @Position(1) public final List<String> names;

        public ItemPropertyNames(int id, List<String> names) {
            this.id = id;
            this.names = names;
        }
    }

    /** {@code (isvu)} */
    final class MenuEvent extends Struct {
        @Position(0) public final int id;
        @Position(1) public final String eventId;
        @Position(2) public final Variant<?> data;
        @Position(3) public final UInt32 timestamp;

        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /**
     * AboutToShowGroup's out arguments: {@code ai updatesNeeded, ai idErrors}. Generic because dbus-java reads a
     * tuple's D-Bus types from the method's type arguments.
     */
    final class AboutToShowGroupReply<A, B> extends Tuple {
        @Position(0) public final A updatesNeeded;
        @Position(1) public final B idErrors;

        public AboutToShowGroupReply(A updatesNeeded, B idErrors) {
            this.updatesNeeded = updatesNeeded;
            this.idErrors = idErrors;
        }
    }

    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<ItemProperties> updatedProps;
        public final List<ItemPropertyNames> removedProps;

        public ItemsPropertiesUpdated(String path, List<ItemProperties> updatedProps, List<ItemPropertyNames> removedProps)
                throws DBusException {
            super(path, updatedProps, removedProps);
            this.updatedProps = updatedProps;
            this.removedProps = removedProps;
        }
    }

    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }
}
