/**
 * Notifications to people's devices: their notification preferences (kept per person, so they
 * follow them to every device), their devices' Web Push subscriptions, and the pushes sent after a
 * committed change that concerns them (an approval they can decide, a mention, a message in their
 * DM). May use {@code announce/} (what was committed) and the repositories; nothing uses it but
 * {@code rest/}.
 */
package dev.workflowchat.chat.push;
