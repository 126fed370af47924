package dev.workflowchat.bridge.discord;

import io.quarkus.logging.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.modals.Modal;

/**
 * Discord's interactions through JDA: the approval buttons and the reason modal, and the guild's application
 * commands. Each is translated into an {@link Interaction}, the listener says how to answer (it only looks
 * things up, so the answer is within Discord's 3 s) and the answer goes back at once; the work it stands for
 * is the listener's, on its own thread.
 */
public final class JdaInteractions extends ListenerAdapter {

    /** The application commands registered in the guild (one bulk overwrite at each start). */
    public static List<SlashCommandData> commands() {
        return List.of(
                Commands.slash("approve", "Approve a pending approval in Workflow Chat")
                        .addOption(OptionType.STRING, "id", "The approval's id", true),
                Commands.slash("reject", "Reject a pending approval in Workflow Chat, saying why")
                        .addOption(OptionType.STRING, "id", "The approval's id", true)
                        .addOption(OptionType.STRING, "reason", "Why it is rejected", true),
                Commands.slash("status", "What Workflow Chat and its agents are doing"),
                Commands.slash("state", "The workflow's state, or a transition")
                        .addOption(OptionType.STRING, "args", "What follows /state, as in the web chat", false),
                Commands.slash("tdd", "The TDD cycle of the current story")
                        .addOption(OptionType.STRING, "args", "What follows /tdd, as in the web chat", false),
                Commands.slash("sprint", "The sprint: plan, start, pause, resume, end, status")
                        .addOption(OptionType.STRING, "args", "What follows /sprint, as in the web chat", false),
                Commands.slash("epic", "Add an epic, or list them")
                        .addOption(OptionType.STRING, "args", "What follows /epic, as in the web chat", false),
                Commands.slash("story", "Add, move or show a story")
                        .addOption(OptionType.STRING, "args", "What follows /story, as in the web chat", false));
    }

    /** The row of buttons under an approval request. */
    public static ActionRow buttons(ApprovalButtons buttons) {
        return ActionRow.of(
                Button.success(ApprovalButtons.APPROVE + buttons.approvalId(), "Approve"),
                Button.danger(ApprovalButtons.REJECT + buttons.approvalId(), "Reject"),
                Button.link(buttons.link(), "Open in chat"));
    }

    /** What replaces the buttons once the approval is decided: one disabled button saying how. */
    public static ActionRow decided(String approvalId, String decision) {
        String label = decision.length() > Button.LABEL_MAX_LENGTH ? decision.substring(0, Button.LABEL_MAX_LENGTH) : decision;
        return ActionRow.of(Button.secondary("wfchat:decided:" + approvalId, label).asDisabled());
    }

    private final DiscordListener listener;
    private final Predicate<String> ourGuild;
    /** Commands whose answer from the chat-service is still to show the person (a hook lives 15 minutes). */
    private final Map<String, InteractionHook> awaitingAnswer = new ConcurrentHashMap<>();
    private static final int MAX_AWAITING = 1000;

