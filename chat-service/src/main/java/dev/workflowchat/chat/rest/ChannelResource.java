package dev.workflowchat.chat.rest;

import io.quarkus.security.Authenticated;
import dev.workflowchat.chat.service.ChannelService;
import dev.workflowchat.chat.service.HistoryPage;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.ChannelView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Channels and their history. */
@Path("/api/channels")
@Authenticated
public class ChannelResource {

    private final ChannelService channels;
    private final MessageService messages;
    private final CurrentUser currentUser;

    public ChannelResource(ChannelService channels, MessageService messages, CurrentUser currentUser) {
        this.channels = channels;
        this.messages = messages;
        this.currentUser = currentUser;
    }

    public record NewChannel(String name, String description) {
    }

    @GET
    @Operation(summary = "Every channel, with the caller's unread counts")
    public Uni<List<ChannelView>> list() {
        return channels.channelsOf(currentUser.get());
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Create a public channel (admin)")
    public Uni<Response> create(NewChannel request) {
        if (request == null) {
            throw ProtocolException.badRequest("a JSON body with name and description is required");
        }
        return channels.create(currentUser.get(), request.name(), request.description())
                .map(channel -> Response.status(201).entity(channel).build());
    }

    @GET
    @Path("/{name}/messages")
    @Operation(summary = "A page of history, oldest first, before before_seq (newest page without it)")
    public Uni<HistoryPage> history(@PathParam("name") String name, @QueryParam("before_seq") Long beforeSeq,
                                    @QueryParam("limit") Integer limit) {
        int pageSize = limit == null ? Limits.DEFAULT_HISTORY_LIMIT : limit;
        if (pageSize < 1 || pageSize > Limits.MAX_HISTORY_LIMIT) {
            throw ProtocolException.badRequest("limit must be 1 to " + Limits.MAX_HISTORY_LIMIT);
        }
        if (beforeSeq != null && beforeSeq < 0) {
            throw ProtocolException.badRequest("before_seq must not be negative");
        }
        return messages.history(name, beforeSeq, pageSize);
    }
}
