package dev.workflowchat.chat.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /q/metrics shows what an operator watches: sockets, deliveries by source, fan-out latency, commands. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChatMetricsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theChatsOwnMetricsAreExposed() {
        String token = Accounts.member("watched").token();
        try (ChatClient client = ChatClient.connect(base, token)) {
            String id = client.post("general", "counted");
            client.awaitFrame(ChatClient.created(id));
            client.awaitAnswer(client.send("message.send", "channel", "general", "content", "/help"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics())
                    .containsPattern("wfchat_websocket_connections(\\{[^}]*\\})? [1-9]")
                    .containsPattern("wfchat_messages_delivered_total\\{[^}]*source=\"web\"[^}]*\\} [1-9]")
                    .contains("wfchat_fanout_latency_seconds_bucket")
                    .containsPattern("wfchat_messages_in_total\\{[^}]*source=\"web\"[^}]*\\} [1-9]")
                    .containsPattern("wfchat_events_out_total\\{[^}]*type=\"message.created\"[^}]*\\} [1-9]")
                    .containsPattern("wfchat_command_latency_seconds_count\\{[^}]*command=\"/help\"[^}]*\\} [1-9]"));
        }
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
