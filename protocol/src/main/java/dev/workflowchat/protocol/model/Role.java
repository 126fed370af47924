package dev.workflowchat.protocol.model;

import java.util.Locale;
import java.util.Optional;

/** What a person may do: members chat, approvers also decide approvals, admins manage everything. */
public enum Role {
    MEMBER,
    APPROVER,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
