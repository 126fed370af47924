package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.keys.AgentKeyService;
import dev.workflowchat.chat.keys.AgentKeyView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An agent's keys (admins): minted, listed, revoked. A key lets the agent in at /mcp as agent:&lt;name&gt;. */
@Path("/api/agents/{name}/keys")
@RolesAllowed("admin")
public class AgentKeyResource {

    private final AgentKeyService keys;
    private final CurrentUser currentUser;

    public AgentKeyResource(AgentKeyService keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
    }

    @POST
    @Operation(summary = "Mint a key for an agent (admin): the secret is answered this once and kept only hashed")
    public Uni<Response> mint(@PathParam("name") String agent, AgentKeyService.MintRequest request) {
        return keys.mint(currentUser.get(), agent, request)
                .map(minted -> Response.status(Response.Status.CREATED).entity(minted).build());
    }

    @GET
    @Operation(summary = "An agent's keys, newest first, without their secrets (admin)")
    public Uni<List<AgentKeyView>> list(@PathParam("name") String agent) {
        return keys.ofAgent(agent);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key (admin): the next request with it is refused")
    public Uni<Response> revoke(@PathParam("name") String agent, @PathParam("id") String id) {
        return keys.revoke(currentUser.get(), agent, id).map(revoked -> Response.noContent().build());
    }
}
