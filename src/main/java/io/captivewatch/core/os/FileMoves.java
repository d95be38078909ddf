package io.captivewatch.core.os;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
}
