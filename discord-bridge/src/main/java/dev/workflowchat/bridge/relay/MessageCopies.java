package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.discord.ApprovalButtons;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.DiscordRejectedException;
import dev.workflowchat.bridge.discord.Mentions;
import dev.workflowchat.bridge.discord.OutgoingMessage;
import io.quarkus.logging.Log;
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

    /** Discord's answer to a file over the guild's upload limit (Request entity too large, code 40005). */
    private static final int TOO_LARGE = 413;

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

    /**
     * The files a message carries into Discord, each with the note that stands for it if Discord refuses it as
     * too large, and a note for each one that could not be fetched.
     */
    record Attachments(List<OutgoingMessage.File> files, List<String> notes, List<String> tooLargeNotes) {

        static final Attachments NONE = new Attachments(List.of(), List.of(), List.of());

        /** A fetched file, and what to write instead should Discord refuse it as too large. */
        record Fetched(OutgoingMessage.File file, String tooLargeNote) {
        }

        /** Collects fetched files ({@link Fetched}) and notes ({@code String}) in order. */
        static final class Builder {
            private final List<OutgoingMessage.File> files = new java.util.ArrayList<>();
            private final List<String> notes = new java.util.ArrayList<>();
            private final List<String> tooLarge = new java.util.ArrayList<>();

            void add(Object fetched) {
                if (fetched instanceof Fetched file) {
                    files.add(file.file());
                    tooLarge.add(file.tooLargeNote());
                } else {
                    notes.add(String.valueOf(fetched));
                }
            }

            Attachments build() {
                return new Attachments(List.copyOf(files), List.copyOf(notes), List.copyOf(tooLarge));
            }
        }

        /** The same message with a note (and the chat's link) in place of each file. */
        Attachments withoutFiles() {
            List<String> all = new java.util.ArrayList<>(notes);
            all.addAll(tooLargeNotes);
            return new Attachments(List.of(), List.copyOf(all), List.of());
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
                    .onItem().transformToUniAndConcatenate(i -> placeOfPart(webId, channelId, i).chain(place -> i == last
                            ? postLast(webId, place, draft, i, attached)
                            : postPart(webId, place, draft, i, draft.parts().get(i), List.of())))
                    .collect().asList()
                    .replaceWith(true));
        });
    }

    /**
     * Where part {@code index} goes: the channel, unless the first part opened a forum post (a web message in a
     * forum channel does), whose thread takes the rest.
     */
    private Uni<String> placeOfPart(String webId, String channelId, int index) {
        if (index == 0) {
            return Uni.createFrom().item(channelId);
        }
        return links.copyOf(webId).map(copy -> copy.partIds().isEmpty() ? channelId
                : discord.thread(copy.partIds().get(0)).map(thread -> thread.id()).orElse(channelId));
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

    /**
     * The last part with the files; should Discord refuse them as too large (413), once more with a note and the
     * chat's link in place of each file, so the message still arrives and nothing is retried for ever.
     */
    private Uni<Void> postLast(String webId, String channelId, Draft draft, int index, Attachments attached) {
        String part = draft.parts().get(index);
        return postPart(webId, channelId, draft, index, attached.under(part), attached.files())
                .onFailure(failure -> !attached.files().isEmpty() && failure instanceof DiscordRejectedException rejected
                        && rejected.status() == TOO_LARGE)
                .recoverWithUni(failure -> {
                    Log.warnf("Discord refused the files of web message %s as too large; posted with links instead", webId);
                    Attachments links = attached.withoutFiles();
                    return postPart(webId, channelId, draft, index, links.under(part), links.files());
                });
    }

    private Uni<Void> postPart(String webId, String channelId, Draft draft, int index, String part,
                               List<OutgoingMessage.File> files) {
        OutgoingMessage outgoing = new OutgoingMessage(draft.username(), draft.avatarUrl(), part, files,
                draft.mentions().apply(part), index == draft.parts().size() - 1 ? draft.buttons() : null);
        // a message that opened a forum post lives in the post: edits and deletes go there
        return from(() -> discord.post(channelId, outgoing))
                .chain(discordId -> links.linkPart(webId, discord.thread(discordId).map(thread -> thread.id()).orElse(channelId),
                        index, discordId, hash(part)));
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
