package dev.workflowchat.chat.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.push.PushSender;
import dev.workflowchat.chat.push.PushSubscription;
import dev.workflowchat.chat.push.PushSubscriptions;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Web Push: the server's key, and the devices a person asks to be pushed to. */
@Path("/api/push")
@Authenticated
public class PushResource {

    private final CurrentUser currentUser;
    private final PushSender sender;
    private final PushSubscriptions subscriptions;
    private final ChatConfig.Push config;

    public PushResource(CurrentUser currentUser, PushSender sender, PushSubscriptions subscriptions, ChatConfig config) {
        this.currentUser = currentUser;
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.config = config.push();
    }

    /** Whether push is on here; its application server key; how many devices of mine are subscribed. */
    public record PushKey(boolean enabled, String publicKey, long subscriptions) {
    }

    @GET
    @Path("/key")
    @Operation(summary = "Whether Web Push is on, the VAPID public key to subscribe with, and your subscribed devices")
    public Uni<PushKey> key() {
        return subscriptions.count(currentUser.get().username())
                .map(count -> new PushKey(sender.enabled(), sender.publicKey().orElse(null), count));
    }

    @POST
    @Path("/subscriptions")
    @Operation(summary = "Subscribe this device: the browser's PushSubscription JSON (endpoint, keys.p256dh, keys.auth)")
    public Uni<Response> subscribe(JsonNode body) {
        if (!sender.enabled()) {
            throw ProtocolException.conflict("Web Push is off on this server (no VAPID keys are set)");
        }
        PushSubscription subscription = PushSubscription.parse(body, config.allowedTestEndpoints().orElse(List.of()));
        return subscriptions.add(currentUser.get().username(), subscription, config.maxSubscriptionsPerUser())
                .replaceWith(Response.status(Response.Status.CREATED).build());
    }

    @DELETE
    @Path("/subscriptions")
    @Operation(summary = "Unsubscribe a device of yours: {\"endpoint\":…}")
    public Uni<Response> unsubscribe(JsonNode body) {
        if (body == null || !body.path("endpoint").isTextual()) {
            throw ProtocolException.badRequest("a JSON body with the subscription's endpoint is required");
        }
        return subscriptions.removeOwn(currentUser.get().username(), body.path("endpoint").textValue())
                .map(removed -> removed ? Response.noContent().build() : null)
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no subscription of yours has that endpoint"));
    }
}
