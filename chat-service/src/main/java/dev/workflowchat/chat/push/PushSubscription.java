package dev.workflowchat.chat.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;

/**
 * A device's Web Push subscription, as the browser's {@code PushSubscription.toJSON()} gives it:
 * the push service's endpoint and the keys to encrypt for it (RFC 8291).
 *
 * @param p256dh the device's P-256 public key, uncompressed (65 bytes), base64url
 * @param auth   the device's 16-byte authentication secret, base64url
 */
public record PushSubscription(String endpoint, String p256dh, String auth) {

    static final int MAX_ENDPOINT = 2048;

    /**
     * A subscription from a request body: an https endpoint (or one starting with an allowed test
     * prefix) and keys of the right lengths, else refused with the reason.
     */
    public static PushSubscription parse(JsonNode body, List<String> allowedTestEndpoints) {
        if (body == null || !body.isObject()) {
            throw ProtocolException.badRequest("a push subscription is required: {\"endpoint\":…,\"keys\":{\"p256dh\":…,\"auth\":…}}");
        }
        String endpoint = endpoint(body.path("endpoint"), allowedTestEndpoints);
        String p256dh = key(body.path("keys").path("p256dh"), "keys.p256dh", 65);
        if (Base64.getUrlDecoder().decode(p256dh)[0] != 0x04) {
            throw ProtocolException.badRequest("keys.p256dh must be an uncompressed P-256 point");
        }
        return new PushSubscription(endpoint, p256dh, key(body.path("keys").path("auth"), "keys.auth", 16));
    }

    byte[] p256dhBytes() {
        return Base64.getUrlDecoder().decode(p256dh);
    }

    byte[] authBytes() {
        return Base64.getUrlDecoder().decode(auth);
    }

    private static String endpoint(JsonNode value, List<String> allowedTestEndpoints) {
        if (!value.isTextual() || value.textValue().length() > MAX_ENDPOINT) {
            throw ProtocolException.badRequest("endpoint must be a URL of at most " + MAX_ENDPOINT + " characters");
        }
        String endpoint = value.textValue();
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw ProtocolException.badRequest("endpoint must be a URL");
        }
        boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        if (!https && allowedTestEndpoints.stream().noneMatch(endpoint::startsWith)) {
            throw ProtocolException.badRequest("endpoint must be an https URL");
        }
        return endpoint;
    }

    private static String key(JsonNode value, String name, int length) {
        byte[] bytes;
        try {
            bytes = value.isTextual() && value.textValue().length() <= 100
                    ? Base64.getUrlDecoder().decode(value.textValue().replace("=", ""))
                    : null;
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != length) {
            throw ProtocolException.badRequest(name + " must be " + length + " bytes, base64url");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
