package dev.workflowchat.chat.bridge;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.command.CommandService;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.repository.UserRepository;
import dev.workflowchat.chat.service.AccountService;
import dev.workflowchat.chat.service.ChannelService;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.chat.service.SystemMessages;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slash commands typed in Discord ({@code bridge.command}), run as the web user the bridge maps
 * their author to; the answer is posted in the channel for everyone, Discord included.
 */
@ApplicationScoped
public class BridgeCommands {

    /** {@code metadata.type} of a posted answer. */
    public static final String RESULT_TYPE = "command_result";
    static final String FAILED = "The command could not be completed (an internal error); check whether it took effect.";

    private final CommandService commands;
    private final SystemMessages messages;
    private final UserRepository users;
    private final ChannelService channels;
    private final ProcessedEvents processedEvents;
    private final DuplicatedContexts contexts;

    public BridgeCommands(CommandService commands, SystemMessages messages, UserRepository users,
                          ChannelService channels, ProcessedEvents processedEvents, DuplicatedContexts contexts) {
        this.commands = commands;
        this.messages = messages;
        this.users = users;
        this.channels = channels;
        this.processedEvents = processedEvents;
        this.contexts = contexts;
    }

    /**
     * Claims the envelope id and checks the user and channel in one short transaction, then runs
     * the command and posts its answer without holding the caller.
     * <p>
     * The claim commits before the command runs, so no redelivery (either path, any replica, a
     * restart) can run it twice; the trade-off is that a crash after the claim loses the answer
     * message (and, if it came first, the command), never doubles the command. The caller is not
     * held either: a workflow command waits up to 5 s for a {@code command.result} that arrives on
     * the same {@code wfchat:in} subscription, which hands over one message at a time, so waiting
     * there would always time out; and the stream would stall behind it.
     */
    public Uni<BridgeService.Result> run(InboundEvent.BridgeCommand event) {
        if (!BridgeService.SOURCE.equals(event.source())) {
            return Uni.createFrom().failure(BridgeService.wrongSource(event, EventTypes.BRIDGE_COMMAND));
        }
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.BRIDGE_COMMAND)
                        .chain(first -> first ? runnerOf(event) : Uni.createFrom().<ChatUser>nullItem()))
                .map(user -> {
                    if (user == null) {
                        Log.debugf("command event %s was run before; not again", event.id());
                        return BridgeService.Result.DUPLICATE;
                    }
                    runAndAnswer(event, user);
                    return BridgeService.Result.APPLIED;
                });
    }

    /**
     * The user to run as; fails (and so un-claims) when the user or the channel is unknown, or the
     * channel is a DM (the bridge relays public channels; its answer would land in someone's DM).
     */
    private Uni<ChatUser> runnerOf(InboundEvent.BridgeCommand event) {
        if (ChannelNames.isDm(event.channel())) {
            return Uni.createFrom().failure(ProtocolException.badRequest("Discord commands run in public channels only"));
        }
        return users.findById(event.user().toLowerCase(Locale.ROOT))
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no user " + event.user()))
                .map(AccountService::toChatUser)
                .call(() -> channels.requireExisting(event.channel()));
    }

    /** Each step on a fresh context: the answer to a workflow command completes on another's thread. */
    private void runAndAnswer(InboundEvent.BridgeCommand event, ChatUser user) {
        contexts.run(() -> commands.run(user, event.id(), event.text(), event.channel()))
                .onFailure().recoverWithItem(failure -> failed(event, failure))
                .chain(result -> contexts.run(() -> messages.post(event.channel(),
                        answer(user, event.text(), result), metadata(user, event, result))))
                .subscribe().with(
                        posted -> Log.debugf("command event %s answered as message %s", event.id(), posted.messageId()),
                        failure -> Log.warnf("command event %s ran, but its answer could not be posted (%s)",
                                event.id(), failure.getMessage()));
    }

    private static ServerFrame.CommandResult failed(InboundEvent.BridgeCommand event, Throwable failure) {
        String message = failure instanceof ProtocolException ? "⚠️ " + failure.getMessage() : FAILED;
        if (!(failure instanceof ProtocolException)) {
            Log.errorf(failure, "command event %s failed", event.id());
        }
        return new ServerFrame.CommandResult(event.id(), false, message, null, null, List.of());
    }

    /** What everyone reads: who ran what, the answer, and the hint in italics. */
    static String answer(ChatUser user, String text, ServerFrame.CommandResult result) {
        String name = user.displayName() == null || user.displayName().isBlank() ? user.username() : user.displayName();
        StringBuilder content = new StringBuilder()
                .append("**").append(name).append("** ran ").append(inlineCode(text)).append(" from Discord:\n\n")
                .append(result.message() == null ? "" : result.message().strip());
        if (result.hint() != null && !result.hint().isBlank()) {
            content.append("\n\n*").append(result.hint().strip()).append('*');
        }
        return content.length() <= Limits.MAX_CONTENT_CHARS ? content.toString()
                : content.substring(0, Limits.MAX_CONTENT_CHARS - 1) + "…";
    }

    private static Map<String, Object> metadata(ChatUser user, InboundEvent.BridgeCommand event,
                                                ServerFrame.CommandResult result) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", RESULT_TYPE);
        metadata.put("command", event.text());
        metadata.put("user", user.username());
        metadata.put("ok", result.ok());
        metadata.put("external_id", event.externalId());
        return metadata;
    }

    /** Markdown inline code that survives backticks in the text: a longer fence, padded. */
    static String inlineCode(String text) {
        if (text.indexOf('`') < 0) {
            return "`" + text + "`";
        }
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return fence + " " + text + " " + fence;
    }
}
