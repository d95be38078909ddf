package io.captivewatch.core.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a large answer costs copies in proportion to its size, counted, not timed. */
class ReadBufferTest {

    /** {@code total} bytes ('a', 'b', ... cycling) in reads of at most {@code step}. */
    static InputStream source(int total, int step) {
        return new InputStream() {
            int sent;

            @Override
            public int read() {
                return sent < total ? 'a' + (sent++ % 26) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= total) return -1;
                int n = Math.min(Math.min(len, step), total - sent);
                for (int i = 0; i < n; i++) b[off + i] = (byte) ('a' + ((sent + i) % 26));
                sent += n;
                return n;
            }
        };
    }

    @Test
    void tenMegabytesInSmallReadsAreCopiedLessThanTwiceOver() throws IOException {
        int total = 10 * 1024 * 1024;
        ReadBuffer buf = new ReadBuffer(16 * 1024, total + 1);
        InputStream in = source(total, 1460); // one TCP segment's worth at a time
        int reads = 0;
        while (buf.readFrom(in) >= 0) reads++;
        assertThat(buf.size()).isEqualTo(total);
        assertThat(reads).isGreaterThan(7000);
        // doubling: 16 KiB + 32 KiB + ... < 2 * total; copying everything read so far on each read would be ~36 GB
        assertThat(buf.copiedBytes()).isLessThan(2L * total);
        byte[] a = buf.array();
        for (int i = 0; i < total; i += 4099) assertThat(a[i]).isEqualTo((byte) ('a' + (i % 26)));
    }

    @Test
    void neverReadsPastItsCap() throws IOException {
        ReadBuffer buf = new ReadBuffer(8, 20);
        InputStream in = source(100, 7);
        while (!buf.full()) assertThat(buf.readFrom(in)).isPositive();
        assertThat(buf.size()).isEqualTo(20);
        assertThat(buf.array().length).isEqualTo(20);
        assertThatThrownBy(() -> buf.readFrom(in)).isInstanceOf(IllegalStateException.class);
    }
}
