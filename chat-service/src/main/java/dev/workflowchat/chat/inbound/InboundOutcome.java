package dev.workflowchat.chat.inbound;

/** How an inbound payload ended; IGNORED: valid, but about something unknown here, so it changed nothing. */
public enum InboundOutcome { APPLIED, DUPLICATE, IGNORED, DEAD_LETTERED }
