package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.bridge.discord.ThreadName;
import org.junit.jupiter.api.Test;

class ThreadNameTest {

    @Test
    void isTheFirstLineThatSaysSomethingWithoutQuoteOrHeadingMarks() {
        assertThat(ThreadName.of("Release plan\nsecond line")).isEqualTo("Release plan");
        assertThat(ThreadName.of("> ↪ replying to https://discord.com/channels/1/2/3\n\n## Big   news  ")).isEqualTo("Big news");
        assertThat(ThreadName.of("> quoted words")).isEqualTo("quoted words");
    }

    @Test
    void isCutToDiscordsHundredCharactersOnACodePointAndNeverEmpty() {
        String name = ThreadName.of("😀".repeat(150));
        assertThat(name.codePointCount(0, name.length())).isEqualTo(100);
        assertThat(name).endsWith("…").doesNotContain("\uFFFD");
        assertThat(ThreadName.of("x".repeat(100))).hasSize(100);
        assertThat(ThreadName.of("   \n\t")).isEqualTo(ThreadName.FALLBACK);
        assertThat(ThreadName.of(null)).isEqualTo(ThreadName.FALLBACK);
    }
}
