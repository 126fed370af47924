package dev.workflowchat.chat.web;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headers on every response: a Content-Security-Policy that runs no inline script (the web
 * client's only inline element, its import map, is allowed by its hash, read from the page
 * itself so the two can't drift apart), no sniffing, no framing. A response that brings its
 * own policy (uploaded files) keeps it.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String PAGE = "META-INF/resources/index.html";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private final String policy = policyFor(readPage());

    void install(@Observes Router router) {
        router.route().order(-100).handler(context -> {
            HttpServerResponse response = context.response();
            // the routing context's list, not the response's single handler, which REST and others replace
            context.addHeadersEndHandler(ignored -> {
                if (!response.headers().contains("Content-Security-Policy")) {
                    response.putHeader("Content-Security-Policy", policy);
                }
                response.putHeader("X-Content-Type-Options", "nosniff");
                response.putHeader("X-Frame-Options", "DENY");
                response.putHeader("Referrer-Policy", "same-origin");
            });
            context.next();
        });
    }

    /** The policy for a page whose import map (if any) is the only inline script. */
    static String policyFor(String page) {
        StringBuilder scripts = new StringBuilder("'self'");
        if (page != null) {
            Matcher importMap = IMPORT_MAP.matcher(page);
            while (importMap.find()) {
                scripts.append(" 'sha256-").append(sha256(importMap.group(1))).append('\'');
            }
        }
        return "default-src 'self'; script-src " + scripts
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'"
                // said outright though default-src implies them: the app's manifest and service worker
                + "; manifest-src 'self'; worker-src 'self'"
                + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    private static String readPage() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                Log.warn("the web client is not on the classpath: only the API is served");
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
