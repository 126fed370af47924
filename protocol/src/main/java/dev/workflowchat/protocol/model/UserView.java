package dev.workflowchat.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A person's account as others may see it; {@code id} is the username. {@code disabled} is shown
 * only where it is known to be true (an admin disabled the account); absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(String id, String username, String displayName, List<String> roles, Boolean disabled) {

    public UserView(String id, String username, String displayName, List<String> roles) {
        this(id, username, displayName, roles, null);
    }
}