    JdaInteractions(DiscordListener listener, Predicate<String> ourGuild) {
        this.listener = listener;
        this.ourGuild = ourGuild;
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String customId = event.getComponentId();
        Interaction.Kind kind = customId.startsWith(ApprovalButtons.APPROVE) ? Interaction.Kind.APPROVE_BUTTON
                : customId.startsWith(ApprovalButtons.REJECT) ? Interaction.Kind.REJECT_BUTTON : null;
        if (kind == null || !fromOurGuild(event.getGuild())) {
            event.reply("This button is not the bridge's.").setEphemeral(true).queue();
            return;
        }
        String approvalId = customId.substring(customId.indexOf(':', "wfchat:".length()) + 1);
        InteractionAnswer answer = listener.interacted(new Interaction(event.getId(), kind, event.getChannelId(),
                event.getUser().getId(), event.getUser().getEffectiveName(), approvalId,
                kind == Interaction.Kind.APPROVE_BUTTON ? "/approve " + approvalId : null));
        switch (answer.kind()) {
            case ACCEPTED -> event.deferEdit().queue(null, failed("the deferred update"));
            case ASK_REASON -> event.replyModal(reasonModal(answer.approvalId())).queue(null, failed("the reason modal"));
            case REFUSED -> event.reply(answer.text()).setEphemeral(true).queue(null, failed("an ephemeral answer"));
        }
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        String customId = event.getModalId();
        if (!customId.startsWith(ApprovalButtons.REASON) || !fromOurGuild(event.getGuild())) {
            event.reply("This form is not the bridge's.").setEphemeral(true).queue();
            return;
        }
        String approvalId = customId.substring(ApprovalButtons.REASON.length());
        var reason = event.getValue("reason");
        String text = reason == null ? "" : reason.getAsString().strip();
        InteractionAnswer answer = listener.interacted(new Interaction(event.getId(), Interaction.Kind.REJECT_REASON,
                event.getChannelId(), event.getUser().getId(), event.getUser().getEffectiveName(), approvalId,
                "/reject " + approvalId + " " + text));
        switch (answer.kind()) {
            case ACCEPTED, ASK_REASON -> event.deferEdit().queue(null, failed("the deferred update"));
            case REFUSED -> event.reply(answer.text()).setEphemeral(true).queue(null, failed("an ephemeral answer"));
        }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!fromOurGuild(event.getGuild())) {
            event.reply("Workflow Chat's commands work in its guild only.").setEphemeral(true).queue();
            return;
        }
        StringBuilder text = new StringBuilder("/").append(event.getName());
        for (String option : List.of("id", "reason", "args")) {
            OptionMapping value = event.getOption(option);
            if (value != null && !value.getAsString().isBlank()) {
                text.append(' ').append(value.getAsString().strip());
            }
        }
        OptionMapping id = event.getOption("id");
        InteractionAnswer answer = listener.interacted(new Interaction(event.getId(), Interaction.Kind.COMMAND,
                event.getChannelId(), event.getUser().getId(), event.getUser().getEffectiveName(),
                id == null ? null : id.getAsString(), text.toString()));
        switch (answer.kind()) {
            // deferred first: the chat-service answers in the channel, in its own time
            case ACCEPTED, ASK_REASON -> {
                awaitingAnswer.values().removeIf(InteractionHook::isExpired);
                if (awaitingAnswer.size() < MAX_AWAITING) {
                    awaitingAnswer.put(event.getId(), event.getHook());
                }
                event.deferReply(true).queue(
                        hook -> hook.editOriginal(answer.text()).queue(null, failed("the edited answer")),
                        failed("the deferred reply"));
            }
            case REFUSED -> event.reply(answer.text()).setEphemeral(true).queue(null, failed("an ephemeral answer"));
        }
    }

    /** The chat-service's answer to a command, shown to the person who ran it in place of "sent"; false if unknown. */
    boolean answer(String interactionId, String content) {
        InteractionHook hook = awaitingAnswer.remove(interactionId);
        if (hook == null || hook.isExpired()) {
            return false;
        }
        String text = content.length() > 2000 ? content.substring(0, 1999) + "…" : content;
        hook.editOriginal(text).setAllowedMentions(java.util.EnumSet.noneOf(net.dv8tion.jda.api.entities.Message.MentionType.class))
                .queue(null, failed("the command's answer"));
        return true;
    }

    private boolean fromOurGuild(Guild guild) {
        return guild != null && ourGuild.test(guild.getId());
    }

    private static Modal reasonModal(String approvalId) {
        TextInput reason = TextInput.create("reason", TextInputStyle.PARAGRAPH)
                .setRequired(true)
                .setMinLength(1)
                .setMaxLength(1000)
                .build();
        return Modal.create(ApprovalButtons.REASON + approvalId, "Reject " + shortId(approvalId))
                .addComponents(Label.of("Why is it rejected?", reason))
                .build();
    }

    private static String shortId(String approvalId) {
        return approvalId.length() > 8 ? approvalId.substring(0, 8) : approvalId;
    }

    private static java.util.function.Consumer<Throwable> failed(String what) {
        return failure -> Log.warnf("Discord did not take %s of an interaction: %s", what, failure.getMessage());
    }
}
