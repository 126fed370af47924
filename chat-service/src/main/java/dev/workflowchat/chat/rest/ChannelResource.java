package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.service.ChannelService;
import dev.workflowchat.chat.service.HistoryPage;
import dev.workflowchat.chat.service.MessageHistory;
import dev.workflowchat.chat.service.PinService;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.AttachmentView;
import dev.workflowchat.protocol.model.ChannelView;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Channels, their history, pins and files. */
@Path("/api/channels")
@Authenticated
public class ChannelResource {

    private final ChannelService channels;
    private final MessageHistory messages;
    private final PinService pins;
    private final CurrentUser currentUser;

    public ChannelResource(ChannelService channels, MessageHistory messages, PinService pins,
                           CurrentUser currentUser) {
        this.channels = channels;
        this.messages = messages;
        this.pins = pins;
        this.currentUser = currentUser;
    }

    public record NewChannel(String name, String description) {
    }

    /** A title (blank: none) or a description; a field left out stays as it is. */
    public record ChannelChange(String title, String description) {
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
    @RolesAllowed("admin")
    @Path("/archived")
    @Operation(summary = "The archived public channels (admin)")
    public Uni<List<ChannelView>> archived() {
        return channels.archived(currentUser.get());
    }

    /** A channel's name is a key everywhere (messages, bindings, the bridge, links): it is titled, never renamed. */
    @PATCH
    @RolesAllowed("admin")
    @Path("/{name}")
    @Operation(summary = "Give a public channel a title or a description (admin); its name never changes")
    public Uni<ChannelView> update(@PathParam("name") String name, ChannelChange change) {
        if (change == null) {
            throw ProtocolException.badRequest("a JSON body with title or description is required");
        }
        return channels.update(currentUser.get(), name, change.title(), change.description());
    }

    @POST
    @RolesAllowed("admin")
    @Path("/{name}/archive")
    @Operation(summary = "Archive a public channel (admin): listed to no one, no new messages, history kept")
    public Uni<ChannelView> archive(@PathParam("name") String name) {
        return channels.setArchived(currentUser.get(), name, true);
    }

    @POST
    @RolesAllowed("admin")
    @Path("/{name}/unarchive")
    @Operation(summary = "Open an archived channel again (admin)")
    public Uni<ChannelView> unarchive(@PathParam("name") String name) {
        return channels.setArchived(currentUser.get(), name, false);
    }

    @GET
    @Path("/{name}/messages")
    @Operation(summary = "A page of history, oldest first, before before_seq (newest page without it)")
    public Uni<HistoryPage> history(@PathParam("name") String name, @QueryParam("before_seq") String beforeSeq,
                                    @QueryParam("limit") String limit) {
        // Strings, parsed here: JAX-RS answers an unparseable number with 404, a client deserves 400.
        Long before = QueryParams.optionalLong("before_seq", beforeSeq, 0, Long.MAX_VALUE);
        Long pageSize = QueryParams.optionalLong("limit", limit, 1, Limits.MAX_HISTORY_LIMIT);
        return messages.history(currentUser.get(), name, before, pageSize == null ? Limits.DEFAULT_HISTORY_LIMIT : pageSize.intValue());
    }

    @GET
    @Path("/{name}/pins")
    @Operation(summary = "The channel's pinned messages, most recently pinned first (at most 200)")
    public Uni<List<MessageView>> pins(@PathParam("name") String name) {
        return pins.pinned(currentUser.get(), name);
    }

    @GET
    @Path("/{name}/attachments")
    @Operation(summary = "Files of the channel's live messages, newest message first; limit 1 to 200, default 50")
    public Uni<List<AttachmentView>> attachments(@PathParam("name") String name, @QueryParam("limit") String limit) {
        Long count = QueryParams.optionalLong("limit", limit, 1, Limits.MAX_HISTORY_LIMIT);
        return messages.filesOf(currentUser.get(), name, count == null ? Limits.DEFAULT_HISTORY_LIMIT : count.intValue());
    }
}
