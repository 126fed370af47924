package dev.workflowchat.chat.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Bridge;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe stored 10 × 10 MB in 4 s. With small limits of this profile's own: so many files a
 * minute, so many bytes not yet sent in a message, so many a day; the bridge's account, which
 * re-hosts everyone's Discord files, is not held to a person's quota.
 */
@QuarkusTest
@TestProfile(UploadQuotaTest.SmallQuota.class)
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UploadQuotaTest {

    @TestHTTPResource("/")
    URI base;

    /** 5 files a minute, 3 KB unsent, 6 KB a day. */
    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wfchat.uploads.per-minute", "5",
                    "wfchat.uploads.unattached-max-bytes", "3000",
                    "wfchat.uploads.daily-max-bytes", "6000");
        }
    }

    @Test
    void filesAMinuteAreLimited() {
        SignedIn person = Accounts.member("burst");
        for (int i = 0; i < 5; i++) {
            String id = Uploads.uploaded(person.token(), "f" + i + ".txt", Uploads.text("x"));
            send(person, id);
        }
        Uploads.upload(person.token(), "f5.txt", Uploads.text("x"), "text/plain").then().statusCode(429)
                .body("code", equalTo("rate_limited")).body("detail", org.hamcrest.Matchers.containsString("a minute"));
    }

    @Test
    void bytesNotYetSentAndBytesADayAreLimited() {
        SignedIn person = Accounts.member("hoarder");
        byte[] kilobyteAndAHalf = Uploads.text("y".repeat(1500));
        String first = Uploads.uploaded(person.token(), "a.txt", kilobyteAndAHalf);
        Uploads.uploaded(person.token(), "b.txt", kilobyteAndAHalf);
        Uploads.upload(person.token(), "c.txt", kilobyteAndAHalf, "text/plain").then().statusCode(429)
                .body("detail", org.hamcrest.Matchers.containsString("not yet sent"));
        // sending one makes room, up to the day's
        send(person, first);
        String third = Uploads.uploaded(person.token(), "c.txt", kilobyteAndAHalf);
        send(person, third);
        send(person, Uploads.uploaded(person.token(), "d.txt", Uploads.text("z".repeat(1400))));
        Uploads.upload(person.token(), "e.txt", kilobyteAndAHalf, "text/plain").then().statusCode(429)
                .body("detail", org.hamcrest.Matchers.containsString("a day"));
        // another person is not held up
        Uploads.uploaded(Accounts.member("someone").token(), "f.txt", kilobyteAndAHalf);
    }

    @Test
    void theBridgesAccountIsNotHeldToAPersonsQuota() {
        SignedIn bridge = Bridge.account();
        for (int i = 0; i < 6; i++) {
            Uploads.uploaded(bridge.token(), "discord-" + i + ".txt", Uploads.text("r".repeat(1500)));
        }
        assertThat(Uploads.upload(bridge.token(), "more.txt", Uploads.text("r"), "text/plain").statusCode()).isEqualTo(201);
    }

    private void send(SignedIn person, String upload) {
        try (ChatClient client = ChatClient.connect(base, person.token())) {
            client.awaitAck(client.send("message.send", "channel", "general", "content", "",
                    "attachment_ids", List.of(upload)));
        }
    }
}
