/**
 * Agent keys: minted by admins, kept hashed, each letting one agent in through {@code /mcp} as
 * {@code agent:<name>} (never as a person), within its project, expiry and rate. May use
 * {@code config}, the entities and {@code metrics}; the security layer reads it, it reads no layer above.
 */
package dev.workflowchat.chat.keys;
