package dev.workflowchat.chat.command;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.service.PresenceService;
import dev.workflowchat.protocol.model.AgentPresence;
import dev.workflowchat.protocol.model.Agents;
import dev.workflowchat.protocol.model.ApprovalView;
import dev.workflowchat.protocol.model.CommandCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Autocomplete for a partial slash command, from the command catalog and what the chat knows now. */
@ApplicationScoped
public class Completions {

    private static final int MAX = 20;
    /** What only approvers and admins may run: nobody else is offered them, so no one is shown a hint they can't use. */
    private static final Set<String> FOR_DECIDERS = Set.of("/approve", "/reject", "/rules");

    /** One suggestion, as the {@code completions} frame carries it. */
    public record Item(String text, String description, String usage) {
    }

    private final PresenceService presence;
    private final ApprovalService approvals;

    public Completions(PresenceService presence, ApprovalService approvals) {
        this.presence = presence;
        this.approvals = approvals;
    }

    /** What {@code user} may go on to type after {@code text}. */
    public Uni<List<Item>> complete(ChatUser user, String text) {
        if (!text.startsWith("/")) {
            return Uni.createFrom().item(List.of());
        }
        boolean decides = user.canDecideApprovals();
        int space = text.indexOf(' ');
        if (space < 0) {
            return Uni.createFrom().item(CommandCatalog.ALL.stream()
                    .filter(command -> decides || !FOR_DECIDERS.contains(command.name()))
                    .filter(command -> command.name().startsWith(text.toLowerCase(java.util.Locale.ROOT)))
                    .map(command -> new Item(command.name(), command.description(), command.usage()))
                    .limit(MAX)
                    .toList());
        }
        String name = text.substring(0, space).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(space + 1);
        String partial = rest.contains(" ") ? rest.substring(rest.lastIndexOf(' ') + 1) : rest;
        String prefix = text.substring(0, text.length() - partial.length());
        if (!decides && FOR_DECIDERS.contains(name)) {
            return Uni.createFrom().item(List.of());
        }
        return switch (name) {
            case "/assign" -> rest.contains(" ") ? Uni.createFrom().item(List.of()) : agents().map(names -> items(prefix, partial, names, "agent"));
            case "/approve", "/reject" -> approvals.list(Approval.PENDING)
                    .map(pending -> items(prefix, partial, pending.stream().map(ApprovalView::approvalId).toList(), "pending approval"));
            case "/help" -> Uni.createFrom().item(items(prefix, partial, CommandCatalog.ALL.stream()
                    .filter(command -> decides || !FOR_DECIDERS.contains(command.name()))
                    .map(command -> command.name().substring(1)).toList(), "command"));
            default -> Uni.createFrom().item(CommandCatalog.find(name)
                    .filter(command -> !rest.contains(" "))
                    .map(command -> items(prefix, partial, command.subcommands(), command.description()))
                    .orElse(List.of()));
        };
    }

    private Uni<List<String>> agents() {
        return presence.all().map(known -> {
            TreeSet<String> names = new TreeSet<>(Agents.KNOWN.keySet());
            known.stream().map(AgentPresence::agent).forEach(names::add);
            return new ArrayList<>(names);
        });
    }

    private static List<Item> items(String prefix, String partial, List<String> candidates, String description) {
        return candidates.stream()
                .filter(candidate -> candidate.startsWith(partial))
                .map(candidate -> new Item(prefix + candidate, description, null))
                .limit(MAX)
                .toList();
    }
}
