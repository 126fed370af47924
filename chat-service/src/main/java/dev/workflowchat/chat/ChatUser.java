package dev.workflowchat.chat;

import dev.workflowchat.protocol.model.Role;
import dev.workflowchat.protocol.model.UserView;
import java.util.List;
import java.util.Set;

/** The signed-in person a request or connection acts for. */
public record ChatUser(String username, String displayName, Set<String> roles) {

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN.wireName());
    }

    /** Approvers decide approvals; admins may do everything an approver may. */
    public boolean canDecideApprovals() {
        return isAdmin() || roles.contains(Role.APPROVER.wireName());
    }

    public UserView view() {
        return new UserView(username, username, displayName, List.copyOf(roles));
    }
}
