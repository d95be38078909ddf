package io.captivewatch.core.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable HTTP header multimap. Names compare case-insensitively; the order and the original
 * spelling of the first occurrence are kept so the inspector can show them as they came.
 */
public final class Headers {
    public static final Headers EMPTY = new Headers(new LinkedHashMap<>());

    /** One header line, as received. */
    public record Field(String name, String value) {}

    private final Map<String, List<Field>> byLowerName;

    private Headers(Map<String, List<Field>> byLowerName) {
        this.byLowerName = byLowerName;
    }

    public static Headers of(List<Field> fields) {
        Map<String, List<Field>> map = new LinkedHashMap<>();
        for (Field f : fields) {
            map.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return new Headers(map);
    }

    public static Headers of(Map<String, List<String>> map) {
        List<Field> fields = new ArrayList<>();
        map.forEach((name, values) -> {
            if (name == null) return;
            for (String v : values) fields.add(new Field(name, v));
        });
        return of(fields);
    }

    /** All values of a header, in order; empty if absent. */
    public List<String> all(String name) {
        List<Field> fields = byLowerName.get(name.toLowerCase(Locale.ROOT));
        if (fields == null) return List.of();
        List<String> out = new ArrayList<>(fields.size());
        for (Field f : fields) out.add(f.value());
        return Collections.unmodifiableList(out);
    }

    /** The first value of a header. */
    public Optional<String> first(String name) {
        List<Field> fields = byLowerName.get(name.toLowerCase(Locale.ROOT));
        return fields == null || fields.isEmpty() ? Optional.empty() : Optional.of(fields.get(0).value());
    }

    public boolean has(String name) {
        return byLowerName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Every field in arrival order (grouped by name). */
    public List<Field> fields() {
        List<Field> out = new ArrayList<>();
        byLowerName.values().forEach(out::addAll);
        return Collections.unmodifiableList(out);
    }

    public int size() {
        return byLowerName.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.fields().equals(fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    @Override
    public String toString() {
        return fields().toString();
    }
}
