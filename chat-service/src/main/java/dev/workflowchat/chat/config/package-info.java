/**
 * The chat-service's settings ({@code wfchat.*}); used by every room, uses none.
 */
package dev.workflowchat.chat.config;
