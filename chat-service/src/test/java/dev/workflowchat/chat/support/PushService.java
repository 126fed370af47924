package dev.workflowchat.chat.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service of the test's own, speaking its side of RFC 8030: it takes a POST per push at
 * {@code /push/<device>}, checks the {@code TTL}, the {@code aes128gcm} encoding and the VAPID
 * {@code Authorization} (the JWT's ES256 signature against the key in {@code k=}, which must be the
 * server's, its audience and expiry), then decrypts the payload (RFC 8291) with the device's
 * private key, as the browser would. A device can be told to answer 410 (gone).
 */
public final class PushService implements AutoCloseable {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64_OUT = Base64.getUrlEncoder().withoutPadding();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final String vapidPublicKey;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    /** A push received and checked: its decrypted payload. */
    public record Push(String device, JsonNode payload) {
    }

    /** A browser's subscription keys: the private half stays here. */
    public static final class Device {
        final String name;
        final KeyPair keys;
        final byte[] auth = new byte[16];
        final List<Push> received = new CopyOnWriteArrayList<>();

        Device(String name) {
            this.name = name;
            this.keys = newKeyPair();
            new SecureRandom().nextBytes(auth);
        }

        public List<Push> received() {
            return List.copyOf(received);
        }

        /** The browser's PushSubscription JSON for this device at {@code endpoint}. */
        public String subscriptionJson(String endpoint) {
            return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                    + B64_OUT.encodeToString(uncompressed((ECPublicKey) keys.getPublic())) + "\",\"auth\":\""
                    + B64_OUT.encodeToString(auth) + "\"}}";
        }
    }

    public PushService(String vapidPublicKey) throws Exception {
        this.vapidPublicKey = vapidPublicKey;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A VAPID key pair as an operator makes one: {public, private}, base64url, raw. */
    public static String[] newVapidKeys() {
        KeyPair pair = newKeyPair();
        byte[] scalar = unsigned(((ECPrivateKey) pair.getPrivate()).getS());
        return new String[] {B64_OUT.encodeToString(uncompressed((ECPublicKey) pair.getPublic())),
                B64_OUT.encodeToString(scalar)};
    }

    public Device device(String name) {
        return devices.computeIfAbsent(name, Device::new);
    }

    public String endpoint(String name) {
        return "http://127.0.0.1:" + server.actualPort() + "/push/" + name;
    }

    public String origin() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** From now on pushes to this device are answered with {@code status}. */
    public void answer(String device, int status) {
        answers.put(device, status);
    }

    /** What was refused and why (a request that broke the protocol); none expected. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String name = request.path().replaceFirst("^/push/", "");
            Device device = devices.get(name);
            String problem = device == null ? "unknown device " + name : check(request);
            if (problem != null) {
                refusals.add(problem);
                request.response().setStatusCode(400).end(problem);
                return;
            }
            try {
                device.received.add(new Push(name, Approvals.json(new String(decrypt(device, body.getBytes()),
                        StandardCharsets.UTF_8))));
            } catch (GeneralSecurityException | RuntimeException e) {
                refusals.add("undecryptable push to " + name + ": " + e);
                request.response().setStatusCode(400).end();
                return;
            }
            request.response().setStatusCode(answers.getOrDefault(name, 201)).end();
        });
    }

    private String check(HttpServerRequest request) {
        if (!"POST".equals(request.method().name())) {
            return "not a POST";
        }
        if (request.getHeader("TTL") == null || !request.getHeader("TTL").matches("\\d+")) {
            return "no TTL";
        }
        if (!"aes128gcm".equals(request.getHeader("Content-Encoding"))) {
            return "not aes128gcm";
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("vapid ")) {
            return "no vapid authorization";
        }
        Map<String, String> parts = new ConcurrentHashMap<>();
        for (String part : authorization.substring(6).split(",")) {
            String[] pair = part.trim().split("=", 2);
            parts.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        if (!vapidPublicKey.equals(parts.get("k"))) {
            return "k is not the server's key";
        }
        return checkJwt(parts.getOrDefault("t", ""), parts.get("k"));
    }

    private String checkJwt(String jwt, String key) {
        String[] pieces = jwt.split("\\.");
        if (pieces.length != 3) {
            return "t is not a JWT";
        }
        try {
            JsonNode header = Approvals.json(new String(B64.decode(pieces[0]), StandardCharsets.UTF_8));
            JsonNode claims = Approvals.json(new String(B64.decode(pieces[1]), StandardCharsets.UTF_8));
            if (!"ES256".equals(header.path("alg").asText())) {
                return "not ES256";
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(B64.decode(key)));
            verifier.update((pieces[0] + "." + pieces[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64.decode(pieces[2]))) {
                return "bad JWT signature";
            }
            long exp = claims.path("exp").asLong();
            long now = Instant.now().getEpochSecond();
            if (!origin().equals(claims.path("aud").asText()) || exp <= now || exp > now + 24 * 3600
                    || !claims.path("sub").asText().matches("(mailto:|https://).+")) {
                return "bad JWT claims " + claims;
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return "unverifiable JWT: " + e;
        }
    }

    /** RFC 8291: the record's header names the sender's key and salt; one record, padding ends at 0x02. */
    private static byte[] decrypt(Device device, byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        byte[] cipherText = new byte[in.remaining()];
        in.get(cipherText);
        if (cipherText.length > recordSize) {
            throw new GeneralSecurityException("more than one record");
        }
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(device.keys.getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] receiverKey = uncompressed((ECPublicKey) device.keys.getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverKey, senderKey);
        byte[] ikm = hkdf(device.auth, ecdhSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(cipherText);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(concat(info, new byte[] {1})), length);
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        if (uncompressed.length != 65 || uncompressed[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] uncompressed(ECPublicKey key) {
        return concat(new byte[] {4}, unsigned(key.getW().getAffineX()), unsigned(key.getW().getAffineY()));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
