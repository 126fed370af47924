/**
 * Incoming webhooks and GitHub hooks: their administration, the check of each request (secret,
 * signature, rate, body) and what a delivery does. Posts through the services, announces through
 * {@code announce}; the REST resources in {@code rest} call in, never the other way round.
 */
package dev.workflowchat.chat.hook;
