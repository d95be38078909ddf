package io.captivewatch.core.capport;

import io.captivewatch.core.network.NetworkSnapshot;
import io.captivewatch.core.network.SystemSnapshots;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers what discovery found for the network this machine is attached to, so that a check on a steady
 * network runs no tool (nmcli, networkctl, ipconfig) and reads no lease file, while a new network is looked
 * up again at once.
 *
 * <p>The key is {@link NetworkSnapshot#attachment()} (default-route interface, gateway and that interface's
 * addresses), taken before every lookup without running a tool ({@link SystemSnapshots#takeWithoutTools()}).
 * An answer is reused while the key stays the same, for at most {@link #MAX_AGE} (a lease renewal may bring
 * another URI), and {@link #forget()} drops it: the detector calls that on every network change the monitor
 * sees, which also covers another Wi-Fi with the same addressing.
 *
 * <p>"Nothing found" is not remembered while the attachment is younger than {@link #SETTLE}: DHCP clients
 * publish the option a moment after the address and route (our udhcpc hook writes its file after setting
 * the route), and the first check on a new network comes within a second. A lookup cut short by an
 * interrupt (the detector's deadline) is not remembered either. Thread-safe; the lookup itself runs
 * outside the lock.
 */
public final class CachedDiscovery implements CapportDiscovery {
    /** Longest time an answer is reused on an unchanged attachment. */
    public static final Duration MAX_AGE = Duration.ofMinutes(15);
    /** How long after an attachment appears "nothing found" is asked again on every lookup. */
    public static final Duration SETTLE = Duration.ofSeconds(10);

    private final CapportDiscovery source;
    private final Supplier<String> attachment;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private final long settleNanos;

    // guarded by this
    private String key;           // the attachment the fields below belong to; null: none yet
    private long keySince;        // when that attachment was first seen
    private Optional<DiscoveredUri> found; // null: nothing remembered
    private long foundAt;         // when the remembered lookup started
    private long generation;      // bumped by forget(), so a lookup running across it is not remembered

    /** Caches {@code source}'s answers per {@code attachment} key with {@link #MAX_AGE} and {@link #SETTLE}. */
    public CachedDiscovery(CapportDiscovery source, Supplier<String> attachment) {
        this(source, attachment, System::nanoTime, MAX_AGE, SETTLE);
    }

    CachedDiscovery(CapportDiscovery source, Supplier<String> attachment, LongSupplier nanoTime, Duration maxAge, Duration settle) {
        this.source = source;
        this.attachment = attachment;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
        this.settleNanos = settle.toNanos();
    }

    /** {@code source} cached per attachment as this machine's network snapshot shows it. */
    public static CachedDiscovery perAttachment(CapportDiscovery source) {
        SystemSnapshots snapshots = new SystemSnapshots();
        return new CachedDiscovery(source, () -> snapshots.takeWithoutTools().attachment());
    }

    @Override
    public Optional<DiscoveredUri> discover() {
        String k;
        try {
            k = attachment.get();
        } catch (RuntimeException e) {
            k = null;
        }
        if (k == null) return source.discover(); // cannot tell which network this is: ask every time
        long started;
        long since;
        long gen;
        synchronized (this) {
            started = nanoTime.getAsLong();
            if (!k.equals(key)) {
                key = k;
                keySince = started;
                found = null;
            } else if (found != null && started - foundAt < maxAgeNanos) {
                return found;
            }
            since = keySince;
            gen = generation;
        }
        Optional<DiscoveredUri> d = source.discover();
        if (Thread.currentThread().isInterrupted()) return d;
        if (d.isEmpty() && started - since < settleNanos) return d;
        synchronized (this) {
            if (gen == generation && k.equals(key)) {
                found = d;
                foundAt = started;
            }
        }
        return d;
    }

    /** Drops what is remembered; the next lookup asks the sources, as on a new network. */
    @Override
    public synchronized void forget() {
        generation++;
        key = null;
        found = null;
    }
}
