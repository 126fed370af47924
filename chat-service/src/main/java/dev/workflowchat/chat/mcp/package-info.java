/**
 * The MCP server at {@code /mcp}: tools and resources an agent uses with its agent key, each a thin
 * call into the same services the agent's Redis way in reaches. Uses the services, {@code approval},
 * {@code command}, {@code announce} (for the state-broadcaster's way in) and {@code delivery}'s
 * decisions; nothing below calls it.
 */
package dev.workflowchat.chat.mcp;
