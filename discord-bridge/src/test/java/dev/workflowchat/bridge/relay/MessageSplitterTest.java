package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void aShortMessageIsOnePart() {
        assertThat(MessageSplitter.split("hello")).containsExactly("hello");
    }

    @Test
    void aLongMessageIsCutAtLineBreaksWithinTheLimit() {
        String text = ("line of text number\n").repeat(300);
        List<String> parts = MessageSplitter.split(text);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(2000));
        assertThat(String.join("\n", parts).replace("\n", "")).isEqualTo(text.replace("\n", ""));
    }

    @Test
    void aCutInsideACodeBlockClosesAndReopensTheFence() {
        String code = "```java\n" + "int x = 1;\n".repeat(400) + "```\nafter";
        List<String> parts = MessageSplitter.split(code);
        assertThat(parts).hasSizeGreaterThan(1);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(2000);
            long fences = part.lines().filter(line -> line.strip().startsWith("```")).count();
            assertThat(fences % 2).as("every part has balanced fences:\n" + part).isZero();
        }
        assertThat(parts.get(1)).startsWith("```java\n");
        assertThat(parts.get(parts.size() - 1)).endsWith("after");
    }

    @Test
    void aWordLongerThanTheLimitIsCutHard() {
        String word = "x".repeat(4500);
        List<String> parts = MessageSplitter.split(word);
        assertThat(parts).hasSize(3);
        assertThat(String.join("", parts)).isEqualTo(word);
    }
}
