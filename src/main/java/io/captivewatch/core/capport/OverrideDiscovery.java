package io.captivewatch.core.capport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An API URI given explicitly: system property {@value #PROPERTY} or environment variable {@value #ENV}
 * (the property wins). For networks whose DHCP the OS tools do not show, and for tests.
 */
public final class OverrideDiscovery implements CapportDiscovery {
    /** System property naming the API URI. */
    public static final String PROPERTY = "captivewatch.capport.uri";
    /** Environment variable naming the API URI. */
    public static final String ENV = "CAPTIVEWATCH_CAPPORT_URI";

    private final String value;
    private final String origin;

    /** An override with a fixed value (null or blank: none); {@code origin} names where it came from. */
    public OverrideDiscovery(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /** Reads {@value #PROPERTY}, then {@value #ENV}. */
    public static OverrideDiscovery fromEnvironment() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return new OverrideDiscovery(p, "system property " + PROPERTY);
        String e = System.getenv(ENV);
        return new OverrideDiscovery(e, "environment variable " + ENV);
    }

    @Override
    public Optional<DiscoveredUri> discover() {
        if (value == null || value.isBlank()) return Optional.empty();
        Option114.Decoded d = Option114.fromText(value);
        if (d.uri().isEmpty()) return Optional.empty();
        List<String> w = new ArrayList<>(d.warnings());
        return Optional.of(new DiscoveredUri(d.uri().get(), "override (" + origin + ")", w));
    }
}
