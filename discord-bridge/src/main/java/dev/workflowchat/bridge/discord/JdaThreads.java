package dev.workflowchat.bridge.discord;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Threads and forum posts through JDA: what its cache knows of them (the active ones: it learns each from
 * THREAD_CREATE and GUILD_CREATE), the forum posts the bridge opened until the cache has them, and new threads.
 */
final class JdaThreads {

    private final Supplier<JDA> jda;
    private final Predicate<String> inOurGuild;
    /** Forum posts the bridge opened, by id, until JDA's cache has them (the gateway may tell it after the answer). */
    private final Map<String, DiscordThread> postsOpened = new ConcurrentHashMap<>();

    JdaThreads(Supplier<JDA> jda, Predicate<String> inOurGuild) {
        this.jda = jda;
        this.inOurGuild = inOurGuild;
    }

    Optional<DiscordThread> thread(String channelId) {
        JDA current = jda.get();
        ThreadChannel thread = current == null ? null : current.getThreadChannelById(channelId);
        if (thread == null) {
            return Optional.ofNullable(postsOpened.get(channelId));
        }
        postsOpened.remove(channelId);
        if (!inOurGuild.test(thread.getGuild().getId())) {
            return Optional.empty();
        }
        return Optional.of(new DiscordThread(thread.getId(), thread.getParentChannel().getId(), thread.getName(),
                thread.getOwnerId(), thread.getParentChannel().getType() == ChannelType.FORUM));
    }

    /** The active threads and forum posts of the guild that JDA's cache knows (GUILD_CREATE lists them at each login). */
    List<DiscordThread> active() {
        JDA current = jda.get();
        if (current == null) {
            return List.of();
        }
        return current.getThreadChannels().stream().map(thread -> thread(thread.getId()))
                .flatMap(Optional::stream).toList();
    }

    /** A forum post the bridge's webhook just opened. */
    void opened(DiscordThread post) {
        postsOpened.put(post.id(), post);
    }

    /** A public thread from a message; one the message has already is taken as found (it has the message's id). */
    CompletionStage<String> start(TextChannel channel, String messageId, String name) {
        CompletableFuture<String> started;
        try {
            started = channel.createThreadChannel(name, messageId).submit().thenApply(ThreadChannel::getId);
        } catch (RuntimeException refusedBeforeAsking) {
            // JDA checks Create Public Threads before it sends anything, and throws
            return CompletableFuture.failedFuture(JdaDiscordClient.asBridgeFailure(refusedBeforeAsking));
        }
        return JdaDiscordClient.translate(started.exceptionally(failure -> {
            if (JdaDiscordClient.isError(failure, ErrorResponse.THREAD_WITH_THIS_MESSAGE_ALREADY_EXISTS)) {
                return messageId;
            }
            throw new CompletionException(failure);
        }));
    }
}
