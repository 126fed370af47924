package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bridge.config.ChannelMap;
import dev.workflowchat.bridge.config.UserMap;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.DiscordListener;
import dev.workflowchat.bridge.discord.DiscordMessage;
import dev.workflowchat.bridge.discord.Interaction;
import dev.workflowchat.bridge.discord.InteractionAnswer;
import dev.workflowchat.bridge.discord.Reaction;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Discord → web: people's messages in mapped channels become {@code bridge.message} events on
 * {@code wfchat:in:stream}, their edits and deletes follow. Envelope ids are made from Discord's
 * ids, so a message seen twice (a resume, a backfill after a restart) has its effect once. The
 * bot's own and the bridge's webhooks' messages are ignored: no echoes. Work runs one event at a
 * time on a thread of its own, in the order Discord sent it; JDA's threads only hand over. While
 * Redis is away, that thread waits for it and the events queue behind, so none is lost.
 */
public final class DiscordToWeb implements DiscordListener {

    private static final String SOURCE = "discord-bridge";
    private static final java.util.regex.Pattern COMMAND_WORD = java.util.regex.Pattern.compile("/[A-Za-z][A-Za-z0-9_-]{0,31}");
    /** One link reply per person in this long, whatever they type. */
    private static final Duration REPLY_COOLDOWN = Duration.ofSeconds(60);
    private final Map<String, Instant> lastLinkReply = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Tries of a step while Redis answers: a failure that outlasts them is not a passing one. */
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final DiscordClient discord;
    private final ChannelMap channels;
    private final UserMap users;
    private final LinkStore links;
    private final ReactionRelay reactionRelay;
    private final ChatFiles files;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final RedisNames names;
    private final BridgeMetrics metrics;
    private final RelayedWindow window;
    private final MemberNames memberNames;
    private final DiscordCatchUp catchUp;
    private final DiscordPlaces places;
    private final DiscordThreadRoots threadRoots;
    private final String webUrl;
    private final BooleanSupplier redisAnswers;
    /** The chat-service trims what it acknowledged; this bounds the stream while it is away too. */
    private final long streamMaxLength;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "discord-to-web");
        thread.setDaemon(true);
        return thread;
    });

    public DiscordToWeb(DiscordClient discord, ChannelMap channels, UserMap users, LinkStore links, ChatFiles files,
                        RelayedWindow window, ReactiveStreamCommands<String, String, String> streams, RedisNames names,
                        BridgeMetrics metrics, int backfillLimit, String webUrl, BooleanSupplier redisAnswers,
                        long streamMaxLength) {
        this.window = window;
        this.memberNames = new MemberNames(discord);
        this.catchUp = new DiscordCatchUp(discord, links, window, backfillLimit, new DiscordCatchUp.Steps() {
            @Override
            public void created(DiscordMessage message) throws Exception {
                relayCreated(message);
            }

            @Override
            public void edited(DiscordMessage message) {
                relayEdited(message);
            }

            @Override
            public void deleted(String channelId, String messageId) {
                relayDeleted(channelId, messageId);
            }
        });
        this.places = new DiscordPlaces(discord, channels);
        this.threadRoots = new DiscordThreadRoots(links, this::add,
                userId -> memberNames.budget().of(userId).orElse(null));
        this.streamMaxLength = streamMaxLength;
        this.redisAnswers = redisAnswers;
        this.discord = discord;
        this.channels = channels;
        this.users = users;
        this.links = links;
        this.reactionRelay = new ReactionRelay(discord, channels, links);
        this.files = files;
        this.streams = streams;
        this.names = names;
        this.metrics = metrics;
        this.webUrl = webUrl;
    }

    @Override
    public void connected(boolean resumed) {
        // after a restart or an outage: what was posted meanwhile, from each channel's watermark, then in
        // each active thread of theirs (after its roots): from its own watermark, or, for a thread nothing
        // was relayed from yet, from its channel's (what was posted there since the bridge last relayed)
        worker.execute(() -> safely("catching up", () -> {
            Map<String, String> before = new HashMap<>(); // the channels' watermarks before they move on
            for (String channel : channels.webToDiscord().values()) {
                links.watermark(channel).await().atMost(WAIT).ifPresent(mark -> before.put(channel, mark));
            }
            // a forum has no messages, so no watermark: its new posts start after the latest of the others
            String latest = before.values().stream().max(DiscordCatchUp.Snowflakes::compare).orElse(null);
            channels.webToDiscord().values().forEach(
                    channel -> safely("catching up on channel " + channel, () -> catchUp.catchUp(channel, null)));
            discord.activeThreads().stream().filter(thread -> channels.webChannelOf(thread.parentId()).isPresent())
                    .forEach(thread -> safely("catching up on thread " + thread.id(),
                            () -> catchUp.catchUp(thread.id(), before.getOrDefault(thread.parentId(), latest))));
        }));
    }

    @Override
    public void created(DiscordMessage message) {
        worker.execute(() -> safely("relaying " + message.id(), () -> relayCreated(message)));
    }

    @Override
    public void edited(DiscordMessage message) {
        worker.execute(() -> safely("relaying the edit of " + message.id(), () -> relayEdited(message)));
    }

    @Override
    public void reacted(Reaction reaction) {
        worker.execute(() -> safely("relaying a reaction on " + reaction.messageId(), () -> relayReaction(reaction)));
    }

    @Override
    public void deleted(String channelId, String messageId) {
        worker.execute(() -> safely("relaying the deletion of " + messageId, () -> relayDeleted(channelId, messageId)));
    }

    /**
     * A button, the reason modal or an application command: only a person mapped to a web user may decide or run
     * anything, and what they do goes to the chat-service as the {@code bridge.command} the same text typed in
     * Discord would be (so the chat's permission checks apply, and the interaction's id runs it at most once).
     * Answered from memory at once; the Redis write waits its turn on the worker.
     */
    @Override
    public InteractionAnswer interacted(Interaction interaction) {
        var webChannel = channels.webChannelOf(interaction.channelId());
        if (webChannel.isEmpty()) {
            return InteractionAnswer.refused("This channel is not bridged to Workflow Chat: " + webUrl);
        }
        var webUser = users.webUserOf(interaction.userId());
        if (webUser.isEmpty()) {
            return InteractionAnswer.refused("Only people with a Workflow Chat account mapped to their Discord account"
                    + " can do this here. Open it in the web chat: " + webUrl);
        }
        if (interaction.approvalId() != null && !interaction.approvalId().matches("\\S{1,128}")) {
            return InteractionAnswer.refused("An approval id is one word, as the approval card shows it.");
        }
        if (interaction.kind() == Interaction.Kind.REJECT_BUTTON) {
            return InteractionAnswer.askReason(interaction.approvalId());
        }
        String text = interaction.text() == null ? "" : interaction.text().strip();
        if (interaction.kind() == Interaction.Kind.REJECT_REASON && text.split("\\s+").length < 3) {
            return InteractionAnswer.refused("A rejection needs a reason.");
        }
        if (!isCommand(text)) {
            return InteractionAnswer.refused("That is not a command Workflow Chat knows: " + webUrl);
        }
        worker.execute(() -> safely("relaying interaction " + interaction.id(), () -> {
            ObjectNode data = ProtocolJson.mapper().createObjectNode()
                    .put("channel", webChannel.get())
                    .put("external_id", interaction.id())
                    .put("user", webUser.get())
                    .put("text", text.length() > 2000 ? text.substring(0, 2000) : text);
            data.putObject("author").put("id", interaction.userId()).put("name", interaction.userName());
            add(envelopeId(interaction.id(), "command"), EventTypes.BRIDGE_COMMAND, data);
            metrics.relayedToWeb();
        }));
        return InteractionAnswer.accepted("Sent `" + text.replace("`", "'") + "` to Workflow Chat as " + webUser.get()
                + "; the answer is posted in this channel.");
    }

    public void stop() {
        worker.shutdownNow();
    }

    private void relayCreated(DiscordMessage message) throws Exception {
        var webChannel = places.webChannelOf(message.channelId());
        if (webChannel.isEmpty()) {
            return;
        }
        var thread = places.thread(message.channelId());
        if (isOurs(message)) {
            advanceWatermark(message);
            return;
        }
        if (links.webOriginalOf(message.id()).await().atMost(WAIT).isPresent()) {
            return; // a copy the bridge posted itself
        }
        String raw = message.content() == null ? "" : message.content().strip();
        if (isCommand(raw)) {
            command(message, webChannel.get(), raw);
            advanceWatermark(message);
            return;
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("channel", webChannel.get())
                .put("external_id", message.id())
                .put("content", readable(message));
        ObjectNode author = data.putObject("author").put("id", message.authorId()).put("name", authorName(message));
        if (message.avatarUrl() != null) {
            author.put("avatar_url", message.avatarUrl());
        }
        if (message.replyToId() != null) {
            data.put("reply_to_external", message.replyToId());
        }
        if (thread.isPresent()) {
            threadRoots.place(thread.get(), webChannel.get(), message, data);
        }
        List<String> unhosted = rehost(message, data);
        String content = data.path("content").asText();
        if (!unhosted.isEmpty()) {
            // files that could not be re-hosted are at least reachable while Discord keeps them
            data.put("content", (content + "\n" + String.join("\n", unhosted)).strip());
        }
        if (data.path("content").asText().isEmpty() && !data.has("attachment_ids")) {
            return; // nothing a person could read (an embed-only or sticker message)
        }
        add(envelopeId(message.id(), "created"), EventTypes.BRIDGE_MESSAGE, data);
        remember(message);
        advanceWatermark(message);
        metrics.relayedToWeb();
    }

    /** What catch-up compares edits against, for the messages of a mapped channel and of its threads. */
    private void remember(DiscordMessage message) {
        if (places.webChannelOf(message.channelId()).isPresent()) {
            window.relayed(message.channelId(), message.id(), message.editedAt()).await().atMost(WAIT);
        }
    }

    /** A mapped channel's watermark, or its thread's: each is caught up from its own. */
    private void advanceWatermark(DiscordMessage message) {
        if (places.webChannelOf(message.channelId()).isPresent()) {
            links.advanceWatermark(message.channelId(), message.id()).await().atMost(WAIT);
        }
    }

    /**
     * A slash command typed in Discord runs in the chat as the web user its author is mapped to
     * (the answer comes back as a message, relayed like any other); unmapped people get a link.
     */
    private void command(DiscordMessage message, String webChannel, String text) throws Exception {
        var webUser = users.webUserOf(message.authorId());
        if (webUser.isEmpty()) {
            Instant now = Instant.now();
            Instant last = lastLinkReply.get(message.authorId());
            if (last != null && last.plus(REPLY_COOLDOWN).isAfter(now)) {
                return; // answered a moment ago: a burst of commands gets one link, not a flood of bot messages
            }
            lastLinkReply.put(message.authorId(), now);
            discord.reply(message.channelId(), message.id(), "Commands run in the web chat, where the workflow lives: "
                    + webUrl).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return;
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("channel", webChannel)
                .put("external_id", message.id())
                .put("user", webUser.get())
                .put("text", text.length() > 2000 ? text.substring(0, 2000) : text);
        data.putObject("author").put("id", message.authorId()).put("name", authorName(message));
        add(envelopeId(message.id(), "command"), EventTypes.BRIDGE_COMMAND, data);
        metrics.relayedToWeb();
    }

    /**
     * Text whose first word looks like a command ({@code /state}, {@code /approve}): a path someone pasted
     * ({@code /var/log/syslog}) or a lone slash is a message like any other.
     */
    static boolean isCommand(String content) {
        return COMMAND_WORD.matcher(content.split("\\s", 2)[0]).matches();
    }

    private void relayEdited(DiscordMessage message) {
        if (places.webChannelOf(message.channelId()).isEmpty() || isOurs(message)) {
            return;
        }
        String content = readable(message);
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("external_id", message.id()).put("content", content);
        add(envelopeId(message.id(), "edited-" + sha256(content)), EventTypes.BRIDGE_MESSAGE_EDITED, data);
        remember(message);
        metrics.relayedToWeb();
    }

    /** Each reaction change is its own event (an add, a remove and an add again are three). */
    private void relayReaction(Reaction reaction) {
        reactionRelay.toWeb(reaction).await().atMost(WAIT).ifPresent(data -> {
            add(UUID.randomUUID().toString(), EventTypes.BRIDGE_REACTION, data);
            metrics.relayedToWeb();
        });
    }

    private void relayDeleted(String channelId, String messageId) {
        if (places.webChannelOf(channelId).isEmpty()) {
            return;
        }
        if (links.webOriginalOf(messageId).await().atMost(WAIT).isPresent()) {
            return; // one of the bridge's copies, deleted on Discord: the web message stays
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode().put("external_id", messageId);
        add(envelopeId(messageId, "deleted"), EventTypes.BRIDGE_MESSAGE_DELETED, data);
        window.forget(channelId, messageId).await().atMost(WAIT);
        metrics.relayedToWeb();
    }

    /**
     * The text with Discord's mentions as names a web reader knows: people by the guild's name for them (server
     * nickname first; asked of Discord, a few per message, when the message did not say), channels by the web
     * channel they are mapped to or else their Discord name, roles by name, custom emoji as {@code :name:}.
     */
    private String readable(DiscordMessage message) {
        String content = message.content() == null ? "" : message.content().strip();
        DiscordMessage.Named named = message.named();
        MemberNames.Budget budget = memberNames.budget();
        return MentionText.toWeb(content, new MentionText.Names() {
            @Override
            public String user(String id) {
                String member = named.members().get(id);
                return member != null ? member : budget.of(id).orElse(named.users().get(id));
            }

            @Override
            public String channel(String id) {
                return channels.webChannelOf(id).orElse(named.channels().get(id));
            }

            @Override
            public String role(String id) {
                return named.roles().get(id);
            }
        });
    }

    /** The guild's name for the author (server nickname first), else their account's. */
    private String authorName(DiscordMessage message) {
        if (message.authorMemberName() != null) {
            return message.authorMemberName();
        }
        if (message.webhookId() != null) {
            return message.authorName(); // a webhook is nobody's member
        }
        return memberNames.budget().of(message.authorId()).orElse(message.authorName());
    }

    /** Uploads each attachment through the chat-service; returns the URLs of those it could not. */
    private List<String> rehost(DiscordMessage message, ObjectNode data) {
        List<String> notRehosted = new ArrayList<>();
        ArrayNode ids = null;
        for (DiscordMessage.Attachment attachment : message.attachments()) {
            if (!files.enabled()) {
                notRehosted.add(attachment.url());
                continue;
            }
            try {
                byte[] bytes = files.download(attachment.url()).toCompletableFuture().get(WAIT.toSeconds(),
                        TimeUnit.SECONDS);
                String id = files.upload(attachment.fileName(), bytes).toCompletableFuture().get(WAIT.toSeconds(),
                        TimeUnit.SECONDS);
                if (ids == null) {
                    ids = data.putArray("attachment_ids");
                }
                ids.add(id);
            } catch (Exception e) {
                Log.warnf("could not re-host %s of Discord message %s: %s", attachment.fileName(), message.id(), e.getMessage());
                notRehosted.add(attachment.url());
            }
        }
        return notRehosted;
    }

    private boolean isOurs(DiscordMessage message) {
        return discord.isOwnAuthor(message.authorId()) || (message.webhookId() != null && discord.isOwnAuthor(message.webhookId()));
    }

    private void add(String id, String type, ObjectNode data) {
        Envelope envelope = new Envelope(Envelope.VERSION, id, type, Instant.now(), SOURCE, null, data);
        Reconnect.bounded(streams.xadd(names.bridgeInStream(), new XAddArgs().maxlen(streamMaxLength).nearlyExactTrimming(),
                        Map.of(StreamGroupReader.EVENT_FIELD, envelope.toJson())), "XADD " + names.bridgeInStream())
                .await().atMost(WAIT);
    }

    private static String envelopeId(String discordId, String what) {
        return "discord-" + discordId + "-" + what;
    }

    /**
     * Runs a step; while Redis does not answer (an outage, a restart) it waits for Redis and runs
     * the same step again, so the worker neither skips a message nor changes their order (every
     * step may run twice: envelope ids and watermarks make a repeat harmless). A step that keeps
     * failing while Redis answers is given up, counted and logged.
     */
    private void safely(String what, Step step) {
        Duration pause = FIRST_PAUSE;
        boolean waited = false;
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                if (waited) {
                    Log.infof("Redis answers again; %s done", what);
                }
                return;
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // stopping
                }
                boolean outage = !redisAnswers.getAsBoolean();
                if (!outage && attempt >= ATTEMPTS) {
                    metrics.failedToWeb();
                    Log.warnf("%s failed: %s", what, e.getMessage());
                    return;
                }
                if (outage && !waited) {
                    Log.warnf("%s waits for Redis: %s", what, e.getMessage());
                    waited = true;
                }
                if (outage) {
                    attempt = 0; // however long it is away
                }
                try {
                    Thread.sleep(pause.toMillis()); // this worker's own thread: the next Discord event waits its turn
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
