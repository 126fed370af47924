package dev.workflowchat.state.machine;

import java.time.Instant;

/** A large piece of work, named by a short id people can type ({@code E1}, {@code E2} … per project). */
public record Epic(String id, String title, String description, boolean closed, String createdBy, Instant createdAt) {

    Epic withTitle(String title) {
        return new Epic(id, title, description, closed, createdBy, createdAt);
    }

    Epic withDescription(String description) {
        return new Epic(id, title, description, closed, createdBy, createdAt);
    }

    Epic closedNow() {
        return new Epic(id, title, description, true, createdBy, createdAt);
    }

    public String status() {
        return closed ? "closed" : "open";
    }
}
