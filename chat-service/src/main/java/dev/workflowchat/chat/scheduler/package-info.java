/**
 * The periodic jobs (expiry, presence, retention, session upkeep): each a trigger into a service.
 */
package dev.workflowchat.chat.scheduler;
