package dev.workflowchat.bridge.discord;

import java.util.function.Predicate;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * Reactions in the guild, handed over as {@link Reaction}s: standard emoji only (a custom emoji means nothing in
 * the web chat), and never the bot's own, which are the web's reactions relayed (so nothing loops).
 */
final class JdaReactions extends ListenerAdapter {

    private final DiscordListener listener;
    private final Predicate<String> ourGuild;

    JdaReactions(DiscordListener listener, Predicate<String> ourGuild) {
        this.listener = listener;
        this.ourGuild = ourGuild;
    }

    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent event) {
        String name = event.getMember() != null ? event.getMember().getEffectiveName() : null;
        relay(event, name, true);
    }

    @Override
    public void onMessageReactionRemove(MessageReactionRemoveEvent event) {
        relay(event, null, false);
    }

    private void relay(GenericMessageReactionEvent event, String userName, boolean added) {
        if (!event.isFromGuild() || !ourGuild.test(event.getGuild().getId())
                || event.getEmoji().getType() != Emoji.Type.UNICODE
                || event.getUserIdLong() == event.getJDA().getSelfUser().getIdLong()) {
            return;
        }
        listener.reacted(new Reaction(event.getChannel().getId(), event.getMessageId(), event.getUserId(), userName,
                event.getEmoji().getName(), added));
    }
}
