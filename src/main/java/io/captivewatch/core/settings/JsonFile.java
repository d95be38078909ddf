package io.captivewatch.core.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;

import io.captivewatch.core.os.FileMoves;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A small JSON file beside the settings: bounded reads, written to a temporary file and moved into place. */
final class JsonFile {
    private static final Gson READ = new GsonBuilder().setStrictness(Strictness.STRICT).create();
    private static final Gson WRITE = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonFile() {}

    /** The file's value, or empty when missing, too big or unreadable (a bad file is moved aside, never deleted). */
    static <T> Optional<T> read(Path file, int maxBytes, Class<T> type) {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            if (Files.size(file) > maxBytes) throw new IOException("larger than " + maxBytes + " bytes");
            return Optional.ofNullable(READ.fromJson(Files.readString(file, StandardCharsets.UTF_8), type));
        } catch (IOException | JsonParseException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".bad"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // left where it is; the next save replaces it
            }
            System.err.println("captivewatch: " + file.getFileName() + " was unreadable and is set aside: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes {@code value} atomically and fsynced ({@link FileMoves#writeAtomically}); refuses to write more than {@code maxBytes}. */
    static void write(Path file, Object value, int maxBytes) throws IOException {
        byte[] bytes = WRITE.toJson(value).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) throw new IOException(file.getFileName() + " would exceed " + maxBytes + " bytes");
        FileMoves.writeAtomically(file, bytes, file.getFileName().toString(), ".tmp");
    }
}
