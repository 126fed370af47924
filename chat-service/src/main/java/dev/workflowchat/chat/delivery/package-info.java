/**
 * Listens on {@code wfchat:out} and {@code wfchat:state} and pushes to this replica's sockets: fan-out,
 * send buffers, typing. May use {@code repository}, {@code config} and {@code metrics}; never {@code rest}
 * or {@code websocket} (the endpoint registers its connections here).
 */
package dev.workflowchat.chat.delivery;
