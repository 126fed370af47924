/**
 * The chat-service: messages, channels and approvals in PostgreSQL, native WebSockets to browsers.
 * This package holds the entities and the rules every room shares ({@link dev.workflowchat.chat.ChannelAccess}).
 */
package dev.workflowchat.chat;
