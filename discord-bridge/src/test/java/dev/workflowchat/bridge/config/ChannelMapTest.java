package dev.workflowchat.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelMapTest {

    @Test
    void mapsBothWaysAndIgnoresTheUnmapped() {
        ChannelMap map = ChannelMap.parse(" general=123 , workflow=456,");
        assertThat(map.discordChannelOf("general")).contains("123");
        assertThat(map.webChannelOf("456")).contains("workflow");
        assertThat(map.discordChannelOf("random")).isEmpty();
        assertThat(map.webChannelOf("999")).isEmpty();
    }

    @Test
    void nothingConfiguredMapsNothing() {
        assertThat(ChannelMap.parse(null).isEmpty()).isTrue();
        assertThat(ChannelMap.parse("").isEmpty()).isTrue();
    }

    @Test
    void malformedOrDoubleEntriesAreRefusedPlainly() {
        assertThatThrownBy(() -> ChannelMap.parse("general")).hasMessageContaining("'general'");
        assertThatThrownBy(() -> ChannelMap.parse("general=abc")).hasMessageContaining("web-channel=discord-channel-id");
        assertThatThrownBy(() -> ChannelMap.parse("general=1,general=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ChannelMap.parse("a=1,b=1")).hasMessageContaining("twice");
    }
}
