package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What typed in Discord is a command for the chat, and what is text to relay. */
class CommandTextTest {

    @Test
    void commandsAreTheirFirstWord() {
        assertThat(DiscordToWeb.isCommand("/state")).isTrue();
        assertThat(DiscordToWeb.isCommand("/approve abc123")).isTrue();
        assertThat(DiscordToWeb.isCommand("/epic \"Build login\"")).isTrue();
    }

    @Test
    void pastedPathsAndLoneSlashesAreText() {
        assertThat(DiscordToWeb.isCommand("/var/log/syslog shows the crash")).isFalse();
        assertThat(DiscordToWeb.isCommand("/")).isFalse();
        assertThat(DiscordToWeb.isCommand("/ shrug")).isFalse();
        assertThat(DiscordToWeb.isCommand("/tmp/x")).isFalse();
        assertThat(DiscordToWeb.isCommand("/123")).isFalse();
    }
}
