package dev.workflowchat.protocol.model;

import java.util.List;

/** A person's account as others may see it; {@code id} is the username. */
public record UserView(String id, String username, String displayName, List<String> roles) {
}
