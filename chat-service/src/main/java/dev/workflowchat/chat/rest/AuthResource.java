package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.service.AccountService;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Log in (cookie for browsers, token for other clients) and log out. */
@Path("/api/auth")
public class AuthResource {

    private final AccountService accounts;
    private final ChatConfig config;
    private final CurrentUser currentUser;

    public AuthResource(AccountService accounts, ChatConfig config, CurrentUser currentUser) {
        this.accounts = accounts;
        this.config = config;
        this.currentUser = currentUser;
    }

    public record LoginRequest(String username, String password) {
    }

    public record LoginResponse(UserView user, String token) {
    }

    @POST
    @PermitAll
    @Path("/login")
    @Operation(summary = "Log in: sets the HttpOnly session cookie and returns a bearer token")
    public Uni<Response> login(LoginRequest request, @Context UriInfo uri) {
        if (request == null) {
            return Uni.createFrom().item(ProblemMappers.problem(400, dev.workflowchat.protocol.ErrorCode.BAD_REQUEST,
                    "a JSON body with username and password is required"));
        }
        return accounts.login(request.username(), request.password())
                .map(login -> Response.ok(new LoginResponse(login.user(), login.token()))
                        .type(MediaType.APPLICATION_JSON)
                        .cookie(sessionCookie(login.token(), (int) config.session().ttl().toSeconds(), uri))
                        .build());
    }

    @POST
    @Authenticated
    @Path("/logout")
    @Operation(summary = "Log out: ends the session and clears the cookie")
    public Uni<Response> logout(@Context UriInfo uri) {
        String token = currentUser.token();
        return accounts.logout(token)
                .map(ignored -> Response.noContent().cookie(sessionCookie("", 0, uri)).build());
    }

    private NewCookie sessionCookie(String value, int maxAgeSeconds, UriInfo uri) {
        return new NewCookie.Builder(config.session().cookieName())
                .value(value)
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .secure("https".equalsIgnoreCase(uri.getRequestUri().getScheme()))
                .maxAge(maxAgeSeconds)
                .build();
    }
}
