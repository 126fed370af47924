/**
 * What the Discord bridge relays ({@code bridge.*}): Discord messages, edits, deletes and commands,
 * each applied once. Uses the services and {@code command}.
 */
package dev.workflowchat.chat.bridge;
