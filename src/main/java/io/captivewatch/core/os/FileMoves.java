package io.captivewatch.core.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Moving a finished file into place. */
public final class FileMoves {
    private FileMoves() {}

    /**
     * Moves {@code from} onto {@code to}, replacing it: atomically where the file system can (readers see the old
     * file or the new one, never half of one), else as a plain replacing move.
     */
    public static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} crash-safely: a temp file ({@code tempPrefix*tempSuffix}) in the file's own
     * directory, written and fsynced, then {@link #replace}d over {@code file}, then a best-effort fsync of the
     * directory so the rename itself is durable. The temp file is deleted when it was not moved into place.
     */
    public static void writeAtomically(Path file, byte[] bytes, String tempPrefix, String tempSuffix) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, tempPrefix, tempSuffix);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            replace(tmp, file);
            moved = true;
            syncDir(dir);
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    private static void syncDir(Path dir) {
        // Makes the rename itself durable on POSIX; directories cannot be opened this way on Windows.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }
}
