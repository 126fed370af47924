package dev.workflowchat.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolProducersTest {

    @Test
    void shouldRefuseAPrefixWithoutAHashTagOnARedisCluster() {
        assertThatThrownBy(() -> ProtocolProducers.names("wfchat", "cluster"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{wfchat}");
        assertThatThrownBy(() -> ProtocolProducers.names("{}wfchat", "CLUSTER")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldTakeAHashTagPrefixOnAClusterAndAnyPrefixElsewhere() {
        assertThat(ProtocolProducers.names("{wfchat}", "cluster").inStream()).isEqualTo("{wfchat}:in:stream");
        assertThat(ProtocolProducers.names("wfchat", "standalone").inStream()).isEqualTo("wfchat:in:stream");
        assertThat(ProtocolProducers.names("wfchat", "sentinel").inStream()).isEqualTo("wfchat:in:stream");
        assertThat(ProtocolProducers.names("{wfchat}", "standalone").inStream()).isEqualTo("{wfchat}:in:stream");
    }
}
