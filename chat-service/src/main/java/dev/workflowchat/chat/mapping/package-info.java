/**
 * Entities to the protocol's wire views ({@code MessageView}, {@code AttachmentView}), shared by every room.
 * Depends on the entities only.
 */
package dev.workflowchat.chat.mapping;
