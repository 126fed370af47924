package dev.workflowchat.chat.rest;

import io.quarkus.security.Authenticated;
import dev.workflowchat.protocol.model.UserView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Who am I. */
@Path("/api/me")
@Authenticated
public class MeResource {

    private final CurrentUser currentUser;

    public MeResource(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GET
    public UserView me() {
        return currentUser.get().view();
    }
}
