package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SameOriginTest {

    @Test
    void shouldAcceptOnlyTheServicesOwnOriginByDefault() {
        assertThat(SameOrigin.isAllowed("http://localhost:8080", "http", "localhost:8080", List.of())).isTrue();
        assertThat(SameOrigin.isAllowed("HTTPS://Chat.Example.com", "https", "chat.example.com", List.of())).isTrue();
        assertThat(SameOrigin.isAllowed("http://localhost:9999", "http", "localhost:8080", List.of())).isFalse();
        assertThat(SameOrigin.isAllowed("https://evil.example", "https", "localhost:8080", List.of())).isFalse();
        assertThat(SameOrigin.isAllowed("null", "http", "localhost:8080", List.of())).isFalse();
        assertThat(SameOrigin.isAllowed("http://localhost:8080", "http", null, List.of())).isFalse();
    }

    @Test
    void shouldRefuseTheSameHostUnderAnotherScheme() {
        // a page served over plain http (a network attacker can write it) must not act on the https site
        assertThat(SameOrigin.isAllowed("http://chat.example.com", "https", "chat.example.com", List.of())).isFalse();
        assertThat(SameOrigin.isAllowed("https://chat.example.com", "http", "chat.example.com", List.of())).isFalse();
    }

    @Test
    void shouldAcceptExactlyTheConfiguredOrigins() {
        List<String> allowed = List.of("https://chat.example.com", " http://localhost:5173 ");
        assertThat(SameOrigin.isAllowed("https://chat.example.com", "http", "internal:8080", allowed)).isTrue();
        assertThat(SameOrigin.isAllowed("http://localhost:5173", "http", "internal:8080", allowed)).isTrue();
        assertThat(SameOrigin.isAllowed("https://chat.example.com.evil.example", "http", "internal:8080", allowed)).isFalse();
        assertThat(SameOrigin.isAllowed("http://internal:8080", "http", "internal:8080", allowed)).isFalse();
    }
}
