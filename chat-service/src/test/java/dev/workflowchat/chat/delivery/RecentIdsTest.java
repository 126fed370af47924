package dev.workflowchat.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.delivery.RecentIds;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void aRepeatIsRecognisedAndTheOldestAreForgotten() {
        RecentIds ids = new RecentIds(2);
        assertThat(ids.add("a")).isTrue();
        assertThat(ids.add("a")).isFalse();
        assertThat(ids.add("b")).isTrue();
        assertThat(ids.add("c")).isTrue(); // "a" falls out: memory stays bounded
        assertThat(ids.add("b")).isFalse();
        assertThat(ids.add("a")).isTrue();
    }
}
