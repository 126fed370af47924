package dev.workflowchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelNamesTest {

    @Test
    void shouldAcceptLowerCaseNamesOnly() {
        assertThat(ChannelNames.isValidChannel("general")).isTrue();
        assertThat(ChannelNames.isValidChannel("release-2_0")).isTrue();
        assertThat(ChannelNames.isValidChannel("General")).isFalse();
        assertThat(ChannelNames.isValidChannel("../etc")).isFalse();
        assertThat(ChannelNames.isValidChannel("")).isFalse();
        assertThat(ChannelNames.isValidChannel(null)).isFalse();
        assertThat(ChannelNames.isValidChannel("x".repeat(65))).isFalse();
    }

    @Test
    void shouldJoinAgentsAndTheirDmChannels() {
        assertThat(ChannelNames.dm("code")).isEqualTo("dm:code");
        assertThat(ChannelNames.agentOfDm("dm:code")).contains("code");
        assertThat(ChannelNames.agentOfDm("dm:")).isEmpty();
        assertThat(ChannelNames.agentOfDm("general")).isEmpty();
        assertThat(ChannelNames.isValidChannelOrDm("dm:qa")).isTrue();
        assertThat(ChannelNames.isValidChannelOrDm("dm:Q A")).isFalse();
        assertThatThrownBy(() -> ChannelNames.dm("no spaces")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldNameRedisChannelsUnderThePrefix() {
        RedisNames names = new RedisNames("wfchat");
        assertThat(names.in()).isEqualTo("wfchat:in");
        assertThat(names.inStream()).isEqualTo("wfchat:in:stream");
        assertThat(names.outStream()).isEqualTo("wfchat:out:stream");
        assertThat(names.agentStream("code")).isEqualTo("wfchat:agent:code:stream");
        assertThat(names.stateStream()).isEqualTo("wfchat:state:stream");
        assertThat(names.stateCommands()).isEqualTo("wfchat:state:commands");
        assertThat(names.stateSnapshot("default")).isEqualTo("wfchat:state:snapshot:default");
        assertThat(names.deadletter()).isEqualTo("wfchat:deadletter");
    }
}
