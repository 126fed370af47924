package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.hook.HookAdministration;
import dev.workflowchat.protocol.ProtocolException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Incoming webhooks and GitHub hooks, for admins: made (their secrets answered once), listed, revoked. */
@Path("/api/hooks")
@RolesAllowed("admin")
public class HookResource {

    private final HookAdministration administration;
    private final CurrentUser currentUser;

    public HookResource(HookAdministration administration, CurrentUser currentUser) {
        this.administration = administration;
        this.currentUser = currentUser;
    }

    @POST
    @Operation(summary = "Make a hook (admin): {channel, name, kind incoming|github, project?}; its URL, and a github "
            + "hook's signing secret, are answered this once")
    public Uni<Response> create(HookAdministration.NewHook request, @Context UriInfo uri) {
        if (request == null) {
            throw ProtocolException.badRequest("a JSON body with channel, name and kind is required");
        }
        return administration.create(currentUser.get(), request).map(created -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("hook", created.hook());
            body.put("path", created.path());
            // the base the request came to (X-Forwarded-* believed, see the proxy settings)
            body.put("url", uri.getBaseUri().resolve(created.path().substring(1)).toString());
            if (created.signingSecret() != null) {
                body.put("signing_secret", created.signingSecret());
            }
            return Response.status(201).entity(body).build();
        });
    }

    @GET
    @Operation(summary = "The active hooks (admin); never a secret")
    public Uni<List<HookAdministration.HookView>> list() {
        return administration.list(currentUser.get());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a hook (admin): its URL answers 404 from now on")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return administration.revoke(currentUser.get(), id).map(ignored -> Response.noContent().build());
    }
}
