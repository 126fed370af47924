package dev.workflowchat.bridge.discord;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.requests.restaction.AbstractWebhookMessageAction;
import net.dv8tion.jda.api.requests.restaction.ThreadCreateMetadata;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import okhttp3.OkHttpClient;

/**
 * The bridge's Discord through JDA. JDA obeys Discord's rate-limit headers and queues per route;
 * this class only translates: JDA events become {@link DiscordMessage}s for the listener, and
 * the bridge's requests become JDA actions whose futures complete on JDA's threads.
 */
public final class JdaDiscordClient implements DiscordClient {

    /** Where JDA should connect and what it should count; the defaults are Discord's own. */
    public record Settings(String token, String guildId, String apiBaseUrl, String gatewayUrl, String webhookName,
                           Runnable onRateLimited) {
    }

    private final Settings settings;
    private final Map<String, CompletableFuture<Webhook>> webhooks = new ConcurrentHashMap<>();
    private final Set<String> ownWebhookIds = ConcurrentHashMap.newKeySet();
    private final JdaThreads threads;
    private static final Duration RETRY_CONNECT = Duration.ofSeconds(10);

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "discord-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile JDA jda;
    private volatile JdaInteractions interactions;
    private volatile boolean refused;
    private volatile String gatewayProblem;
    private volatile Duration intentsPause = FIRST_INTENTS_PAUSE;
    private static final Duration FIRST_INTENTS_PAUSE = Duration.ofSeconds(2);
    private static final Duration MAX_INTENTS_PAUSE = Duration.ofMinutes(5);

    public JdaDiscordClient(Settings settings) {
        this.settings = settings;
        this.threads = new JdaThreads(() -> jda, this::inOurGuild);
    }

