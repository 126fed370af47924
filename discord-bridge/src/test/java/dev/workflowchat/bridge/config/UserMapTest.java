package dev.workflowchat.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserMapTest {

    @Test
    void mapsDiscordUsersToWebUsers() {
        UserMap map = UserMap.parse("123=alice, 456=bob.smith,");
        assertThat(map.webUserOf("123")).contains("alice");
        assertThat(map.webUserOf("456")).contains("bob.smith");
        assertThat(map.webUserOf("789")).isEmpty();
        assertThat(UserMap.parse(null).webUserOf("123")).isEmpty();
    }

    @Test
    void findsEveryDiscordAccountOfAWebUserForMentions() {
        UserMap map = UserMap.parse("123=alice,456=bob,789=alice");
        assertThat(map.discordUsersOf("alice")).containsExactly("123", "789");
        assertThat(map.discordUsersOf("bob")).containsExactly("456");
        assertThat(map.discordUsersOf("carol")).isEmpty();
        assertThat(UserMap.parse("321=Dana").discordUsersOf("dana")).containsExactly("321");
    }

    @Test
    void malformedOrDoubleEntriesAreRefusedPlainly() {
        assertThatThrownBy(() -> UserMap.parse("alice=123")).hasMessageContaining("discord-user-id=web-username");
        assertThatThrownBy(() -> UserMap.parse("123=")).hasMessageContaining("'123='");
        assertThatThrownBy(() -> UserMap.parse("123=a,123=b")).hasMessageContaining("twice");
    }
}
