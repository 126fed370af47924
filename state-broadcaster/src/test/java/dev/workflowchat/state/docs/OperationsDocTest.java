package dev.workflowchat.state.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.infra.ConfigKeys;
import dev.workflowchat.infra.OperationsDoc;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/operations.md names every state-broadcaster key, with its default, and nothing that isn't one. */
class OperationsDocTest {

    @Test
    void everyKeyIsDocumentedWithItsDefaultAndEveryDocumentedKeyIsReal() {
        Map<String, String> real = ConfigKeys.of(StateConfig.class);
        Map<String, String> documented = OperationsDoc.keysOf("state-broadcaster");
        assertThat(documented).containsKeys(real.keySet().toArray(String[]::new));
        real.forEach((key, fallback) -> {
            if (fallback != null) {
                assertThat(documented.get(key)).as(key).contains(fallback);
            }
        });
        assertThat(documented.keySet()).filteredOn(key -> key.startsWith("WFCHAT_")).allMatch(real::containsKey);
    }
}
