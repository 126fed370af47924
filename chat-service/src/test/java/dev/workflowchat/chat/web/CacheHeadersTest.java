package dev.workflowchat.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths browsers may keep for good, which they ask again for, and which this leaves alone. */
class CacheHeadersTest {

    @Test
    void libraryFilesWhosePathNamesTheirVersionAreKeptForAYear() {
        assertThat(CacheHeaders.policyFor("/_static/lit/3.3.2/index.js")).isEqualTo(CacheHeaders.FOREVER);
        assertThat(CacheHeaders.policyFor("/_static/highlight.js/11.11.1/es/languages/java.js")).isEqualTo(CacheHeaders.FOREVER);
        assertThat(CacheHeaders.policyFor("/vendor/highlight.js/11.11.1/core.js")).isEqualTo(CacheHeaders.FOREVER);
    }

    @Test
    void bundleFilesNamedByTheirHashAreKeptForAYear() {
        assertThat(CacheHeaders.policyFor("/app/bundle/main-42WL7Y3A.js")).isEqualTo(CacheHeaders.FOREVER);
        assertThat(CacheHeaders.policyFor("/app/bundle/chat-layout-G76ARKPC.js")).isEqualTo(CacheHeaders.FOREVER);
        assertThat(CacheHeaders.policyFor("/app/bundle/main.js")).as("no hash").isEqualTo(CacheHeaders.REVALIDATE);
    }

    @Test
    void thePageTheWorkerAndFilesWithoutAVersionAreAskedAgain() {
        for (String path : new String[] {"/", "/index.html", "/offline.html", "/sw.js", "/manifest.json",
                "/app/main.js", "/icons/icon-192.png", "/_static/lit/index.js", "/_static/lit/directives/repeat.js"}) {
            assertThat(CacheHeaders.policyFor(path)).as(path).isEqualTo(CacheHeaders.REVALIDATE);
        }
    }

    @Test
    void theApiTheSocketAndUploadsAreLeftAlone() {
        for (String path : new String[] {"/api/me", "/api/files/abc", "/ws", "/q/health"}) {
            assertThat(CacheHeaders.policyFor(path)).as(path).isNull();
        }
    }
}
