/**
 * What runs once at start: the first admin, deployment-safety checks, a pool-timer workaround.
 */
package dev.workflowchat.chat.startup;
