package dev.workflowchat.chat.support;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A channel's whole history over REST, oldest first. */
public final class History {

    private History() {
    }

    public static List<Map<String, Object>> of(Accounts accounts, String token, String channel) {
        List<Map<String, Object>> all = new ArrayList<>();
        Long before = null;
        while (true) {
            var request = accounts.request().auth().oauth2(token).queryParam("limit", 200);
            if (before != null) {
                request.queryParam("before_seq", before);
            }
            JsonPath page = request.get("/api/channels/{name}/messages", channel)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> messages = page.getList("messages");
            all.addAll(0, messages);
            if (!page.getBoolean("has_more") || messages.isEmpty()) {
                return all;
            }
            before = ((Number) messages.get(0).get("seq")).longValue();
        }
    }

    public static List<String> contents(Accounts accounts, String token, String channel) {
        return of(accounts, token, channel).stream().map(message -> (String) message.get("content")).toList();
    }
}
