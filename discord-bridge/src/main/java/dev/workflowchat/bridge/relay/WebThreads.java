package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.ThreadName;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Web → Discord for threads: the Discord thread a web thread's replies go to. The one the bridge started or found
 * before (a link record); else the thread the root's Discord message already is (a forum post, a thread relayed
 * from Discord) or is in; else a public thread started from the root's Discord message, named after its text.
 * Empty when the root never reached Discord.
 */
final class WebThreads {

    private final DiscordClient discord;
    private final LinkStore links;

    WebThreads(DiscordClient discord, LinkStore links) {
        this.discord = discord;
        this.links = links;
    }

    /** The Discord thread for replies to the web message {@code rootWebId}, started if need be. */
    Uni<Optional<String>> threadFor(String rootWebId) {
        return links.threadOf(rootWebId).chain(known -> known.isPresent() ? Uni.createFrom().item(known)
                : discordMessageOf(rootWebId).chain(root -> root.isEmpty() ? Uni.createFrom().item(Optional.<String>empty())
                        : threadOn(rootWebId, root.get()).map(Optional::of)));
    }

    /** The root's Discord message: the bridge's copy of it (its first part), or the message it came from. */
    private Uni<Optional<LinkStore.Link>> discordMessageOf(String rootWebId) {
        return links.discordCopyOf(rootWebId)
                .chain(copy -> copy.isPresent() ? Uni.createFrom().item(copy) : links.fromDiscord(rootWebId));
    }

    private Uni<String> threadOn(String rootWebId, LinkStore.Link root) {
        Uni<String> thread;
        if (discord.thread(root.discordMessageId()).isPresent()) {
            thread = Uni.createFrom().item(root.discordMessageId()); // it is a thread's own: a forum post, a relayed thread
        } else if (discord.thread(root.discordChannelId()).isPresent()) {
            thread = Uni.createFrom().item(root.discordChannelId()); // it was said in a thread: answers go there too
        } else {
            thread = from(() -> discord.messageText(root.discordChannelId(), root.discordMessageId()))
                    .map(ThreadName::of)
                    .chain(name -> from(() -> discord.startThread(root.discordChannelId(), root.discordMessageId(), name)));
        }
        return thread.call(id -> links.linkThread(rootWebId, id));
    }

    private static <T> Uni<T> from(Supplier<CompletionStage<T>> request) {
        return Uni.createFrom().completionStage(request);
    }
}
