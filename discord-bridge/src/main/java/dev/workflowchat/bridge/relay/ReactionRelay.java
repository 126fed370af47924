package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bridge.config.ChannelMap;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.DiscordRejectedException;
import dev.workflowchat.bridge.discord.Reaction;
import dev.workflowchat.protocol.ProtocolJson;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Standard emoji reactions both ways. A Discord person's reaction becomes the chat's {@code bridge.reaction} on the
 * web message (a copy the bridge posted, or one that came from Discord); the chat records it as
 * {@code discord:<id>}'s. A web person's reaction puts the bot's own reaction on the Discord message, and takes it
 * away when nobody on the web side holds that emoji any more. Nothing loops: the bot's reactions are not heard
 * back (JdaReactions), and {@code discord:} people's reactions are not sent back.
 */
final class ReactionRelay {

    /** Whose reactions in the chat came from Discord (as a Discord message's author is). */
    static final String DISCORD_USER = "discord:";

    private final DiscordClient discord;
    private final ChannelMap channels;
    private final LinkStore links;
    private final DiscordPlaces places;

    ReactionRelay(DiscordClient discord, ChannelMap channels, LinkStore links) {
        this.places = new DiscordPlaces(discord, channels);
        this.discord = discord;
        this.channels = channels;
        this.links = links;
    }

    /** The {@code bridge.reaction} data for a Discord reaction in a mapped channel; empty for any other. */
    Uni<Optional<ObjectNode>> toWeb(Reaction reaction) {
        if (places.webChannelOf(reaction.channelId()).isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return links.webOriginalOf(reaction.messageId()).map(copyOf -> {
            ObjectNode data = ProtocolJson.mapper().createObjectNode();
            copyOf.ifPresentOrElse(webId -> data.put("message_id", webId), () -> data.put("external_id", reaction.messageId()));
            data.put("reaction", reaction.emoji()).put("added", reaction.added());
            ObjectNode user = data.putObject("user").put("id", reaction.userId());
            if (reaction.userName() != null) {
                user.put("name", reaction.userName());
            }
            return Optional.of(data);
        });
    }

    /** A message that came from Discord: remembered, so a web reaction on it finds it. */
    Uni<Void> cameFromDiscord(JsonNode message) {
        String externalId = message.path("external_id").asText("");
        Optional<String> channel = channels.discordChannelOf(message.path("channel").asText());
        if (externalId.isBlank() || channel.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // a message from a thread lives there, not in the mapped channel
        return links.threadOfDiscordMessage(externalId).chain(thread -> links.linkFromDiscord(
                message.path("message_id").asText(), thread.orElse(channel.get()), externalId));
    }

    /** {@code reaction.added} / {@code reaction.removed} of the out stream. */
    Uni<Void> toDiscord(JsonNode data, boolean added) {
        String user = data.path("user_id").asText("");
        String emoji = data.path("reaction").asText("");
        if (user.startsWith(DISCORD_USER) || emoji.isBlank() || !isStandardEmoji(emoji)) {
            return Uni.createFrom().voidItem();
        }
        // the bot's one reaction stands for every web person's: it comes with the first and goes with the last
        if (heldByOtherWebPeople(data.path("reactions").path(emoji), user)) {
            return Uni.createFrom().voidItem();
        }
        String webId = data.path("message_id").asText();
        return links.discordCopyOf(webId)
                .chain(copy -> copy.isPresent() ? Uni.createFrom().item(copy) : links.fromDiscord(webId))
                .chain(target -> target.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().completionStage(() -> discord.react(target.get().discordChannelId(),
                                target.get().discordMessageId(), emoji, added)))
                // a reaction Discord refuses (no Add Reactions, an emoji it does not know) is not worth the channel's health
                .onFailure(DiscordRejectedException.class).recoverWithUni(failure -> {
                    Log.warnf("Discord refused the bot's reaction %s on web message %s: %s", emoji, webId, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private static boolean heldByOtherWebPeople(JsonNode users, String user) {
        if (!users.isArray()) {
            return false;
        }
        for (JsonNode other : users) {
            if (!other.asText().startsWith(DISCORD_USER) && !other.asText().equals(user)) {
                return true;
            }
        }
        return false;
    }

    /** The web lets any short text be a reaction; Discord takes only its emoji (others answer 10014 Unknown Emoji). */
    static boolean isStandardEmoji(String text) {
        return text.codePoints().allMatch(c -> Character.getType(c) == Character.OTHER_SYMBOL || c == 0x200D
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0x1F1E6 && c <= 0x1F1FF)
                || (c >= 0xE0020 && c <= 0xE007F) || c == 0x20E3 || Character.isDigit(c) || c == '#' || c == '*')
                && text.codePoints().anyMatch(c -> c > 0x7F);
    }
}
