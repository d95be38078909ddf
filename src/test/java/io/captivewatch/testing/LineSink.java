package io.captivewatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An output stream that collects complete UTF-8 lines as they are printed (for tests of line-oriented output). */
public final class LineSink extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(buf.toString(StandardCharsets.UTF_8));
            buf.reset();
        } else {
            buf.write(b);
        }
    }

    /** The lines completed so far (a live, thread-safe view). */
    public List<String> lines() {
        return lines;
    }
}
