package dev.workflowchat.chat.support;


import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes channels of a test's own through the real REST API, so tests don't see each other's messages. */
public final class Channels {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Channels() {
    }

    public static String create(String prefix) {
        return create(Accounts.inProcess(), prefix);
    }

    /** On a service of the test's own (a process), through its admin. */
    public static String create(Accounts accounts, String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + COUNTER.incrementAndGet();
        accounts.request().auth().oauth2(accounts.signInAdmin().token()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "test channel"))
                .post("/api/channels")
                .then().statusCode(201);
        return name;
    }
}
