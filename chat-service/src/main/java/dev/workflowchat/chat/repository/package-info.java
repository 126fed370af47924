/**
 * Rows in PostgreSQL: Panache repositories and the few native queries (batches, the change log).
 * Depends on the entities only.
 */
package dev.workflowchat.chat.repository;
