/**
 * Slash commands: parsing, completion, the workflow commands sent to the state-broadcaster and their
 * answers, /assign. Uses the services, {@code approval} and {@code announce}.
 */
package dev.workflowchat.chat.command;
