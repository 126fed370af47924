/**
 * Uploaded files: storage, quotas, types, thumbnails, and attaching them to messages. Its own repository;
 * may use the shared {@code repository}, {@code mapping} and {@code config}.
 */
package dev.workflowchat.chat.upload;
