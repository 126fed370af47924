package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.security.ClientAddresses;
import dev.workflowchat.chat.security.LoginThrottle;
import dev.workflowchat.chat.service.AccountService;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.Authenticated;
import io.quarkus.vertx.http.Uncompressed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Log in (cookie for browsers, token for other clients, throttled after failures) and log out. */
@Path("/api/auth")
public class AuthResource {

    private final AccountService accounts;
    private final ChatConfig config;
    private final CurrentUser currentUser;
    private final LoginThrottle throttle;
    private final ClientAddresses addresses;

    public AuthResource(AccountService accounts, ChatConfig config, CurrentUser currentUser, LoginThrottle throttle,
                        ClientAddresses addresses) {
        this.accounts = accounts;
        this.config = config;
        this.currentUser = currentUser;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    public record LoginRequest(String username, String password) {
    }

    public record LoginResponse(UserView user, String token) {
    }

    /** Who the request comes from: {@code signed_in} and, when so, the user. */
    public record SessionState(boolean signedIn, UserView user) {
    }

    @GET
    @PermitAll
    @Path("/session")
    @Operation(summary = "Whether this request is signed in, and as whom: 200 either way (a page asks this at load;"
            + " an error for the usual answer 'nobody yet' would be noise)")
    public SessionState session() {
        return currentUser.signedIn() ? new SessionState(true, currentUser.get().view()) : new SessionState(false, null);
    }

    @POST
    @PermitAll
    @Path("/login")
    // the one answer that carries a secret beside what the client sent: never compressed, so its
    // length can't be used to guess the token (BREACH)
    @Uncompressed
    @Operation(summary = "Log in: sets the HttpOnly session cookie and returns a bearer token; 429 after repeated failures")
    public Uni<Response> login(LoginRequest request, @Context UriInfo uri, @Context HttpServerRequest http) {
        if (request == null) {
            return Uni.createFrom().item(ProblemMappers.problem(400, ErrorCode.BAD_REQUEST,
                    "a JSON body with username and password is required"));
        }
        String address = addresses.of(http);
        // checked before bcrypt runs, so guessing costs the server nothing either
        return throttle.retryAfter(request.username(), address).chain(wait -> wait.isZero()
                ? accounts.login(request.username(), request.password())
                        .onFailure(AuthenticationFailedException.class)
                        .call(() -> throttle.failed(request.username(), address))
                        .call(() -> throttle.succeeded(request.username(), address))
                        .map(login -> Response.ok(new LoginResponse(login.user(), login.token()))
                                .type(MediaType.APPLICATION_JSON)
                                .cookie(sessionCookie(login.token(), (int) config.session().ttl().toSeconds(), uri))
                                .build())
                : Uni.createFrom().item(tooManyFailures(wait)));
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

    static Response tooManyFailures(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.fromResponse(ProblemMappers.problem(429, ErrorCode.RATE_LIMITED,
                        "too many failed logins; try again in " + seconds + " s"))
                .header("Retry-After", seconds)
                .build();
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
