package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.RedisEvents;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * "Someone is typing" is news only for a few seconds: announced on pub/sub to every replica,
 * never stored; only for a channel that exists and the person may read, so a client can't make
 * every replica remember typing in channels that aren't there.
 */
@ApplicationScoped
public class TypingNotices {

    private final ChannelService channels;
    private final RedisEvents events;

    public TypingNotices(ChannelService channels, RedisEvents events) {
        this.channels = channels;
        this.events = events;
    }

    public Uni<Void> announce(ChatUser user, String channel) {
        return Panache.withSession(() -> channels.requireReadable(user, channel))
                .chain(readable -> events.publishEphemeral(Envelope.create(EventTypes.USER_TYPING, ChangeEvents.SOURCE,
                        null, Map.of("channel", readable.name, "user", user.username()))));
    }
}
