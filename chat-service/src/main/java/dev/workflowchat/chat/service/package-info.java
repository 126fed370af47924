/**
 * The chat's writing and reading: people's, agents' and the system's messages, reactions, pins,
 * channels, history, presence, accounts. Each write commits, then hands the change to {@code announce}.
 * May use {@code repository}, {@code mapping}, {@code upload}, {@code security}, {@code config}.
 */
package dev.workflowchat.chat.service;
