package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.hook.HookDeliveries;
import dev.workflowchat.chat.hook.HookRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where hooks post: {@code POST /hooks/<secret>}, no login (the secret is the credential). The raw
 * body is taken as it came, whatever its type, because a GitHub signature is over those bytes and
 * a form's {@code payload} is read here; BodyLimits has already refused one over 1 MiB unread.
 */
@Path("/hooks")
@PermitAll
public class IncomingHookResource {

    private final HookDeliveries deliveries;

    public IncomingHookResource(HookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @POST
    @Path("/{secret}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A hook's delivery: {text, username?} as JSON or form payload=, or a signed GitHub event")
    public Uni<Response> deliver(@PathParam("secret") String secret, @HeaderParam("Content-Type") String contentType,
                                 @HeaderParam("X-GitHub-Event") String event,
                                 @HeaderParam("X-GitHub-Delivery") String delivery,
                                 @HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        var request = new HookDeliveries.HookRequest(secret, contentType, event, delivery, signature,
                body == null ? new byte[0] : body);
        return deliveries.deliver(request)
                .map(answer -> Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build());
    }

    /** A refusal is a problem like any other; a rate-limited one says when to try again. */
    @ServerExceptionMapper
    public Response refused(HookRefusal refusal) {
        Response.ResponseBuilder problem = Response.status(ProblemMappers.statusOf(refusal.code()))
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemMappers.statusOf(refusal.code()), refusal.code(), refusal.getMessage()));
        if (refusal.retryAfterSeconds() != null) {
            problem.header("Retry-After", refusal.retryAfterSeconds());
        }
        return problem.build();
    }
}
