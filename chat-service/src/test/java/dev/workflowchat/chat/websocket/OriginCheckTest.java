package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginCheckTest {

    @Test
    void shouldAcceptOnlyTheServicesOwnOriginByDefault() {
        assertThat(OriginCheck.isAllowed("http://localhost:8080", "localhost:8080", List.of())).isTrue();
        assertThat(OriginCheck.isAllowed("HTTPS://Chat.Example.com", "chat.example.com", List.of())).isTrue();
        assertThat(OriginCheck.isAllowed("http://localhost:9999", "localhost:8080", List.of())).isFalse();
        assertThat(OriginCheck.isAllowed("https://evil.example", "localhost:8080", List.of())).isFalse();
        assertThat(OriginCheck.isAllowed("null", "localhost:8080", List.of())).isFalse();
        assertThat(OriginCheck.isAllowed("http://localhost:8080", null, List.of())).isFalse();
    }

    @Test
    void shouldAcceptExactlyTheConfiguredOrigins() {
        List<String> allowed = List.of("https://chat.example.com", " http://localhost:5173 ");
        assertThat(OriginCheck.isAllowed("https://chat.example.com", "internal:8080", allowed)).isTrue();
        assertThat(OriginCheck.isAllowed("http://localhost:5173", "internal:8080", allowed)).isTrue();
        assertThat(OriginCheck.isAllowed("https://chat.example.com.evil.example", "internal:8080", allowed)).isFalse();
        assertThat(OriginCheck.isAllowed("http://internal:8080", "internal:8080", allowed)).isFalse();
    }
}
