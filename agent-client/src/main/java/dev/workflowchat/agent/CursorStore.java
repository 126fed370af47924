package dev.workflowchat.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The id of the last stream entry the agent handled: in memory, and in a file when one is given. */
final class CursorStore {

    private static final System.Logger LOG = System.getLogger(CursorStore.class.getName());

    private final Path file;
    private volatile String last;

    CursorStore(Path file) {
        this.file = file;
    }

    /** The saved id, or null when nothing was handled yet (or the file is missing or empty). */
    String load() {
        if (last != null || file == null || !Files.isRegularFile(file)) {
            return last;
        }
        try {
            String saved = Files.readString(file, StandardCharsets.UTF_8).strip();
            return saved.matches("\\d+-\\d+") ? saved : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cursor file " + file, e);
        }
    }

    void save(String entryId) {
        last = entryId;
        if (file == null) {
            return;
        }
        try {
            // Write then rename, so a crash mid-write never leaves a torn id behind.
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(temp, entryId, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Losing the file costs a replay after a restart, not a lost event: keep going.
            LOG.log(System.Logger.Level.WARNING, "cannot save the cursor to {0}: {1}", file, e.getMessage());
        }
    }
}
