package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Hook;
import dev.workflowchat.chat.announce.RecordedChange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What webhooks say in the chat. A message is shown under the hook's bot name; a sender's
 * {@code username} is shown as "{username} (via {bot name})", with author type {@code hook}, so a
 * hook can never pass for a person or an agent whatever it calls itself. It concerns no agent
 * (mentions in it reach nobody) and carries no files.
 */
@ApplicationScoped
public class HookMessages {

    private final ChannelService channels;
    private final MessageStore store;

    public HookMessages(ChannelService channels, MessageStore store) {
        this.channels = channels;
        this.store = store;
    }

    /** Stores the hook's message; call inside the delivery's transaction and publish the change after commit. */
    public Uni<RecordedChange> store(Hook hook, String username, String content, Map<String, Object> extra) {
        Map<String, Object> metadata = new LinkedHashMap<>(extra);
        metadata.put("type", "hook");
        metadata.put("hook", hook.name);
        metadata.put("hook_kind", hook.kind);
        if (username != null) {
            metadata.put("username", username);
        }
        String shown = username == null ? hook.name : username + " (via " + hook.name + ")";
        return channels.requireWritableByHook(hook.channel)
                .chain(() -> store.store(MessageDraft.fromHook(hook.channel, hook.id.toString(), shown, content, metadata)));
    }
}
