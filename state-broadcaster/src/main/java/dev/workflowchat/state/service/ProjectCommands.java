package dev.workflowchat.state.service;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.state.machine.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The commands about projects themselves: {@code /project create|archive} change one project
 * (the one they name, not the one they were typed in); {@code /project list|show} and
 * {@code /projects} only read ({@link ProjectDirectory}).
 */
final class ProjectCommands {

    static final String USAGE = "/project create <name> [\"description\"] · /project list · /project show [name] · "
            + "/project archive <name> · /project bind <name> (in the channel) · /projects";
    static final int DESCRIPTION_MAX = 500;
    static final String AGENTS_MAY_NOT = "Only admins and approvers create or archive projects; an agent can't.";

    private ProjectCommands() {
    }

    static boolean isProjectCommand(InboundEvent event) {
        return event instanceof InboundEvent.CommandInvoke invoke
                && ("/project".equals(invoke.command()) || "/projects".equals(invoke.command()));
    }

    /** Whether the command only reads (answered by the directory, nothing is recorded). */
    static boolean reads(InboundEvent.CommandInvoke invoke) {
        return "/projects".equals(invoke.command()) || !List.of("create", "archive").contains(action(invoke));
    }

    static String action(InboundEvent.CommandInvoke invoke) {
        return invoke.args().isEmpty() ? "" : invoke.args().get(0).toLowerCase(Locale.ROOT);
    }

    /** The project a changing command is about: the name it gives, when that is a project name. */
    static Optional<String> target(InboundEvent.CommandInvoke invoke) {
        return invoke.args().size() >= 2 && ChannelNames.isValidProject(invoke.args().get(1))
                ? Optional.of(invoke.args().get(1)) : Optional.empty();
    }

    /** Why a changing command can't run as typed, or empty when it can. */
    static Optional<String> problem(InboundEvent.CommandInvoke invoke, String defaultProject) {
        String action = action(invoke);
        List<String> args = invoke.args();
        if ("create".equals(action)) {
            if (args.size() < 2 || args.size() > 3) {
                return Optional.of("Name the project: /project create <name> [\"description\"]");
            }
            if (!ChannelNames.isValidProject(args.get(1))) {
                return Optional.of("A project's name is lower-case letters, digits, - and _, up to 64 characters.");
            }
            if (args.size() == 3 && (args.get(2).length() > DESCRIPTION_MAX
                    || args.get(2).chars().anyMatch(Character::isISOControl))) {
                return Optional.of("A project's description is one line of at most " + DESCRIPTION_MAX + " characters.");
            }
            return Optional.empty();
        }
        if (args.size() != 2 || !ChannelNames.isValidProject(args.get(1))) {
            return Optional.of("Name the project: /project archive <name>");
        }
        return args.get(1).equals(defaultProject) ? Optional.of("The default project can't be archived.") : Optional.empty();
    }

    /** Applies {@code /project create|archive} to its project (held in the lane, like any change). */
    static Outcome apply(Project project, InboundEvent.CommandInvoke invoke) {
        String name = project.machine().project();
        if ("create".equals(action(invoke))) {
            if (project.exists()) {
                return Outcome.refused("Project " + name + " exists already.", USAGE);
            }
            project.exists(true);
            project.description(invoke.args().size() == 3 ? invoke.args().get(2).strip() : null);
            return Outcome.answered("Project **" + name + "** created. Bind a channel to it with /project bind " + name
                    + " in that channel.");
        }
        if (!project.exists()) {
            return Outcome.refused("No project " + name + ".", USAGE);
        }
        if (project.archived()) {
            return Outcome.refused("Project " + name + " is archived already.", USAGE);
        }
        project.archived(true);
        return Outcome.answered("Project **" + name + "** archived: its record is kept, and it takes no more commands.");
    }
}
