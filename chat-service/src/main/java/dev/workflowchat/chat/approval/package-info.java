/**
 * Human-in-the-loop approvals: its service, repository, mapping and message templates. Uses the services
 * to post its message and {@code announce} to say what was decided.
 */
package dev.workflowchat.chat.approval;
