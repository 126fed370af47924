package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bridge.discord.DiscordMessage;
import dev.workflowchat.bridge.discord.DiscordThread;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.EventTypes;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Discord → web for threads: a message in a thread (or forum post) of a mapped channel becomes a reply in the web
 * thread of the message the thread hangs on. A thread started from a message the bridge copied from the web goes
 * under that web message ({@code thread_id}); any other under the web message with the thread's id
 * ({@code thread_external}: a thread started from a message has that message's id, a forum post its starter's).
 * When the web may not know that message (a thread without a starter, started from a message older than the
 * bridge), a root saying the thread's name is sent first under the thread's id: for a message the chat has, it
 * changes nothing (stored once per Discord id).
 */
final class DiscordThreadRoots {

    /** Writes one event to the chat's bridge stream (envelope id, type, data). */
    @FunctionalInterface
    interface Events {
        void add(String envelopeId, String type, ObjectNode data);
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Threads whose root was sent since the start; a restart sends a root once more, which changes nothing. */
    private static final int REMEMBERED = 10_000;

    private final LinkStore links;
    private final Events events;
    private final UnaryOperator<String> memberName;
    private final Set<String> rooted = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** {@code memberName}: the guild's name for a user id, or null. */
    DiscordThreadRoots(LinkStore links, Events events, UnaryOperator<String> memberName) {
        this.links = links;
        this.events = events;
        this.memberName = memberName;
    }

    /**
     * Puts the message's thread into its {@code bridge.message} data (and sends the root first when needed). The
     * starter of a forum post (or of a thread, which has the thread's id) is the root itself and stays top-level.
     */
    void place(DiscordThread thread, String webChannel, DiscordMessage message, ObjectNode data) {
        links.linkThreadMessage(message.id(), thread.id()).await().atMost(WAIT);
        if (message.id().equals(thread.id())) {
            if (thread.forumPost()) {
                // a forum post's title is part of what it says
                data.put("content", ("**" + escaped(thread.name()) + "**\n" + data.path("content").asText("")).strip());
            }
            return;
        }
        var copied = links.webOriginalOf(thread.id()).await().atMost(WAIT);
        if (copied.isPresent()) {
            data.put("thread_id", copied.get());
            return;
        }
        sendRoot(thread, webChannel);
        data.put("thread_external", thread.id());
    }

    private static String escaped(String name) {
        return name.replace("*", "\\*");
    }

    private void sendRoot(DiscordThread thread, String webChannel) {
        synchronized (rooted) {
            if (rooted.contains(thread.id())) {
                return;
            }
        }
        String owner = thread.ownerId() == null ? null : memberName.apply(thread.ownerId());
        ObjectNode root = ProtocolJson.mapper().createObjectNode()
                .put("channel", webChannel)
                .put("external_id", thread.id())
                .put("content", (thread.forumPost() ? "🗂️ " : "🧵 ") + "**" + escaped(thread.name()) + "**");
        root.putObject("author")
                .put("id", thread.ownerId() == null ? thread.id() : thread.ownerId())
                .put("name", owner == null ? "Discord" : owner);
        events.add("discord-" + thread.id() + "-thread-root", EventTypes.BRIDGE_MESSAGE, root);
        synchronized (rooted) {
            rooted.add(thread.id());
        }
    }
}
