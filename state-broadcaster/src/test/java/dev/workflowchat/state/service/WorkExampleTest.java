package dev.workflowchat.state.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.state.machine.WorkItems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The snapshot's {@code work} example in docs/protocol.md is what the service reads and writes, field for field. */
class WorkExampleTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(\\{\"work\".*?)\\n```", Pattern.DOTALL);

    @Test
    void theDocumentedWorkPartReadsBackAsWritten() throws Exception {
        Matcher block = JSON_BLOCK.matcher(Files.readString(Path.of("..", "docs", "protocol.md")));
        assertThat(block.find()).as("a ```json block starting {\"work\" in docs/protocol.md").isTrue();
        JsonNode example = ProtocolJson.mapper().readTree(block.group(1));
        WorkItems items = new WorkItems();
        WorkItemsJson.restore(items, example);
        assertThat(items.epics()).hasSize(1);
        assertThat(items.story("s1")).isPresent();
        assertThat(WorkItemsJson.of(items)).isEqualTo(example.path("work"));
    }
}
