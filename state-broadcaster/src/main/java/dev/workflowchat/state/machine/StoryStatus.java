package dev.workflowchat.state.machine;

import java.util.Locale;
import java.util.Optional;

/** Where a story is: backlog → planned → in_progress → review → done, or rejected. */
public enum StoryStatus {
    BACKLOG,
    PLANNED,
    IN_PROGRESS,
    REVIEW,
    DONE,
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isOpen() {
        return this != DONE && this != REJECTED;
    }

    public static Optional<StoryStatus> parse(String text) {
        for (StoryStatus status : values()) {
            if (status.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
