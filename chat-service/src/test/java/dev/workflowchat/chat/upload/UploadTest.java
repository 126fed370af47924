package dev.workflowchat.chat.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.DeclaredBody;
import dev.workflowchat.chat.support.ErrorLog;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import dev.workflowchat.protocol.Limits;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UploadTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool database;

    @Test
    void shouldStoreAnImageByItsContentWithAThumbnailAndServeItInline() throws Exception {
        SignedIn ann = Accounts.member("ann");
        byte[] photo = Uploads.image("png", 1200, 800);
        JsonPath view = Uploads.upload(ann.token(), "holiday.png", photo, "application/octet-stream")
                .then().statusCode(201).extract().jsonPath();
        String id = view.getString("id");
        assertThat(view.getString("file_name")).isEqualTo("holiday.png");
        assertThat(view.getString("file_type")).isEqualTo("image/png");
        assertThat(view.getLong("file_size")).isEqualTo(photo.length);
        assertThat(view.getString("url")).isEqualTo("/api/files/" + id);
        assertThat(view.getString("thumbnail_url")).isEqualTo("/api/files/" + id + "/thumbnail");
        assertThat(view.getString("message_id")).isNull();
        assertThat(view.getString("uploaded_by")).isEqualTo(ann.username());
        assertThat(view.getString("created_at")).isNotBlank();

        Response file = given().auth().oauth2(ann.token()).get(view.getString("url"));
        file.then().statusCode(200)
                .header("Content-Type", "image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
                .header("Content-Disposition", "inline; filename*=UTF-8''holiday.png");
        assertThat(file.asByteArray()).isEqualTo(photo);

        byte[] thumbnail = given().auth().oauth2(ann.token()).get(view.getString("thumbnail_url"))
                .then().statusCode(200).header("Content-Type", "image/png").extract().asByteArray();
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(213);
    }

    @Test
    void shouldAcceptJpegGifPdfZipAndTextAndServeNonImagesAsDownloads() {
        String token = Accounts.member("bea").token();
        assertThat(type(token, "a.jpg", Uploads.image("jpeg", 40, 30))).isEqualTo("image/jpeg");
        assertThat(type(token, "a.gif", Uploads.image("gif", 40, 30))).isEqualTo("image/gif");
        assertThat(type(token, "a.pdf", Uploads.text("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"))).isEqualTo("application/pdf");
        assertThat(type(token, "a.zip", new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isEqualTo("application/zip");
        assertThat(type(token, "notes.md", Uploads.text("# Plan\n\n- ship it ✅\n"))).isEqualTo("text/markdown");
        assertThat(type(token, "data.csv", Uploads.text("a,b\n1,2\n"))).isEqualTo("text/csv");
        assertThat(type(token, "data.json", Uploads.text("{\"a\": 1}"))).isEqualTo("application/json");
        assertThat(type(token, "build.log", Uploads.text("INFO started\n"))).isEqualTo("text/plain");

        String id = Uploads.uploaded(token, "résumé 2026.txt", Uploads.text("hello"));
        given().auth().oauth2(token).get("/api/files/" + id)
                .then().statusCode(200)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%202026.txt")
                .body(equalTo("hello"));
        given().auth().oauth2(token).get("/api/files/" + id + "/thumbnail")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void shouldJudgeByContentNeverByNameOrClaimedType() {
        String token = Accounts.member("cid").token();
        Uploads.upload(token, "cute-cat.png", Uploads.windowsExecutable(), "image/png")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("unsupported_type"))
                .body("detail", containsString("not accepted"));
        Uploads.upload(token, "notes.txt", new byte[] {'h', 'i', 0, 'x'}, "text/plain")
                .then().statusCode(415).body("code", equalTo("unsupported_type"));
        Uploads.upload(token, "latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9}, "text/plain")
                .then().statusCode(415);
        Uploads.upload(token, "broken.png", Arrays.copyOf(Uploads.image("png", 10, 10), 12), "image/png")
                .then().statusCode(415).body("detail", containsString("not a readable image/png image"));
        // a PNG named .txt is a PNG
        assertThat(type(token, "innocent.txt", Uploads.image("png", 8, 8))).isEqualTo("image/png");
    }

    @Test
    void shouldRefuseAnImageDeclaringMoreThanFortyMegapixelsWithoutDecodingIt() {
        String token = Accounts.member("dan").token();
        Uploads.upload(token, "bomb.png", Uploads.pngDeclaring(50_000, 50_000), "image/png")
                .then().statusCode(400)
                .body("code", equalTo("bad_request"))
                .body("detail", containsString("50000 × 50000 pixels"))
                .body("detail", containsString("40 megapixels"));
        Uploads.upload(token, "bomb.webp", Uploads.webp(10_000, 10_000), "image/webp")
                .then().statusCode(400).body("detail", containsString("megapixels"));
    }

    @Test
    void shouldAcceptWebpWithoutAThumbnailWhenNoDecoderExists() {
        String token = Accounts.member("eve").token();
        Uploads.upload(token, "pic.webp", Uploads.webp(640, 480), "image/webp")
                .then().statusCode(201)
                .body("file_type", equalTo("image/webp"))
                .body("thumbnail_url", nullValue());
    }

    @Test
    void shouldRefuseFilesOverTenMegabytesWithAProblem() {
        String token = Accounts.member("fay").token();
        byte[] justOver = new byte[(int) Limits.MAX_UPLOAD_BYTES + 1];
        Arrays.fill(justOver, (byte) 'a');
        Uploads.upload(token, "big.txt", justOver, "text/plain")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("too_large"));

        byte[] farOver = new byte[(int) Limits.MAX_UPLOAD_BYTES + 512 * 1024];
        Uploads.upload(token, "bigger.txt", farOver, "text/plain")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("too_large"));

        byte[] exactly = Arrays.copyOf(justOver, (int) Limits.MAX_UPLOAD_BYTES);
        Uploads.upload(token, "max.txt", exactly, "text/plain").then().statusCode(201);
    }

    @Test
    void otherEndpointsKeepTheirOneMebibyteLimit() throws IOException {
        // declared, not sent: the server answers by the length, and a client still sending 2 MB may not read it
        assertThat(DeclaredBody.answer(base, "/api/auth/login", 2 * 1024 * 1024, "{\"username\":\"" + "x".repeat(64 * 1024)))
                .startsWith("HTTP/1.1 413").contains("\"code\":\"too_large\"");
    }

    @Test
    void shouldRefuseMissingFileAndUnauthenticatedUploads() {
        Uploads.upload("forged-token", "a.txt", Uploads.text("hi"), "text/plain").then().statusCode(401);
        given().multiPart("file", "a.txt", Uploads.text("hi"), "text/plain").post("/api/uploads")
                .then().statusCode(401);
        String token = Accounts.member("gus").token();
        given().auth().oauth2(token).multiPart("other", "a.txt", Uploads.text("hi"), "text/plain").post("/api/uploads")
                .then().statusCode(400).body("code", equalTo("bad_request"));
        given().auth().oauth2(token).multiPart("file", "empty.txt", new byte[0], "text/plain").post("/api/uploads")
                .then().statusCode(400).body("detail", containsString("empty"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("file", "x")).post("/api/uploads")
                .then().statusCode(415).body("code", equalTo("unsupported_type"));
        given().get("/api/files/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void shouldSanitiseTheNameAndRecordTheDigest() throws Exception {
        String token = Accounts.member("hal").token();
        byte[] bytes = Uploads.text("digest me");
        JsonPath view = Uploads.upload(token, "..\\..\\windows/..hidden\u202Egnp.exe\u0007", bytes, "text/plain")
                .then().statusCode(201).extract().jsonPath();
        assertThat(view.getString("file_name")).isEqualTo("hiddengnp.exe");
        assertThat(Uploads.upload(token, "....", bytes, "text/plain").then().statusCode(201)
                .extract().<String>path("file_name")).isEqualTo("file");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(sha256Of(view.getString("id"))).isEqualTo(sha);
    }

    @Test
    void unknownIdsAndSomeoneElsesUnsentUploadAreNotFound() {
        String owner = Accounts.member("ida").token();
        String other = Accounts.member("jon").token();
        String id = Uploads.uploaded(owner, "private.txt", Uploads.text("draft"));
        given().auth().oauth2(owner).get("/api/files/" + id).then().statusCode(200);
        given().auth().oauth2(other).get("/api/files/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        for (String unknown : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            given().auth().oauth2(owner).get("/api/files/" + unknown)
                    .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
            given().auth().oauth2(owner).get("/api/files/" + unknown + "/thumbnail").then().statusCode(404);
        }
    }

    @Test
    void shouldServePolyglotsOnlyAsTheImageTheyAreAndNeverPassTheirPayloadOn() throws Exception {
        String token = Accounts.member("poly").token();
        byte[] script = Uploads.text("/*<script>alert(document.cookie)</script>*/");
        byte[] gifJs = concat(Uploads.image("gif", 8, 8), script);
        byte[] pngHtml = concat(Uploads.image("png", 8, 8), Uploads.text("<html><body><script>alert(1)</script></body></html>"));
        for (Map.Entry<String, byte[]> polyglot : Map.of("image/gif", gifJs, "image/png", pngHtml).entrySet()) {
            String id = Uploads.upload(token, "payload.js", polyglot.getValue(), "application/javascript")
                    .then().statusCode(201).body("file_type", equalTo(polyglot.getKey())).extract().path("id");
            given().auth().oauth2(token).get("/api/files/" + id).then().statusCode(200)
                    .header("Content-Type", polyglot.getKey())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("sandbox"));
            byte[] thumbnail = given().auth().oauth2(token).get("/api/files/" + id + "/thumbnail")
                    .then().statusCode(200).header("Content-Type", "image/png").extract().asByteArray();
            assertThat(new String(thumbnail, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("<script");
        }
        // a magic number and nothing of an image after it is no image, nor anything else accepted
        Uploads.upload(token, "fake.gif", concat("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), script), "image/gif")
                .then().statusCode(415).body("code", equalTo("unsupported_type"));
        // HTML calling itself a PNG is text, offered for download, never rendered
        String html = Uploads.upload(token, "innocent.png", Uploads.text("<!doctype html><script>alert(1)</script>"), "image/png")
                .then().statusCode(201).body("file_type", equalTo("text/plain")).extract().path("id");
        given().auth().oauth2(token).get("/api/files/" + html).then().statusCode(200)
                .header("Content-Type", containsString("text/plain"))
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"));
    }

    @Test
    void shouldSanitiseHostileNamesSentThroughMultipart() {
        String token = Accounts.member("names").token();
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("../../etc/passwd", "passwd");
        expected.put("..\\x", "x");
        expected.put("/absolute/path/report.txt", "report.txt");
        expected.put("invoice\u202Etxt.exe", "invoicetxt.exe");
        expected.put("tab\tand\u0007bell.txt", "tabandbell.txt");
        for (Map.Entry<String, String> name : expected.entrySet()) {
            assertThat(Uploads.upload(token, name.getKey(), Uploads.text("x"), "text/plain")
                    .then().statusCode(201).extract().<String>path("file_name")).as(name.getKey()).isEqualTo(name.getValue());
        }
        String longName = Uploads.upload(token, "n".repeat(5_000) + ".txt", Uploads.text("x"), "text/plain")
                .then().statusCode(201).extract().path("file_name");
        assertThat(longName).hasSizeLessThanOrEqualTo(200).endsWith("n.txt");
        // NUL or a line break in a header: the multipart layer may refuse the body (400, never 500);
        // if it takes it, the name comes back clean; either way no client can write errors into the log
        try (ErrorLog log = ErrorLog.watch()) {
            for (String broken : List.of("evil\u0000.txt.exe", "line\r\nbreak.txt")) {
                Response answer = Uploads.upload(token, broken, Uploads.text("x"), "text/plain");
                assertThat(answer.statusCode()).as(broken).isIn(201, 400);
                if (answer.statusCode() == 201) {
                    assertThat(answer.<String>path("file_name")).doesNotContain("\u0000", "\r", "\n").isNotBlank();
                } else {
                    assertThat(answer.<String>path("code")).isEqualTo("bad_request");
                }
            }
            // the failure reached Quarkus's last-resort handler after the answer went out, when it did
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> log.errors().isEmpty());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String type(String token, String name, byte[] bytes) {
        return Uploads.upload(token, name, bytes, "application/octet-stream")
                .then().statusCode(201).extract().path("file_type");
    }

    private String sha256Of(String id) {
        return database.preparedQuery("SELECT sha256 FROM attachments WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }
}
