/**
 * The REST resources under {@code /api}, their problem mappers and body limits: thin, each a call
 * into a service or feature. Nothing below calls them.
 */
package dev.workflowchat.chat.rest;
