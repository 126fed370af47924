package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.service.MessageHistory;
import dev.workflowchat.chat.service.ThreadPage;
import dev.workflowchat.chat.service.ThreadService;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Full-text search over messages, and threads. */
@Path("/api/messages")
@Authenticated
public class MessageResource {

    private final MessageHistory messages;
    private final CurrentUser currentUser;
    private final ThreadService threads;

    public MessageResource(MessageHistory messages, ThreadService threads, CurrentUser currentUser) {
        this.messages = messages;
        this.currentUser = currentUser;
        this.threads = threads;
    }

    public record SearchResults(String query, String channel, List<MessageView> results) {
    }

    @GET
    @Path("/search")
    @Operation(summary = "Messages matching q (words, \"phrases\", -excluded), best first; optionally in one channel")
    public Uni<SearchResults> search(@QueryParam("q") String q, @QueryParam("channel") String channel) {
        String only = channel == null || channel.isBlank() ? null : channel;
        return messages.search(currentUser.get(), q, only).map(results -> new SearchResults(q, only, results));
    }

    @GET
    @Path("/{id}/thread")
    @Operation(summary = "The thread a message starts (or, for a reply, is in): the parent and up to 500 replies in seq order")
    public Uni<ThreadPage> thread(@PathParam("id") String id) {
        return threads.thread(currentUser.get(), id);
    }
}
