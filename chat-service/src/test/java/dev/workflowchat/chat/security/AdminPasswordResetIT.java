package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.TestRun;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A forgotten admin password: the admin is made once, and a later start with another password
 * changes nothing, unless the operator asks for a reset; then the new password holds and the old
 * sessions end.
 */
class AdminPasswordResetIT {

    private static final String NEW_PASSWORD = "a-new-admin-password";

    @Test
    void shouldSetTheAdminsPasswordAgainOnlyWhenAskedAndEndTheirSessions() throws Exception {
        try (TestRun run = TestRun.start()) {
            String oldSession;
            try (ChatServiceProcess first = ChatServiceProcess.start("admin-made", run, run.redis(), Map.of())) {
                oldSession = Accounts.on(first.base()).signInAdmin().token();
            }

            // another password without the reset: the admin keeps theirs
            try (ChatServiceProcess again = ChatServiceProcess.start("admin-kept", run, run.redis(),
                    Map.of("WFCHAT_ADMIN_PASSWORD", NEW_PASSWORD))) {
                Accounts accounts = Accounts.on(again.base());
                assertThat(status(accounts, NEW_PASSWORD)).isEqualTo(401);
                assertThat(status(accounts, TestServices.ADMIN_PASSWORD)).isEqualTo(200);
                assertThat(accounts.request().auth().oauth2(oldSession).get("/api/me").statusCode()).isEqualTo(200);
            }

            try (ChatServiceProcess reset = ChatServiceProcess.start("admin-reset", run, run.redis(),
                    Map.of("WFCHAT_ADMIN_PASSWORD", NEW_PASSWORD, "WFCHAT_ADMIN_RESET_PASSWORD", "true"))) {
                Accounts accounts = Accounts.on(reset.base());
                assertThat(status(accounts, TestServices.ADMIN_PASSWORD)).isEqualTo(401);
                assertThat(status(accounts, NEW_PASSWORD)).isEqualTo(200);
                assertThat(accounts.request().auth().oauth2(oldSession).get("/api/me").statusCode())
                        .as("a session from before the reset").isEqualTo(401);
                assertThat(reset.wholeLog()).contains("Reset the password of admin 'admin'").doesNotContain(NEW_PASSWORD);
            }
        }
    }

    private static int status(Accounts accounts, String password) {
        return accounts.request().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", password))
                .post("/api/auth/login").statusCode();
    }
}
