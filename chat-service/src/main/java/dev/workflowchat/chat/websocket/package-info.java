/**
 * The {@code /ws} endpoint: the upgrade check, per-person limits, and one route per client frame
 * into the services and features. Uses {@code delivery} to send; nothing below calls it.
 */
package dev.workflowchat.chat.websocket;
