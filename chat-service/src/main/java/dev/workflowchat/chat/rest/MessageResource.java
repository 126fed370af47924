package dev.workflowchat.chat.rest;

import io.quarkus.security.Authenticated;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.protocol.model.MessageView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Full-text search over messages. */
@Path("/api/messages")
@Authenticated
public class MessageResource {

    private final MessageService messages;

    public MessageResource(MessageService messages) {
        this.messages = messages;
    }

    public record SearchResults(String query, String channel, List<MessageView> results) {
    }

    @GET
    @Path("/search")
    @Operation(summary = "Messages matching q (words, \"phrases\", -excluded), best first; optionally in one channel")
    public Uni<SearchResults> search(@QueryParam("q") String q, @QueryParam("channel") String channel) {
        String only = channel == null || channel.isBlank() ? null : channel;
        return messages.search(q, only).map(results -> new SearchResults(q, only, results));
    }
}
