/**
 * The one way a committed change leaves the service: committed, then announced on Redis
 * ({@link dev.workflowchat.chat.announce.ChangePublisher}), kept in order through an outage. The only user of
 * Redis publishing (PUBLISH, XADD); may use {@code repository} and {@code config}, nothing that calls it.
 */
package dev.workflowchat.chat.announce;
