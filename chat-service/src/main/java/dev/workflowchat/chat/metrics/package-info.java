/**
 * The chat-service's Micrometer meters; used by every room, uses none.
 */
package dev.workflowchat.chat.metrics;
