package dev.workflowchat.bridge.discord;

/** What happens on Discord, handed to the bridge. Called on the client's own threads: translate and hand over. */
public interface DiscordListener {

    /** The gateway is (again) connected: a fresh session or a resumed one after an outage. */
    void connected(boolean resumed);

    void created(DiscordMessage message);

    void edited(DiscordMessage message);

    void deleted(String channelId, String messageId);

    /** Someone (not the bot) added or removed a standard emoji reaction. */
    void reacted(Reaction reaction);

    /** A button, the reason modal or a command was used; answer at once (Discord waits 3 s), hand the work over. */
    InteractionAnswer interacted(Interaction interaction);
}
