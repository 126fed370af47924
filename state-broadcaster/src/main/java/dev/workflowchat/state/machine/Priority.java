package dev.workflowchat.state.machine;

import java.util.Locale;
import java.util.Optional;

/** How soon a story should be done; the backlog lists stories in this order. */
public enum Priority {
    TOP,
    HIGH,
    MEDIUM,
    LOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> parse(String text) {
        for (Priority priority : values()) {
            if (priority.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}
