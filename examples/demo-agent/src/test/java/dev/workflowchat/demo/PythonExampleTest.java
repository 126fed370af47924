package dev.workflowchat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Python example can't run here (no PyPI); at least it must speak the contract's names. */
class PythonExampleTest {

    private static final Path EXAMPLE = Path.of("../python/agent.py");

    @Test
    void shouldUseTheContractsStreamsTypesAndField() throws Exception {
        String source = Files.readString(EXAMPLE);
        RedisNames names = new RedisNames("PREFIX");

        assertThat(source)
                .contains("PREFIX + \"" + names.inStream().substring("PREFIX".length()) + "\"")
                .contains("PREFIX + \":agent:\" + AGENT + \":stream\"")
                .contains("\"" + EventTypes.AGENT_MESSAGE + "\"", "\"" + EventTypes.AGENT_STATUS + "\"",
                        "\"" + EventTypes.APPROVAL_REQUEST + "\"", "\"" + EventTypes.APPROVAL_DECIDED + "\"",
                        "\"" + EventTypes.AGENT_DIRECT + "\"")
                .contains("{\"event\": envelope(", "fields[\"event\"]")
                .contains("\"v\": 1", "\"source\": \"agent:\" + AGENT")
                .contains("r.xread(", "block=")
                .contains("QUARKUS_REDIS_HOSTS", "WFCHAT_REDIS_PREFIX", "pip install redis");
        assertThat(names.agentStream("AGENT")).isEqualTo("PREFIX:agent:AGENT:stream");
    }
}
