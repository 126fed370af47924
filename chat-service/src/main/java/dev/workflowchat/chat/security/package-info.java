/**
 * Logins, sessions, password hashing, throttling and the same-origin rule.
 * May use {@code config} and the entities.
 */
package dev.workflowchat.chat.security;