    @Override
    public void connect(DiscordListener listener) {
        try {
            jda = builder(listener).build();
        } catch (InvalidTokenException e) {
            refused = true;
            Log.error("Discord refused DISCORD_TOKEN (401): the bridge does not relay; fix the token and restart it");
        } catch (RuntimeException e) {
            // Discord unreachable at start (network, an outage): keep trying, as JDA does once connected
            Log.warnf("could not reach Discord (%s); trying again in %d s", e.getMessage(), RETRY_CONNECT.toSeconds());
            retries.schedule(() -> connect(listener), RETRY_CONNECT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Discord closed the gateway for the intents the bridge asks for (4014: a privileged one not switched on in
     * the portal). Said at ERROR with the fix, shown in readiness, and tried again with growing pauses, so
     * switching the intent on heals the bridge without a restart.
     */
    private void refusedIntents(DiscordListener listener, CloseCode code) {
        Duration pause = intentsPause;
        intentsPause = pause.multipliedBy(2).compareTo(MAX_INTENTS_PAUSE) > 0 ? MAX_INTENTS_PAUSE : pause.multipliedBy(2);
        gatewayProblem = "Discord closed the gateway with " + code.getCode() + " (" + code.getMeaning() + "): switch on"
                + " 'Message Content Intent' under Bot → Privileged Gateway Intents for this application in the Discord"
                + " Developer Portal; the bridge tries again by itself";
        Log.errorf("%s (next try in %d s)", gatewayProblem, pause.toSeconds());
        webhooks.clear();
        try {
            retries.schedule(() -> connect(listener), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // shutting down
        }
    }

    /** Why the gateway is not connected when it is something an operator must fix; null otherwise. */
    public String gatewayProblem() {
        return gatewayProblem;
    }

    /** Discord said the token is wrong: nothing will work until someone fixes it. */
    public boolean refused() {
        return refused;
    }

    private JDABuilder builder(DiscordListener listener) {
        JDABuilder builder = JDABuilder.createLight(settings.token(), GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT,
                        GatewayIntent.GUILD_MESSAGE_REACTIONS)
                .addEventListeners(new Events(listener), interactions(listener), new JdaReactions(listener, this::inOurGuild))
                // a network interceptor sees each attempt, the ones the client makes again by itself too
                .setHttpClientBuilder(new OkHttpClient.Builder().addNetworkInterceptor(new DiscordWire(settings.onRateLimited())));
        if (settings.apiBaseUrl() != null) {
            builder.setRestConfig(new RestConfig().setBaseUrl(settings.apiBaseUrl()));
        }
        if (settings.gatewayUrl() != null) {
            String gateway = settings.gatewayUrl();
            builder.setSessionController(new SessionControllerAdapter() {
                @Override
                public String getGateway() {
                    return gateway;
                }
            });
            // a gateway other than Discord's (a proxy, the test peer) speaks plain JSON
            builder.setCompression(Compression.NONE);
        }
        return builder;
    }

    @Override
    public boolean connected() {
        JDA current = jda;
        return current != null && current.getStatus() == JDA.Status.CONNECTED;
    }

    @Override
    public CompletionStage<String> post(String channelId, OutgoingMessage message) {
        return withWebhook(channelId, (webhook, thread) -> {
            var action = inThread(webhook.sendMessage(message.content()), thread).setUsername(message.username());
            boolean newPost = thread == null && webhook.getChannel().getType() == ChannelType.FORUM;
            String postName = ThreadName.of(message.content());
            if (newPost) {
                // a forum holds posts only: a web message there opens one, named after its first line
                action = action.createThread(new ThreadCreateMetadata(postName));
            }
            if (message.avatarUrl() != null) {
                action = action.setAvatarUrl(message.avatarUrl());
            }
            if (message.buttons() != null) {
                action = action.setComponents(JdaInteractions.buttons(message.buttons()));
            }
            for (OutgoingMessage.File file : message.files()) {
                action = action.addFiles(FileUpload.fromData(file.bytes(), file.fileName()));
            }
            return allowing(action, message.mentions()).submit().thenApply(posted -> {
                if (newPost) {
                    threads.opened(new DiscordThread(posted.getChannelId(), webhook.getChannel().getId(), postName,
                            webhook.getId(), true));
                }
                return posted.getId();
            });
        });
    }

    @Override
    public CompletionStage<Void> edit(String channelId, String messageId, String content, Mentions mentions) {
        return withWebhook(channelId, (webhook, thread) -> allowing(inThread(webhook.editMessageById(messageId, content), thread),
                mentions).submit().thenApply(ignored -> null));
    }

    /** Discord's {@code thread_id} query parameter: a webhook request aimed into one thread of its channel. */
    private static <R extends AbstractWebhookMessageAction<?, R>> R inThread(R action, String threadId) {
        return threadId == null ? action : action.setThreadId(threadId);
    }

    /**
     * Discord's {@code allowed_mentions} for one request: parse nothing but what {@code mentions} allows, so
     * text holding {@code @everyone} or {@code <@&role>} pings no one unless the channel opted in.
     */
    private static <R extends MessageRequest<R>> R allowing(R request, Mentions mentions) {
        EnumSet<Message.MentionType> parsed = mentions.everyoneAndRoles()
                ? EnumSet.of(Message.MentionType.EVERYONE, Message.MentionType.HERE, Message.MentionType.ROLE)
                : EnumSet.noneOf(Message.MentionType.class);
        R allowed = request.setAllowedMentions(parsed);
        return mentions.users().isEmpty() ? allowed : allowed.mentionUsers(mentions.users());
    }

    @Override
    public CompletionStage<Void> react(String channelId, String messageId, String emoji, boolean add) {
        GuildMessageChannel channel = messageChannel(channelId);
        return translate(add
                ? channel.addReactionById(messageId, Emoji.fromUnicode(emoji)).submit()
                : channel.removeReactionById(messageId, Emoji.fromUnicode(emoji)).submit());
    }

    @Override
    public CompletionStage<Void> delete(String channelId, String messageId) {
        return withWebhook(channelId, (webhook, thread) -> inThread(webhook.deleteMessageById(messageId), thread).submit()
                .exceptionally(failure -> {
                    if (isError(failure, ErrorResponse.UNKNOWN_MESSAGE)) {
                        return null; // already gone: what we wanted
                    }
                    throw new CompletionException(failure);
                }));
    }

    @Override
    public CompletionStage<Void> showDecision(String channelId, String messageId, String decision) {
        return withWebhook(channelId, (webhook, thread) -> inThread(webhook.editMessageComponentsById(messageId,
                JdaInteractions.decided(messageId, decision)), thread).submit().thenApply(ignored -> null));
    }

    /** The guild's application commands, all of them in one bulk overwrite: what an earlier start left goes. */
    private void registerCommands(JDA current) {
        List<Guild> guilds = settings.guildId() != null && current.getGuildById(settings.guildId()) != null
                ? List.of(current.getGuildById(settings.guildId())) : current.getGuilds();
        for (Guild guild : guilds) {
            guild.updateCommands().addCommands(JdaInteractions.commands()).queue(
                    registered -> Log.infof("registered %d application commands in guild %s", registered.size(), guild.getId()),
                    failure -> Log.warnf("could not register the application commands in guild %s (is the bot invited"
                            + " with the applications.commands scope?): %s", guild.getId(), failure.getMessage()));
        }
    }

    private JdaInteractions interactions(DiscordListener listener) {
        interactions = new JdaInteractions(listener, this::inOurGuild);
        return interactions;
    }

    @Override
    public boolean answerCommand(String interactionId, String content) {
        JdaInteractions current = interactions;
        return current != null && current.answer(interactionId, content);
    }

    private boolean inOurGuild(String guildId) {
        return guildId != null && (settings.guildId() == null || settings.guildId().equals(guildId));
    }

    @Override
    public CompletionStage<Void> reply(String channelId, String replyToId, String content) {
        GuildMessageChannel channel = messageChannel(channelId);
        var action = channel.sendMessage(content).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        if (replyToId != null) {
            action = action.setMessageReference(replyToId).mentionRepliedUser(false);
        }
        return translate(action.submit()).thenApply(ignored -> null);
    }

    @Override
    public CompletionStage<List<DiscordMessage>> messagesAfter(String channelId, String afterId, int limit) {
        JDA current = jda;
        if (current != null && current.getForumChannelById(channelId) != null) {
            // a forum holds posts (threads) only: nothing of its own to catch up on
            return CompletableFuture.completedFuture(List.of());
        }
        GuildMessageChannel channel = messageChannel(channelId);
        int page = Math.max(1, Math.min(limit, MAX_PAGE));
        CompletableFuture<List<Message>> newestFirst = MessageHistory.getHistoryAfter(channel, afterId).limit(page).submit()
                .thenApply(MessageHistory::getRetrievedHistory);
        return translate(newestFirst).thenApply(messages -> {
            List<DiscordMessage> oldestFirst = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0; i--) {
                oldestFirst.add(toMessage(messages.get(i)));
            }
            return oldestFirst;
        });
    }

    @Override
    public CompletionStage<Optional<String>> memberName(String userId) {
        JDA current = jda;
        Guild guild = current == null ? null
                : settings.guildId() != null ? current.getGuildById(settings.guildId())
                : current.getGuilds().stream().findFirst().orElse(null);
        if (guild == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return guild.retrieveMemberById(userId).submit()
                .thenApply(member -> Optional.of(member.getEffectiveName()))
                .exceptionally(failure -> {
                    if (isError(failure, ErrorResponse.UNKNOWN_MEMBER) || isError(failure, ErrorResponse.UNKNOWN_USER)) {
                        return Optional.empty();
                    }
                    throw new CompletionException(unwrap(failure));
                });
    }

    @Override
    public Optional<DiscordThread> thread(String channelId) {
        return threads.thread(channelId);
    }

    @Override
    public List<DiscordThread> activeThreads() {
        return threads.active();
    }

    @Override
    public CompletionStage<String> startThread(String channelId, String messageId, String name) {
        try {
            return threads.start(channel(channelId), messageId, name);
        } catch (RuntimeException notThere) {
            return CompletableFuture.failedFuture(notThere);
        }
    }

    @Override
    public CompletionStage<String> messageText(String channelId, String messageId) {
        GuildMessageChannel channel;
        try {
            channel = messageChannel(channelId);
        } catch (RuntimeException notThere) {
            return CompletableFuture.failedFuture(notThere);
        }
        return translate(channel.retrieveMessageById(messageId).submit()).thenApply(Message::getContentRaw);
    }

    @Override
    public boolean isOwnAuthor(String authorId) {
        JDA current = jda;
        return ownWebhookIds.contains(authorId) || (current != null && current.getSelfUser().getId().equals(authorId));
    }

    @Override
    public void shutdown() {
        retries.shutdownNow();
        JDA current = jda;
        if (current != null) {
            current.shutdown();
        }
    }

    /** A webhook request, given the webhook and the thread it is aimed into (null: the channel itself). */
    @FunctionalInterface
    private interface WebhookRequest<T> {
        CompletableFuture<T> send(Webhook webhook, String threadId);
    }

    /**
     * Runs a webhook request in a channel, or in a thread through its parent channel's webhook; a webhook someone
     * deleted (404) is made again, once.
     */
    private <T> CompletionStage<T> withWebhook(String channelOrThreadId, WebhookRequest<T> send) {
        CompletableFuture<Webhook> webhook;
        String channelId;
        String threadId;
        try {
            Optional<DiscordThread> thread = thread(channelOrThreadId);
            channelId = thread.map(DiscordThread::parentId).orElse(channelOrThreadId);
            threadId = thread.map(DiscordThread::id).orElse(null);
            webhook = webhook(channelId);
        } catch (RuntimeException refusedBeforeAsking) {
            // JDA checks permissions before it sends anything, and throws
            return CompletableFuture.failedFuture(asBridgeFailure(refusedBeforeAsking));
        }
        Function<Webhook, CompletableFuture<T>> request = hook -> send.send(hook, threadId);
        return webhook.thenCompose(request).handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (isError(failure, ErrorResponse.UNKNOWN_WEBHOOK)) {
                Log.warnf("the webhook of channel %s is gone; making a new one", channelId);
                webhooks.remove(channelId);
                return webhook(channelId).thenCompose(request);
            }
            return CompletableFuture.<T>failedFuture(failure);
        }).thenCompose(Function.identity()).handle((result, failure) -> {
            if (failure != null) {
                throw asBridgeFailure(failure);
            }
            return result;
        });
    }

    private CompletableFuture<Webhook> webhook(String channelId) {
        return webhooks.computeIfAbsent(channelId, id -> {
            IWebhookContainer channel = webhookChannel(id);
            String self = jda.getSelfUser().getId();
            CompletableFuture<Webhook> found = channel.retrieveWebhooks().submit().thenCompose(existing -> existing.stream()
                    .filter(webhook -> settings.webhookName().equals(webhook.getName()) && webhook.getToken() != null
                            && webhook.getOwnerAsUser() != null && self.equals(webhook.getOwnerAsUser().getId()))
                    .findFirst()
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> channel.createWebhook(settings.webhookName()).submit()));
            found.thenAccept(webhook -> ownWebhookIds.add(webhook.getId()));
            found.whenComplete((webhook, failure) -> {
                if (failure != null) {
                    webhooks.remove(id); // try again next time
                }
            });
            return found;
        });
    }

    /** A channel webhooks can post in: a text channel, or a forum channel (whose posts are threads). */
    private IWebhookContainer webhookChannel(String channelId) {
        JDA current = connectedJda();
        IWebhookContainer channel = current.getChannelById(IWebhookContainer.class, channelId);
        if (channel == null) {
            throw new DiscordRejectedException(404, "no text or forum channel " + channelId + " is visible to the bot", null);
        }
        return channel;
    }

    /** A channel or thread messages are read and reacted to in. */
    private GuildMessageChannel messageChannel(String channelId) {
        JDA current = connectedJda();
        GuildMessageChannel channel = current.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            throw new DiscordRejectedException(404, "no channel or thread " + channelId + " is visible to the bot", null);
        }
        return channel;
    }

