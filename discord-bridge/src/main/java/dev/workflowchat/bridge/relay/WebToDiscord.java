package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.config.ChannelMap;
import dev.workflowchat.bridge.config.UserMap;
import dev.workflowchat.bridge.discord.ApprovalButtons;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.Mentions;
import dev.workflowchat.bridge.discord.OutgoingMessage;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.protocol.model.Agents;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Web → Discord: every {@code message.created}, {@code message.edited} and {@code message.deleted}
 * of a mapped channel, read from {@code wfchat:out:stream} (a consumer group, so a restart
 * continues where it stopped), is posted, edited or deleted through the channel's webhook under
 * the author's name. Messages that came from Discord are never sent back. An
 * {@code approval.escalated} becomes a notice in the approval's channel that mentions the mapped
 * Discord users it was escalated to. An approval request carries Approve / Reject / Open in chat buttons until
 * its {@code approval.decided}, which puts the decision in their place. The link store makes a replayed event a no-op.
 */
public final class WebToDiscord {

    /** The name the bridge's own notices are posted under. */
    static final String NOTICE_AUTHOR = "Workflow Chat";
    /** The first line of a thread reply whose root never reached Discord (or whose link expired). */
    static final String OUTSIDE_ITS_THREAD = "> ↪ in a thread of an earlier message\n";

    private final DiscordClient discord;
    private final ChannelMap channels;
    private final UserMap users;
    private final LinkStore links;
    private final MessageCopies copies;
    private final ReactionRelay reactions;
    private final WebThreads threads;
    private final ChatFiles files;
    private final EventParser parser;
    private final BridgeMetrics metrics;
    private final String webUrl;
    private final String guildId;
    private final Set<String> massMentionChannels;

    public WebToDiscord(DiscordClient discord, ChannelMap channels, UserMap users, LinkStore links, ChatFiles files,
                        EventParser parser, BridgeMetrics metrics, String webUrl, String guildId,
                        Set<String> massMentionChannels) {
        this.massMentionChannels = Set.copyOf(massMentionChannels);
        this.guildId = guildId == null ? "@me" : guildId;
        this.discord = discord;
        this.channels = channels;
        this.users = users;
        this.links = links;
        this.copies = new MessageCopies(discord, links);
        this.reactions = new ReactionRelay(discord, channels, links);
        this.threads = new WebThreads(discord, links);
        this.files = files;
        this.parser = parser;
        this.metrics = metrics;
        this.webUrl = webUrl.endsWith("/") ? webUrl : webUrl + "/";
    }

