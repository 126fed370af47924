package dev.workflowchat.bridge.fake;

/** A file as it travels to or from the fake: what a person attaches, or what a webhook uploads. */
public record FakeFile(String name, String contentType, byte[] bytes) {
}
