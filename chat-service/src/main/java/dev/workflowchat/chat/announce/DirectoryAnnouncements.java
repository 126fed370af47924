package dev.workflowchat.chat.announce;

import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.model.ChannelView;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Announces, after the commit, what an admin changed in the chat's directory (a channel created,
 * titled, archived; a person's name or roles), so every open page updates. These carry no change
 * number: a page that missed one gets the lists afresh when it reconnects ({@code ready}), so a
 * failed announcement is logged and the write stands.
 */
@ApplicationScoped
public class DirectoryAnnouncements {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String ARCHIVED = "archived";
    public static final String UNARCHIVED = "unarchived";

    private final RedisEvents events;

    public DirectoryAnnouncements(RedisEvents events) {
        this.events = events;
    }

    public Uni<Void> channel(String change, ChannelView channel) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", change);
        data.put("channel", channel);
        return publish(Envelope.create(EventTypes.CHANNEL_UPDATED, ChangeEvents.SOURCE, null, data), channel.name());
    }

    public Uni<Void> user(UserView user) {
        return publish(Envelope.create(EventTypes.USER_UPDATED, ChangeEvents.SOURCE, null, user), user.username());
    }

    private Uni<Void> publish(Envelope event, String about) {
        return events.publishOut(event)
                .onFailure().invoke(failure -> Log.warnf("could not announce %s of %s: %s", event.type(), about,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
