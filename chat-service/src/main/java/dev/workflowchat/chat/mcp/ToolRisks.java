package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.config.ChatConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The risk of a coding agent's tool call, from the configured table ({@code wfchat.mcp.tool-risks}):
 * reading is low, editing medium, a shell command high, and one that deletes recursively, pushes or
 * pipes a download into a shell ({@code wfchat.mcp.critical-commands}) critical. Also what of the
 * call a standing rule's command prefix is matched against.
 */
@ApplicationScoped
public class ToolRisks {

    static final String SHELL = "Bash";
    private static final List<String> RISKS = List.of("low", "medium", "high", "critical");
    /** The input fields that say what a tool acts on, in the order they are looked for. */
    private static final List<String> TARGETS = List.of("command", "file_path", "notebook_path", "path", "pattern", "url",
            "query");

    private final Map<String, String> byTool = new HashMap<>();
    private final String unknown;
    private final Pattern critical;

    @jakarta.inject.Inject
    public ToolRisks(ChatConfig config) {
        this(config.mcp().toolRisks(), config.mcp().unknownToolRisk(), config.mcp().criticalCommands()
                .orElse(dev.workflowchat.chat.config.McpSettings.DEFAULT_CRITICAL_COMMANDS));
    }

    ToolRisks(List<String> table, String unknownRisk, String criticalCommands) {
        for (String entry : table) {
            String[] parts = entry.split("=", 2);
            if (parts.length == 2 && RISKS.contains(parts[1].strip().toLowerCase(Locale.ROOT))) {
                byTool.put(parts[0].strip(), parts[1].strip().toLowerCase(Locale.ROOT));
            } else {
                Log.warnf("wfchat.mcp.tool-risks entry '%s' is not Tool=low|medium|high|critical; ignored", entry);
            }
        }
        this.unknown = RISKS.contains(unknownRisk) ? unknownRisk : "high";
        this.critical = Pattern.compile(criticalCommands, Pattern.CASE_INSENSITIVE);
    }

    String riskOf(String tool, Map<String, Object> input) {
        if (SHELL.equals(tool) && input.get("command") instanceof String command && critical.matcher(command).find()) {
            return "critical";
        }
        return byTool.getOrDefault(tool, unknown);
    }

    /**
     * What a standing rule's {@code command_prefix} is matched against: a shell call's command
     * itself ({@code npm test}), any other call as the tool and what it acts on ({@code Edit src/App.java}).
     */
    static String commandOf(String tool, Map<String, Object> input) {
        if (SHELL.equals(tool) && input.get("command") instanceof String command) {
            return bounded(command.strip());
        }
        for (String field : TARGETS) {
            if (input.get(field) instanceof String target && !target.isBlank()) {
                return bounded(tool + " " + target.strip());
            }
        }
        return tool;
    }

    private static String bounded(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000);
    }
}
