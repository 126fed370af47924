/**
 * Vert.x routes around the REST layer: security headers, cross-site refusals, malformed multipart answers.
 */
package dev.workflowchat.chat.web;
