package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.keys.AgentKeyService;
import dev.workflowchat.chat.keys.AgentKeyView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Every agent's keys in one list, for the administration view (admins). */
@Path("/api/agent-keys")
@RolesAllowed("admin")
public class AgentKeysResource {

    private final AgentKeyService keys;

    public AgentKeysResource(AgentKeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "Every agent key, by agent and newest first, without their secrets (admin)")
    public Uni<List<AgentKeyView>> list() {
        return keys.all();
    }
}
