/**
 * Turns what arrives on {@code wfchat:in} (the streams, pub/sub, agents' own ways) into service calls:
 * the consumers, the batch, the event processor and dead letters. May use the services and features;
 * never {@code rest}, {@code websocket} or {@code delivery}.
 */
package dev.workflowchat.chat.inbound;
