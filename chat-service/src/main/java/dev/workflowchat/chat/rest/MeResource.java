package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.security.ClientAddresses;
import dev.workflowchat.chat.security.LoginThrottle;
import dev.workflowchat.chat.service.AccountAdministration;
import dev.workflowchat.chat.service.AccountService;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who am I, and my own password. */
@Path("/api/me")
@Authenticated
public class MeResource {

    private final CurrentUser currentUser;
    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final ClientAddresses addresses;
    private final AccountAdministration administration;

    public MeResource(CurrentUser currentUser, AccountService accounts, LoginThrottle throttle,
                      ClientAddresses addresses, AccountAdministration administration) {
        this.administration = administration;
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** What a person may change about themselves here. */
    public record ProfileChange(String displayName) {
    }

    @GET
    public UserView me() {
        return currentUser.get().view();
    }

    @PATCH
    @Operation(summary = "Change your display name; everyone's pages show it")
    public Uni<UserView> update(ProfileChange change) {
        if (change == null) {
            throw ProtocolException.badRequest("a JSON body with display_name is required");
        }
        return administration.rename(currentUser.get(), change.displayName());
    }

    /**
     * A wrong current password counts as a failed login of the person (a stolen session must not
     * become a way to guess the password without the login's limits).
     */
    @POST
    @Path("/password")
    @Operation(summary = "Change your password, giving the current one; your other sessions end, this one stays")
    public Uni<Response> changePassword(PasswordChange change, @Context HttpServerRequest http) {
        if (change == null) {
            throw ProtocolException.badRequest("a JSON body with current_password and new_password is required");
        }
        String username = currentUser.get().username();
        String address = addresses.of(http);
        return throttle.retryAfter(username, address).chain(wait -> wait.isZero()
                ? accounts.changePassword(currentUser.get(), currentUser.token(), change.currentPassword(),
                                change.newPassword())
                        .onFailure(failure -> failure instanceof ProtocolException protocol
                                && protocol.code() == ErrorCode.FORBIDDEN)
                        .call(() -> throttle.failed(username, address))
                        .replaceWith(Response.noContent().build())
                : Uni.createFrom().item(AuthResource.tooManyFailures(wait)));
    }
}
