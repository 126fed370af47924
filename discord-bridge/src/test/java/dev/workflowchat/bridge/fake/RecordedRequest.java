package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One REST call the fake answered.
 *
 * @param route     the path under the API base, e.g. {@code webhooks/123/abc}
 * @param query     the raw query string, or null
 * @param body      the JSON body; for multipart the {@code payload_json} part; null when empty
 * @param fileNames the uploaded files' names, for multipart requests
 * @param status    the HTTP status the fake answered with
 */
public record RecordedRequest(
        String method, String route, String query, String body, List<String> fileNames, int status, Instant at) {

    public JsonObject json() {
        return body == null ? null : new JsonObject(body);
    }

    public boolean is(String method, String routePrefix) {
        return this.method.equals(method) && route.startsWith(routePrefix);
    }
}
