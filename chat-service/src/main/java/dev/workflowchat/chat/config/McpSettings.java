package dev.workflowchat.chat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Agent keys and the MCP server ({@code wfchat.mcp.*}). */
public interface McpSettings {

    /** Requests one agent key may make a minute (every replica counts together, in Redis); more: 429 with Retry-After. */
    @WithDefault("600")
    int requestsPerMinute();

    /** How long request_approval and await_decision wait for a decision when the agent does not say (wait_s). */
    @WithDefault("120s")
    Duration defaultWait();

    /** The longest wait_s an agent may ask for; more is refused as a tool error. */
    @WithDefault("600s")
    Duration maxWait();

    /** How long approval_prompt waits for a person before it denies (the request stays pending). */
    @WithDefault("600s")
    Duration promptWait();

    /**
     * The risk of a coding agent's tool call, by tool name ({@code Tool=risk}); a tool not named is
     * {@link #unknownToolRisk()}. Bash commands that match {@link #criticalCommands()} are critical.
     */
    @WithDefault("Read=low,Grep=low,Glob=low,LS=low,TodoWrite=low,WebSearch=low,WebFetch=medium,Edit=medium,"
            + "MultiEdit=medium,Write=medium,NotebookEdit=medium,Bash=high")
    List<String> toolRisks();

    /** The risk of a tool the table does not name. */
    @WithDefault("high")
    String unknownToolRisk();

    /**
     * A Bash command matching this (a Java regular expression, searched anywhere in it, case ignored)
     * is critical. Unset: {@link #DEFAULT_CRITICAL_COMMANDS}; kept out of the annotation, whose
     * value the operations table could not hold (it has the table's column bar in it).
     */
    Optional<String> criticalCommands();

    /** Recursive deletes, pushes and downloads piped into a shell. */
    String DEFAULT_CRITICAL_COMMANDS = "rm +-[a-zA-Z]*(rf|fr)|rm +-r +-f|git +push|(curl|wget)[^|]*[|] *(sudo +)?(ba|z)?sh";
}
