package dev.workflowchat.state.service;

/**
 * Fired (CDI) once, when this state-broadcaster has become the leader and claimed the record's
 * fence ({@code token}): its ways in open now, never on a standby (a person's command heard by a
 * standby would be counted as heard, and never applied).
 */
public record TookTheLead(long token) {
}
