package dev.workflowchat.chat.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * How long browsers keep the web client's files: library files whose path names their version,
 * and the bundle's files named by their content's hash, for a year, unchanged; everything else it
 * is made of (the page, the service worker, the manifest, the app's unbundled modules, whose
 * paths name no version) is asked again every time, so
 * a new release is seen at once. Other answers keep what they set (uploads) or get nothing (the API).
 */
@ApplicationScoped
public class CacheHeaders {

    static final String FOREVER = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    /** /_static/lit/3.3.2/index.js, /vendor/highlight.js/11.11.1/core.js: a library, then its version. */
    private static final Pattern VERSIONED = Pattern.compile("/(_static|vendor)/[^/]+/\\d[^/]*/.+");
    /** /app/bundle/chat-layout-G76ARKPC.js: a file of the production bundle, named by its content's hash. */
    private static final Pattern HASHED = Pattern.compile("/app/bundle/[\\w-]+-[A-Z0-9]{8}\\.js");
    private static final Pattern SHELL = Pattern.compile("/|/sw\\.js|/manifest\\.json|.*\\.html|/(app|icons|_static|vendor)/.*");
    private static final String ASKED_FOR = CacheHeaders.class.getName() + ".path";

    void install(@Observes Router router) {
        router.route().order(-99).handler(context -> {
            // a version-less library path is rerouted to its versioned one, which runs the routes
            // again (and drops the header handlers added before): the path the browser asked for
            // decides, since that is the address it keeps the answer under
            String askedFor = context.get(ASKED_FOR);
            if (askedFor == null) {
                askedFor = context.normalizedPath();
                context.put(ASKED_FOR, askedFor);
            }
            String policy = policyFor(askedFor);
            if (policy != null) {
                HttpServerResponse response = context.response();
                context.addHeadersEndHandler(ignored -> {
                    int status = response.getStatusCode();
                    if (status == 200 || status == 304) {
                        response.putHeader(HttpHeaders.CACHE_CONTROL, policy);
                    }
                });
            }
            context.next();
        });
    }

    /** The Cache-Control for a path, or null for one this class leaves alone. */
    static String policyFor(String path) {
        if (VERSIONED.matcher(path).matches() || HASHED.matcher(path).matches()) {
            return FOREVER;
        }
        return SHELL.matcher(path).matches() ? REVALIDATE : null;
    }
}
