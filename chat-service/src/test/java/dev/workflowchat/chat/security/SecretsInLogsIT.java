package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.TestRun;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chat-service process taken through logins (right and wrong passwords, until throttled),
 * bearer and cookie use, a socket, logout and use after logout, with every log level of our code
 * at DEBUG; then its whole log is searched: no password and no token used appears in it.
 */
class SecretsInLogsIT {

    private static final String WRONG = "wrong-Secret-";

    @Test
    void noPasswordOrTokenEverReachesTheLog() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(TestServices.ADMIN_PASSWORD, Accounts.PASSWORD));
        String wholeLog;
        try (TestRun run = TestRun.start();
             ChatServiceProcess service = ChatServiceProcess.start("secrets", run, run.redis(),
                     Map.of("QUARKUS_LOG_CATEGORY__DEV_WORKFLOWCHAT__LEVEL", "DEBUG",
                             "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true"))) {
            Accounts accounts = Accounts.on(service.base());
            Accounts.SignedIn admin = accounts.signInAdmin();
            Accounts.SignedIn user = accounts.newMember("secretive");
            secrets.add(admin.token());
            secrets.add(user.token());

            for (int attempt = 1; attempt <= 6; attempt++) {
                String wrong = WRONG + attempt + "-" + System.nanoTime();
                secrets.add(wrong);
                int status = accounts.request().contentType(ContentType.JSON)
                        .body(Map.of("username", user.username(), "password", wrong))
                        .post("/api/auth/login").statusCode();
                assertThat(status).isIn(401, 429);
            }
            // a password typed into the name field by mistake
            String typedAsName = WRONG + "as-name-" + System.nanoTime();
            secrets.add(typedAsName);
            accounts.request().contentType(ContentType.JSON)
                    .body(Map.of("username", typedAsName, "password", Accounts.PASSWORD))
                    .post("/api/auth/login").then().statusCode(401);

            Accounts.SignedIn again = accounts.signIn(admin.username(), TestServices.ADMIN_PASSWORD);
            secrets.add(again.token());
            accounts.request().auth().oauth2(user.token()).get("/api/me").then().statusCode(200);
            accounts.request().cookie("wfchat_session", again.token()).get("/api/channels").then().statusCode(200);
            accounts.request().auth().oauth2("forged-" + System.nanoTime()).get("/api/me").then().statusCode(401);
            try (ChatClient client = ChatClient.connect(service.base(), user.token())) {
                client.post("general", "a message, not a secret");
                accounts.request().auth().oauth2(user.token()).post("/api/auth/logout").then().statusCode(204);
                assertThat(client.closed()).succeedsWithin(ChatClient.WAIT);
            }
            accounts.request().auth().oauth2(user.token()).get("/api/me").then().statusCode(401);
            assertThat(catchThrowable(() -> ChatClient.connect(service.base(), user.token()).close())).isNotNull();
            service.close();
            wholeLog = service.wholeLog();
        }
        assertThat(wholeLog).as("the log shows the traffic happened").contains("logged in");
        for (String secret : secrets) {
            assertThat(wholeLog).as("the log holds a secret of %d characters", secret.length()).doesNotContain(secret);
        }
        System.out.printf("[secrets] %d secrets (passwords, tokens) searched for in %d characters of log: none found%n",
                secrets.size(), wholeLog.length());
    }
}
