package dev.workflowchat.chat.command;

import dev.workflowchat.protocol.model.CommandCatalog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The texts of /help, rendered with Qute from the one command catalog. */
final class CommandTexts {

    @CheckedTemplate(basePath = "commands")
    static class Templates {
        static native TemplateInstance help(List<CommandCatalog.Command> commands);

        static native TemplateInstance helpOne(CommandCatalog.Command command);
    }

    private CommandTexts() {
    }

    static String help() {
        return Templates.help(CommandCatalog.ALL).render().strip();
    }

    static String help(CommandCatalog.Command command) {
        return Templates.helpOne(command).render().strip();
    }
}
