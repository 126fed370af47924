package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void quotedArgumentsStayTogetherAsInAShell() {
        CommandLine line = CommandLine.parse("/epic \"Build login\" \"with OAuth\"  extra");
        assertThat(line.name()).isEqualTo("/epic");
        assertThat(line.args()).containsExactly("Build login", "with OAuth", "extra");
    }

    @Test
    void singleQuotesKeepDoubleQuotesInside() {
        CommandLine line = CommandLine.parse("redis-cli PUBLISH wfchat:in '{\"v\":1, \"x\":\"a b\"}'");
        assertThat(line.args()).containsExactly("PUBLISH", "wfchat:in", "{\"v\":1, \"x\":\"a b\"}");
    }

    @Test
    void theNameIsCaseInsensitiveAndEmptyInputIsHarmless() {
        assertThat(CommandLine.parse("/SPRINT Start").name()).isEqualTo("/sprint");
        assertThat(CommandLine.parse("/SPRINT Start").args()).isEqualTo(List.of("Start"));
        assertThat(CommandLine.parse("   ").name()).isEqualTo("/");
        assertThat(CommandLine.parse("/reject id \"\"").args()).containsExactly("id", "");
    }

    @org.junit.jupiter.api.Test
    void aQuoteLeftOpenIsTold() {
        org.assertj.core.api.Assertions.assertThat(CommandLine.leavesQuoteOpen("/epic \"Build login")).isTrue();
        org.assertj.core.api.Assertions.assertThat(CommandLine.leavesQuoteOpen("/epic 'it\"s")).isTrue();
        org.assertj.core.api.Assertions.assertThat(CommandLine.leavesQuoteOpen("/epic \"it's fine\"")).isFalse();
        org.assertj.core.api.Assertions.assertThat(CommandLine.leavesQuoteOpen("/sprint start")).isFalse();
        org.assertj.core.api.Assertions.assertThat(CommandLine.leavesQuoteOpen("/feedback it's great")).isFalse();
        org.assertj.core.api.Assertions.assertThat(CommandLine.parse("/feedback it's great").args()).containsExactly("it's", "great");
    }
}
