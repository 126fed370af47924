package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.service.AccountAdministration;
import dev.workflowchat.chat.service.AccountService;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** People's accounts. */
@Path("/api/users")
@Authenticated
public class UserResource {

    private final AccountService accounts;
    private final AccountAdministration administration;
    private final CurrentUser currentUser;

    public UserResource(AccountService accounts, AccountAdministration administration, CurrentUser currentUser) {
        this.accounts = accounts;
        this.administration = administration;
        this.currentUser = currentUser;
    }

    /** The password an admin sets; none: one is made up and answered once. */
    public record NewPassword(String password) {
    }

    @GET
    @Operation(summary = "Everyone who has an account (for mentions and member lists)")
    public Uni<List<UserView>> list() {
        return accounts.list(currentUser.get());
    }

    @POST
    @RolesAllowed("admin")
    @Path("/{username}/disable")
    @Operation(summary = "Disable an account (admin): it can't log in, and its sessions and sockets end at once")
    public Uni<UserView> disable(@PathParam("username") String username) {
        return accounts.setDisabled(currentUser.get(), username, true);
    }

    @POST
    @RolesAllowed("admin")
    @Path("/{username}/enable")
    @Operation(summary = "Enable a disabled account again (admin)")
    public Uni<UserView> enable(@PathParam("username") String username) {
        return accounts.setDisabled(currentUser.get(), username, false);
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Create an account (admin); roles among member, approver, admin")
    public Uni<Response> create(AccountService.NewUser request) {
        if (request == null) {
            throw ProtocolException.badRequest("a JSON body with username, password and roles is required");
        }
        return accounts.create(currentUser.get(), request)
                .map(user -> Response.status(201).entity(user).build());
    }

    @PATCH
    @RolesAllowed("admin")
    @Path("/{username}")
    @Operation(summary = "Change a person's display name or roles (admin); nobody takes away their own admin role")
    public Uni<UserView> update(@PathParam("username") String username, AccountAdministration.AccountChange change) {
        if (change == null) {
            throw ProtocolException.badRequest("a JSON body with display_name or roles is required");
        }
        return administration.update(currentUser.get(), username, change);
    }

    @POST
    @RolesAllowed("admin")
    @Path("/{username}/password")
    @Operation(summary = "Set someone's password (admin), typed or made up (answered once); their sessions end")
    public Uni<AccountAdministration.PasswordReset> resetPassword(@PathParam("username") String username,
                                                                  NewPassword request) {
        return administration.resetPassword(currentUser.get(), username, request == null ? null : request.password());
    }
}
