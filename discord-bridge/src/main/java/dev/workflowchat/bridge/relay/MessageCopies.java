package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.discord.ApprovalButtons;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.Mentions;
import dev.workflowchat.bridge.discord.OutgoingMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A web message's copy in Discord, part by part (Discord takes 2,000 characters a message). Each part is
 * linked as soon as it is posted, so a retry after part 1 posts only the rest; files ride on the last part;
 * an edit rewrites the parts whose text changed, posts the parts it added and deletes those it dropped;
 * a delete removes every part.
 */
final class MessageCopies {

    /**
     * What a web message looks like in Discord: under whose name, in which parts, who each part may ping, and
     * the approval buttons its last part carries when it asks for a decision (null otherwise).
     */
    record Draft(String username, String avatarUrl, List<String> parts, Function<String, Mentions> mentions,
                 ApprovalButtons buttons) {

        Draft(String username, String avatarUrl, List<String> parts, Function<String, Mentions> mentions) {
            this(username, avatarUrl, parts, mentions, null);
        }
    }

    /** The files a message carries into Discord, and a note for each one that could not be fetched. */
    record Attachments(List<OutgoingMessage.File> files, List<String> notes) {

        static final Attachments NONE = new Attachments(List.of(), List.of());

        /** Collects fetched files ({@code OutgoingMessage.File}) and notes ({@code String}) in order. */
        static final class Builder {
            private final List<OutgoingMessage.File> files = new java.util.ArrayList<>();
            private final List<String> notes = new java.util.ArrayList<>();

            void add(Object fetched) {
                if (fetched instanceof OutgoingMessage.File file) {
                    files.add(file);
                } else {
                    notes.add(String.valueOf(fetched));
                }
            }

            Attachments build() {
                return new Attachments(List.copyOf(files), List.copyOf(notes));
            }
        }

        /** The last part with the notes under it, cut to what Discord takes. */
        String under(String part) {
            if (notes.isEmpty()) {
                return part;
            }
            String withNotes = (part + "\n" + String.join("\n", notes)).strip();
            return withNotes.length() > MessageSplitter.DISCORD_LIMIT ? withNotes.substring(0, MessageSplitter.DISCORD_LIMIT) : withNotes;
        }
    }

    private final DiscordClient discord;
    private final LinkStore links;

    MessageCopies(DiscordClient discord, LinkStore links) {
        this.discord = discord;
        this.links = links;
    }

    /** Posts the parts not posted yet, files (fetched only if the last part is still to post) on the last. */
    Uni<Boolean> post(String webId, String channelId, Draft draft, Supplier<Uni<Attachments>> files) {
        return links.copyOf(webId).chain(copy -> {
            int posted = copy.partIds().size();
            int last = draft.parts().size() - 1;
            if (posted > last) {
                return Uni.createFrom().item(false); // relayed before a restart or a retry
            }
            return files.get().chain(attached -> Multi.createFrom().range(posted, last + 1)
                    .onItem().transformToUniAndConcatenate(i -> i == last
                            ? postPart(webId, channelId, draft, i, attached.under(draft.parts().get(i)), attached.files())
                            : postPart(webId, channelId, draft, i, draft.parts().get(i), List.of()))
                    .collect().asList()
                    .replaceWith(true));
        });
    }

    /** Brings the copy in line with the edited text. */
    Uni<Void> edit(String webId, Draft draft) {
        return links.copyOf(webId).chain(copy -> {
            if (copy.partIds().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            int had = copy.partIds().size();
            int has = draft.parts().size();
            return Multi.createFrom().range(0, Math.max(had, has))
                    .onItem().transformToUniAndConcatenate(i -> {
                        if (i >= had) {
                            return postPart(webId, copy.discordChannelId(), draft, i, draft.parts().get(i), List.of());
                        }
                        if (i >= has) {
                            return from(() -> discord.delete(copy.discordChannelId(), copy.partIds().get(i)));
                        }
                        String part = draft.parts().get(i);
                        if (hash(part).equals(copy.partHashes().get(i))) {
                            return Uni.createFrom().voidItem();
                        }
                        return from(() -> discord.edit(copy.discordChannelId(), copy.partIds().get(i), part, draft.mentions().apply(part)))
                                .chain(() -> links.rehash(webId, i, hash(part)));
                    })
                    .collect().asList()
                    .chain(() -> links.unlinkPartsFrom(webId, has, had));
        });
    }

    /** The approval request's buttons (on its last part) give way to the decision; nothing if it was never posted. */
    Uni<Void> showDecision(String webId, String decision) {
        return links.copyOf(webId).chain(copy -> copy.partIds().isEmpty() ? Uni.createFrom().voidItem()
                : from(() -> discord.showDecision(copy.discordChannelId(), copy.partIds().get(copy.partIds().size() - 1),
                        decision)));
    }

    /** Removes every part; the links stay, so a replayed creation does not post the message again. */
    Uni<Void> delete(String webId) {
        return links.copyOf(webId).chain(copy -> Multi.createFrom().iterable(copy.partIds())
                .onItem().transformToUniAndConcatenate(id -> from(() -> discord.delete(copy.discordChannelId(), id)))
                .collect().asList()
                .replaceWithVoid());
    }

    private Uni<Void> postPart(String webId, String channelId, Draft draft, int index, String part,
                               List<OutgoingMessage.File> files) {
        OutgoingMessage outgoing = new OutgoingMessage(draft.username(), draft.avatarUrl(), part, files,
                draft.mentions().apply(part), index == draft.parts().size() - 1 ? draft.buttons() : null);
        return from(() -> discord.post(channelId, outgoing))
                .chain(discordId -> links.linkPart(webId, channelId, index, discordId, hash(part)));
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks Discord only when subscribed to (and again on each retry). */
    private static <T> Uni<T> from(Supplier<CompletionStage<T>> request) {
        return Uni.createFrom().completionStage(request);
    }
}
