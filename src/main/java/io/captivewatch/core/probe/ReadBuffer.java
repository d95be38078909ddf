package io.captivewatch.core.probe;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of one response as they are read from a socket, up to a cap. The array doubles when full, so
 * reading n bytes copies fewer than 2n bytes in all (one copy of the whole message per read was O(n²)).
 * Not thread-safe.
 */
final class ReadBuffer {
    private final int cap;
    private byte[] bytes;
    private int size;
    private long copied;

    ReadBuffer(int initial, int cap) {
        if (cap < 0 || initial < 1) throw new IllegalArgumentException("initial " + initial + ", cap " + cap);
        this.cap = cap;
        this.bytes = new byte[Math.max(1, Math.min(initial, cap))];
    }

    /** Reads once from {@code in} into the free space, growing first when full; the count read, or -1 at EOF. */
    int readFrom(InputStream in) throws IOException {
        if (full()) throw new IllegalStateException("the buffer is at its cap of " + cap + " bytes");
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(cap, 2L * bytes.length));
            copied += size;
        }
        int n = in.read(bytes, size, Math.min(bytes.length, cap) - size);
        if (n > 0) size += n;
        return n;
    }

    /** The backing array: its first {@link #size()} bytes are what was read (it is replaced when the buffer grows). */
    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= cap;
    }

    /** Bytes copied by growing so far. */
    long copiedBytes() {
        return copied;
    }
}