    /**
     * Handles one event of the out stream; fails with {@code DiscordRejectedException} when Discord will never
     * take it, with anything else when the failure may pass (see {@link ChannelLanes}).
     */
    public Uni<Void> handle(String raw) {
        Envelope event;
        try {
            event = parser.envelope(raw);
        } catch (InvalidEventException e) {
            Log.debugf("skipped an unreadable event on the out stream: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        Uni<Void> work = switch (event.type()) {
            case EventTypes.MESSAGE_CREATED -> created(event.data());
            case EventTypes.MESSAGE_EDITED -> edited(event.data());
            case EventTypes.MESSAGE_DELETED -> deleted(event.data());
            case EventTypes.APPROVAL_ESCALATED -> escalated(event.data());
            case EventTypes.APPROVAL_DECIDED -> decided(event.data());
            case EventTypes.REACTION_ADDED -> reactions.toDiscord(event.data(), true);
            case EventTypes.REACTION_REMOVED -> reactions.toDiscord(event.data(), false);
            default -> Uni.createFrom().voidItem();
        };
        return work;
    }

    /** The Discord channel an event of the out stream is for, and its id; empty for what the bridge ignores. */
    public Optional<Lane> laneOf(String raw) {
        Envelope event;
        try {
            event = parser.envelope(raw);
        } catch (InvalidEventException e) {
            return Optional.empty();
        }
        JsonNode data = event.data();
        String webChannel = switch (event.type()) {
            case EventTypes.MESSAGE_CREATED, EventTypes.MESSAGE_EDITED -> data.path("channel").asText();
            case EventTypes.MESSAGE_DELETED, EventTypes.REACTION_ADDED, EventTypes.REACTION_REMOVED -> data.path("channel").asText();
            case EventTypes.APPROVAL_ESCALATED -> data.path("approval").path("channel").asText();
            case EventTypes.APPROVAL_DECIDED -> data.path("channel").asText(); // the data is the approval itself
            default -> "";
        };
        return channels.discordChannelOf(webChannel).map(channel -> new Lane(channel, event.id()));
    }

    /** Which Discord channel's lane an event waits in. */
    public record Lane(String discordChannelId, String eventId) {
    }

    private Uni<Void> created(JsonNode message) {
        String webId = message.path("message_id").asText();
        var target = channels.discordChannelOf(message.path("channel").asText());
        if ("discord".equals(message.path("source").asText())) {
            return reactions.cameFromDiscord(message);
        }
        if (target.isEmpty() || !message.path("deleted_at").isMissingNode()
                && !message.path("deleted_at").isNull()) {
            return Uni.createFrom().voidItem();
        }
        JsonNode metadata = message.path("metadata");
        if ("command_result".equals(metadata.path("type").asText()) && metadata.path("external_id").isTextual()) {
            // an application command's answer also goes to the person who ran it, in its own reply
            discord.answerCommand(metadata.path("external_id").asText(), message.path("content").asText(""));
        }
        return whereTo(message, target.get()).chain(place -> text(message, place.quote())
                        .chain(text -> copies.post(webId, place.channelId(), draft(message, text), () -> attachments(message))))
                .invoke(posted -> {
                    if (posted) {
                        metrics.relayedToDiscord();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Where a web message goes: a thread reply into its root's Discord thread (started from the root's copy the
     * first time); one whose root never reached Discord into the channel, under a line that says it is a reply.
     */
    private Uni<Place> whereTo(JsonNode message, String channelId) {
        String root = message.path("thread_id").asText("");
        if (root.isBlank()) {
            return Uni.createFrom().item(new Place(channelId, ""));
        }
        return threads.threadFor(root).map(thread -> thread.map(id -> new Place(id, ""))
                .orElseGet(() -> new Place(channelId, OUTSIDE_ITS_THREAD)));
    }

    /** An edit keeps the line a reply posted outside its thread started with. */
    private Uni<String> editQuote(JsonNode message) {
        if (message.path("thread_id").asText("").isBlank()) {
            return Uni.createFrom().item("");
        }
        return links.discordCopyOf(message.path("message_id").asText()).map(copy -> copy.isPresent()
                && discord.thread(copy.get().discordChannelId()).isEmpty() ? OUTSIDE_ITS_THREAD : "");
    }

    /** The Discord channel or thread a message goes to, and the line it starts with there. */
    private record Place(String channelId, String quote) {
    }

    private Uni<Void> edited(JsonNode message) {
        if ("discord".equals(message.path("source").asText())) {
            return Uni.createFrom().voidItem();
        }
        return editQuote(message)
                .chain(quote -> text(message, quote))
                .chain(text -> copies.edit(message.path("message_id").asText(), draft(message, text)));
    }

    private Uni<Void> deleted(JsonNode data) {
        return copies.delete(data.path("message_id").asText());
    }

    private MessageCopies.Draft draft(JsonNode message, String text) {
        JsonNode avatar = message.path("metadata").path("avatar_url");
        boolean massMentions = massMentionChannels.contains(message.path("channel").asText());
        return new MessageCopies.Draft(author(message), avatar.isTextual() ? avatar.asText() : null, MessageSplitter.split(text),
                part -> Mentions.in(part, users::isMapped, massMentions), buttons(message));
    }

    /** Approve / Reject / Open in chat under a pending approval request; nothing under anything else. */
    private ApprovalButtons buttons(JsonNode message) {
        JsonNode metadata = message.path("metadata");
        String approvalId = metadata.path("approval_id").asText("");
        if (!"approval_request".equals(metadata.path("type").asText()) || !"pending".equals(metadata.path("status").asText())
                || !ApprovalButtons.fit(approvalId)) {
            return null;
        }
        return new ApprovalButtons(approvalId, webUrl);
    }

    /** Whoever decided, wherever: the request's copy in Discord shows it, and its buttons go. */
    private Uni<Void> decided(JsonNode approval) {
        String messageId = approval.path("message_id").asText("");
        if (messageId.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return copies.showDecision(messageId, ApprovalDecisionText.of(approval));
    }

    /** Once per approval: the chat escalates each at most once, and a replayed event finds the notice linked. */
    private Uni<Void> escalated(JsonNode data) {
        String approvalId = data.path("approval").path("approval_id").asText("");
        var target = channels.discordChannelOf(data.path("approval").path("channel").asText());
        if (approvalId.isBlank() || target.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String channelId = target.get();
        return links.escalationNoticeOf(approvalId).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().voidItem();
            }
            EscalationNotice notice = EscalationNotice.of(data, users, Instant.now(), webUrl);
            return from(() -> discord.post(channelId, OutgoingMessage.pinging(NOTICE_AUTHOR, notice.content(), notice.pinged())))
                    .chain(discordId -> links.linkEscalationNotice(approvalId, channelId, discordId))
                    .invoke(metrics::relayedToDiscord);
        });
    }

    /**
     * The text as Discord shows it: a web {@code @username} of a mapped person is their Discord mention (which the
     * allowed mentions then let ping), replies quote their parent, approvals link back to where they are decided.
     */
    private Uni<String> text(JsonNode message, String quote) {
        String content = MentionText.toDiscord(message.path("content").asText(""),
                webUser -> users.discordUsersOf(webUser).stream().findFirst());
        String suffix = "";
        if ("approval_request".equals(message.path("metadata").path("type").asText())) {
            suffix = "\n\n🔗 Decide in Workflow Chat: " + webUrl;
        }
        String withSuffix = quote + content + suffix;
        String replyTo = message.path("reply_to").asText(null);
        if (replyTo == null || replyTo.isBlank()) {
            return Uni.createFrom().item(withSuffix);
        }
        return links.discordCopyOf(replyTo).map(link -> link
                .map(l -> "> ↪ replying to https://discord.com/channels/" + guildId + "/" + l.discordChannelId() + "/"
                        + l.discordMessageId() + "\n" + withSuffix)
                .orElse("> ↪ reply to an earlier message\n" + withSuffix));
    }

    /**
     * The web message's files, fetched as the bridge's account; one the chat-service will not give it (403,
     * 404, too big) becomes a note instead of a file. Anything else (the chat away, 5xx) fails, to be retried.
     */
    private Uni<MessageCopies.Attachments> attachments(JsonNode message) {
        JsonNode list = message.path("attachments");
        if (!list.isArray() || list.isEmpty() || !files.enabled()) {
            return Uni.createFrom().item(MessageCopies.Attachments.NONE);
        }
        List<JsonNode> all = new ArrayList<>();
        list.forEach(all::add);
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(this::fetch)
                .collect().in(MessageCopies.Attachments.Builder::new, MessageCopies.Attachments.Builder::add)
                .map(MessageCopies.Attachments.Builder::build);
    }

    private Uni<Object> fetch(JsonNode attachment) {
        String name = attachment.path("file_name").asText("file");
        return from(() -> files.downloadFromChat(attachment.path("url").asText()))
                .<Object>map(bytes -> new MessageCopies.Attachments.Fetched(new OutgoingMessage.File(name, bytes),
                        "📎 " + name + " (too large for Discord: " + fileLink(attachment.path("url").asText()) + ")"))
                .onFailure(ChatFiles.Unavailable.class).recoverWithItem(failure -> {
                    Log.warnf("a file of a web message is not relayed: %s", failure.getMessage());
                    return "📎 " + name + " (not available to the bridge: " + failure.getMessage() + ")";
                });
    }

    /** The file in the web chat (its path there, under the chat's public address). */
    private String fileLink(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? path
                : webUrl + (path.startsWith("/") ? path.substring(1) : path);
    }

    private static String author(JsonNode message) {
        String type = message.path("author_type").asText();
        if ("agent".equals(type)) {
            return Agents.displayName(message.path("author_id").asText());
        }
        String name = message.path("author_name").asText("Someone");
        // Discord refuses webhook names with "discord" or "clyde" in them, or longer than 80 characters
        String safe = name.replaceAll("(?i)discord", "D1scord").replaceAll("(?i)clyde", "C1yde");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }

    /** Asks only when subscribed to (and again on each retry). */
    private static <T> Uni<T> from(Supplier<CompletionStage<T>> request) {
        return Uni.createFrom().completionStage(request);
    }
}