    private JDA connectedJda() {
        JDA current = jda;
        if (current == null || current.getStatus() != JDA.Status.CONNECTED) {
            throw new IllegalStateException("not connected to Discord yet");
        }
        return current;
    }

    private TextChannel channel(String channelId) {
        JDA current = jda;
        if (current == null || current.getStatus() != JDA.Status.CONNECTED) {
            // not a refusal: the request waits (is retried) until the gateway is there
            throw new IllegalStateException("not connected to Discord yet");
        }
        TextChannel channel = current.getTextChannelById(channelId);
        if (channel == null) {
            throw new DiscordRejectedException(404, "no text channel " + channelId + " is visible to the bot", null);
        }
        return channel;
    }

    static <T> CompletableFuture<T> translate(CompletableFuture<T> future) {
        return future.handle((result, failure) -> {
            if (failure != null) {
                throw asBridgeFailure(failure);
            }
            return result;
        });
    }

    /**
     * 4xx answers (but 429, which JDA waits out itself) and permissions JDA knows to be missing can never
     * succeed: say so, so nobody retries them.
     */
    static RuntimeException asBridgeFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DiscordRejectedException rejected) {
            return rejected;
        }
        if (cause instanceof InsufficientPermissionException missing) {
            return new DiscordRejectedException(403, "the bot lacks the permission " + missing.getPermission().getName()
                    + " in this channel (give its role Manage Webhooks, View Channel, Send Messages, Read Message History,"
                    + " Attach Files, Embed Links, Create Public Threads and Send Messages in Threads there)", missing);
        }
        if (cause instanceof ErrorResponseException error && error.getErrorCode() != 429
                && error.getResponse() != null && error.getResponse().code >= 400 && error.getResponse().code < 500) {
            return new DiscordRejectedException(error.getResponse().code, error.getMeaning(), error);
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    static boolean isError(Throwable failure, ErrorResponse response) {
        return unwrap(failure) instanceof ErrorResponseException error && error.getErrorResponse() == response;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private DiscordMessage toMessage(Message message) {
        MessageReference reference = message.getMessageReference();
        List<DiscordMessage.Attachment> attachments = message.getAttachments().stream()
                .map(a -> new DiscordMessage.Attachment(a.getFileName(), a.getUrl(), a.getContentType(), a.getSize()))
                .toList();
        Member member = message.isFromGuild() ? message.getMember() : null;
        return new DiscordMessage(message.getId(), message.isFromGuild() ? message.getGuildId() : null,
                message.getChannelId(), message.getAuthor().getId(), message.getAuthor().getEffectiveName(),
                member == null ? null : member.getEffectiveName(),
                message.getAuthor().getEffectiveAvatarUrl(), message.getAuthor().isBot(),
                message.isWebhookMessage() ? message.getAuthor().getId() : null, message.getContentRaw(),
                reference == null ? null : reference.getMessageId(),
                message.getTimeEdited() == null ? null : message.getTimeEdited().toInstant().toString(), attachments,
                named(message));
    }

    /**
     * The names of what the message mentions, from the message itself: Discord sends each mentioned user (with
     * their member in a guild's gateway events); roles and channels come from the guild JDA keeps.
     */
    private static DiscordMessage.Named named(Message message) {
        net.dv8tion.jda.api.entities.Mentions mentions = message.getMentions();
        Map<String, String> users = new HashMap<>();
        mentions.getUsers().forEach(user -> users.put(user.getId(), user.getEffectiveName()));
        Map<String, String> members = new HashMap<>();
        Map<String, String> roles = new HashMap<>();
        Map<String, String> channels = new HashMap<>();
        if (message.isFromGuild()) {
            mentions.getMembers().forEach(member -> members.put(member.getId(), member.getEffectiveName()));
            mentions.getRoles().forEach(role -> roles.put(role.getId(), role.getName()));
            mentions.getChannels().forEach(channel -> channels.put(channel.getId(), channel.getName()));
        }
        return new DiscordMessage.Named(members, users, roles, channels);
    }

    /** JDA's events, translated and handed over; nothing else happens on JDA's threads. */
    private final class Events extends ListenerAdapter {

        private final DiscordListener listener;

        Events(DiscordListener listener) {
            this.listener = listener;
        }

        @Override
        public void onReady(ReadyEvent event) {
            Log.infof("connected to Discord as %s", event.getJDA().getSelfUser().getName());
            gatewayProblem = null;
            intentsPause = FIRST_INTENTS_PAUSE;
            registerCommands(event.getJDA());
            listener.connected(false);
        }

        @Override
        public void onSessionResume(SessionResumeEvent event) {
            Log.info("the Discord session resumed");
            listener.connected(true);
        }

        @Override
        public void onSessionRecreate(SessionRecreateEvent event) {
            Log.info("a new Discord session after the old one was lost");
            listener.connected(true);
        }

        @Override
        public void onShutdown(ShutdownEvent event) {
            CloseCode code = event.getCloseCode();
            if (code == CloseCode.AUTHENTICATION_FAILED) {
                Log.error("Discord refused DISCORD_TOKEN (401): the bridge stopped relaying; fix the token and restart it");
            } else if (code == CloseCode.DISALLOWED_INTENTS || code == CloseCode.INVALID_INTENTS) {
                refusedIntents(listener, code);
            } else {
                Log.infof("the Discord connection ended (%s)", event.getCloseCode());
            }
        }

        @Override
        public void onMessageReceived(MessageReceivedEvent event) {
            if (inOurGuild(event.isFromGuild() ? event.getGuild().getId() : null)) {
                listener.created(toMessage(event.getMessage()));
            }
        }

        @Override
        public void onMessageUpdate(MessageUpdateEvent event) {
            if (inOurGuild(event.isFromGuild() ? event.getGuild().getId() : null)) {
                listener.edited(toMessage(event.getMessage()));
            }
        }

        @Override
        public void onMessageDelete(MessageDeleteEvent event) {
            if (inOurGuild(event.isFromGuild() ? event.getGuild().getId() : null)) {
                listener.deleted(event.getChannel().getId(), event.getMessageId());
            }
        }

        /** A moderator's bulk delete: each message as if deleted alone, so each linked chat message goes. */
        @Override
        public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
            if (inOurGuild(event.getGuild().getId())) {
                event.getMessageIds().forEach(id -> listener.deleted(event.getChannel().getId(), id));
            }
        }
    }
}
