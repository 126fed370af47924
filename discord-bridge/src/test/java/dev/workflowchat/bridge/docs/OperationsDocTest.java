package dev.workflowchat.bridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.bridge.config.DiscordConfig;
import dev.workflowchat.infra.ConfigKeys;
import dev.workflowchat.infra.OperationsDoc;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/operations.md names every bridge key, with its default, and nothing that isn't one. */
class OperationsDocTest {

    @Test
    void everyKeyIsDocumentedWithItsDefaultAndEveryDocumentedKeyIsReal() {
        Map<String, String> real = new HashMap<>(ConfigKeys.of(BridgeConfig.class));
        real.putAll(ConfigKeys.of(DiscordConfig.class));
        Map<String, String> documented = OperationsDoc.keysOf("discord-bridge");
        assertThat(documented).containsKeys(real.keySet().toArray(String[]::new));
        real.forEach((key, fallback) -> {
            if (fallback != null) {
                assertThat(documented.get(key)).as(key).contains(fallback);
            }
        });
        assertThat(documented.keySet()).filteredOn(key -> key.startsWith("WFCHAT_") || key.startsWith("DISCORD_"))
                .allMatch(real::containsKey);
    }
}
