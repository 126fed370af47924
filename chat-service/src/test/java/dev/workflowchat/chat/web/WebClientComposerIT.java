package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing in the web client, in Debian's Chromium against the built service: the emoji picker (its
 * data served by us), `:shortcode:` and `@name` completion, quoting, code labels, drafts kept per
 * channel, and the light, dark and system themes, at desktop and phone size.
 */
class WebClientComposerIT {

    private static final String DARK_BG = "rgb(49, 51, 56)";
    private static final String LIGHT_BG = "rgb(255, 255, 255)";

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("composer", run, run.redis(), Map.of());
        redis = new RedisClient(run.redis().uri());
        names = new RedisNames(run.redisPrefix());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    static Stream<ViewportSize> sizes() {
        return Stream.of(new ViewportSize(1440, 900), new ViewportSize(390, 844));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void theEmojiPickerSearchesReactsAndInsertsAndEscapeClosesIt(ViewportSize size) {
        String channel = Channels.create(accounts, "emoji");
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("launcher").token())) {
            writer.post(channel, "ready for launch");
        }
        List<String> requested = new ArrayList<>();
        Page page = person("reactor", size);
        page.onRequest(request -> requested.add(request.url()));
        page.navigate("/#/c/" + channel);
        Locator message = WebClientIT.message(page, "ready for launch");

        message.locator("article").focus();
        message.locator("[data-action=react]").click();
        Locator search = message.locator(".reaction-picker emoji-picker input[type=search]");
        assertThat(search).isFocused();
        search.fill("rocket");
        message.locator(".reaction-picker emoji-picker .tabpanel [role=option]", new Locator.LocatorOptions()
                .setHasText(Pattern.compile("^🚀$"))).click();
        assertThat(message.locator("[data-testid=reaction]")).hasText("🚀 1");
        assertThat(message.locator(".reaction-picker")).hasCount(0);

        // Escape closes it, the focus back where it was opened from
        message.locator("article").focus();
        message.locator("[data-action=react]").press("Enter");
        assertThat(search).isFocused();
        page.keyboard().press("Escape");
        assertThat(message.locator(".reaction-picker")).hasCount(0);
        assertThat(message.locator("[data-action=react]")).isFocused();

        // the composer's button inserts at the caret; the keyboard picks from the results
        Locator composer = WebClientIT.composer(page);
        composer.fill("liftoff ");
        page.locator("main [data-testid=emoji-button]").click();
        Locator composerSearch = page.locator("main chat-composer emoji-picker input[type=search]");
        assertThat(composerSearch).isFocused();
        composerSearch.fill("rocket"); // one search: typed letter by letter, "rock" could answer last
        Locator results = page.locator("main chat-composer emoji-picker .tabpanel [role=option]");
        results.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^🚀$"))).waitFor();
        page.keyboard().press("ArrowDown"); // the first result (🧑‍🚀 comes before 🚀)
        String first = results.first().textContent().trim();
        page.keyboard().press("Enter");
        assertThat(composer).hasValue("liftoff " + first);
        assertThat(composer).isFocused();

        // the data came from us, never from a CDN
        assertThat(requested).anyMatch(url -> url.contains("/vendor/emoji-picker-element-data/"));
        assertThat(requested).allMatch(url -> url.startsWith(chat.base().toString().replaceAll("/$", "")));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void shortcodesAndNamesCompleteByKeyboard(ViewportSize size) {
        String channel = Channels.create(accounts, "complete");
        agentStatus("code");
        Page page = person("finisher", size);
        page.navigate("/#/c/" + channel);
        Locator composer = WebClientIT.composer(page);
        Locator suggestions = page.locator("main [data-testid=suggestions]");

        composer.pressSequentially("nice :smi");
        assertThat(suggestions).hasAttribute("role", "listbox");
        assertThat(suggestions.locator("[role=option]").first()).containsText(":smile:");
        assertThat(composer).hasAttribute("aria-activedescendant", "suggestion-0");
        composer.press("Tab");
        assertThat(composer).hasValue("nice 😄");
        assertThat(suggestions).hasCount(0);

        // Escape closes the list and keeps the text
        composer.pressSequentially(" :rock");
        assertThat(suggestions).isVisible();
        composer.press("Escape");
        assertThat(suggestions).hasCount(0);
        assertThat(composer).hasValue("nice 😄 :rock");

        composer.fill("");
        composer.pressSequentially("@co");
        assertThat(suggestions.locator("[role=option][aria-selected=true]")).containsText("@code");
        composer.press("Enter");
        assertThat(composer).hasValue("@code ");
        composer.pressSequentially("please look");
        composer.press("Enter");
        Locator sent = WebClientIT.message(page, "please look");
        assertThat(sent.locator(".mention[data-mention=code]")).hasText("@code");
    }

    @Test
    void quoteReplyFillsTheComposerAndCodeShowsItsLanguage() {
        String channel = Channels.create(accounts, "quote");
        SignedIn author = accounts.newMember("quoted");
        try (ChatClient writer = ChatClient.connect(chat.base(), author.token())) {
            writer.post(channel, "first line of wisdom\nsecond line\nthird\nfourth is left out");
            writer.post(channel, "```java\nclass Label { }\n```");
        }
        Page page = person("quoter", new ViewportSize(1440, 900));
        page.navigate("/#/c/" + channel);
        Locator wise = WebClientIT.message(page, "first line of wisdom");
        wise.locator("article").focus();
        wise.locator("[data-action=quote]").click();

        Locator composer = WebClientIT.composer(page);
        assertThat(composer).isFocused();
        assertThat(composer).hasValue(Pattern.compile(
                "^> [^\n]+ wrote:\n> first line of wisdom\n> second line\n> third\n> …\n\n$"));
        composer.pressSequentially("agreed");
        composer.press("Enter");
        Locator reply = WebClientIT.message(page, "agreed");
        assertThat(reply.locator("blockquote")).containsText("first line of wisdom");

        Locator code = WebClientIT.message(page, "class Label");
        assertThat(code.locator("pre.code-block .code-lang")).hasText("java");
        assertThat(code.locator("pre.code-block button.copy")).hasAccessibleName("Copy java code");
    }

    @Test
    void aDraftSurvivesAChannelSwitchAndAReloadAndGoesWhenSent() {
        String first = Channels.create(accounts, "draft-a");
        String second = Channels.create(accounts, "draft-b");
        Page page = person("drafter", new ViewportSize(1440, 900));
        page.navigate("/#/c/" + first);
        Locator composer = WebClientIT.composer(page);
        String hostile = "half a thought <script>window.__draft=1</script><img src=x onerror=window.__draft=1>";
        composer.fill(hostile);

        page.locator("channel-sidebar a[data-channel='" + second + "']").click();
        assertThat(page.locator("channel-header h1")).containsText(second);
        assertThat(composer).hasValue("");
        composer.fill("something else here");

        page.locator("channel-sidebar a[data-channel='" + first + "']").click();
        assertThat(page.locator("channel-header h1")).containsText(first);
        assertThat(composer).hasValue(hostile);

        page.reload();
        assertThat(page.locator("channel-header h1")).containsText(first);
        assertThat(composer).hasValue(hostile);
        assertThat(page.evaluate("() => window.__draft === undefined")).isEqualTo(true);

        composer.press("Enter");
        assertThat(WebClientIT.message(page, "half a thought")).isVisible();
        assertThat(composer).hasValue("");
        page.reload();
        assertThat(page.locator("channel-header h1")).containsText(first);
        assertThat(composer).hasValue("");
        page.locator("channel-sidebar a[data-channel='" + second + "']").click();
        assertThat(page.locator("channel-header h1")).containsText(second);
        assertThat(composer).hasValue("something else here");
        assertThat(page.evaluate("() => window.__draft === undefined")).isEqualTo(true);

        page.navigate("/#/c/" + first); // by its link too
        assertThat(page.locator("channel-header h1")).containsText(first);
        assertThat(composer).hasValue("");
        page.navigate("/#/c/" + second);
        assertThat(page.locator("channel-header h1")).containsText(second);
        assertThat(composer).hasValue("something else here");
    }

    @Test
    void theLightThemeAppliesSurvivesAReloadAndSystemFollowsTheDevice() {
        SignedIn person = accounts.newMember("themer");
        Page page = browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD);
        assertThat(background(page)).isEqualTo(DARK_BG);

        page.navigate("/#/v/settings");
        page.locator("appearance-settings [data-testid=theme-light]").check();
        assertThat(page.locator("html")).hasAttribute("data-theme", "light");
        assertThat(background(page)).isEqualTo(LIGHT_BG);
        assertThat(page.locator("meta[name=theme-color]")).hasAttribute("content", "#f2f3f5");

        page.reload();
        assertThat(page.locator("html")).hasAttribute("data-theme", "light");
        assertThat(background(page)).isEqualTo(LIGHT_BG);
        assertThat(page.locator("appearance-settings [data-testid=theme-light]")).isChecked();

        page.locator("appearance-settings [data-testid=theme-system]").check();
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        assertThat(page.locator("html")).hasAttribute("data-theme", "light");
        assertThat(background(page)).isEqualTo(LIGHT_BG);

        // someone else in the same browser keeps their own (dark, by default)
        page.evaluate("() => fetch('/api/auth/logout', { method: 'POST' })");
        page.reload();
        page.locator("login-view input[name=username]").fill(accounts.newMember("other").username());
        page.locator("login-view input[name=password]").fill(Accounts.PASSWORD);
        page.locator("login-view button[type=submit]").click();
        assertThat(page.locator("[data-testid=connection]")).containsText("Online");
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
    }

    @Test
    void axeFindsNothingSeriousInTheLightThemeWithThePickerAndSuggestionsOpen() {
        String channel = Channels.create(accounts, "bright");
        SignedIn person = accounts.newMember("bright");
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("writer").token())) {
            writer.post(channel, "**Bold** news with `code`, a [link](https://example.com) and @" + person.username());
            writer.post(channel, "> a quote\n\n```java\nclass A { }\n```");
        }
        List<String> found = new ArrayList<>();
        for (ViewportSize size : sizes().toList()) {
            Page page = browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD, size);
            page.evaluate("u => localStorage.setItem('wfchat.theme:' + u, 'light')", person.username());
            page.navigate("/#/c/" + channel);
            assertThat(page.locator("channel-header h1")).containsText(channel);
            page.reload(); // the page starts in the light theme
            assertThat(page.locator("html")).hasAttribute("data-theme", "light");
            assertThat(WebClientIT.message(page, "Bold news")).isVisible();
            Axe.moderateViolations(page).forEach(v -> found.add(size.width + " chat " + v));

            WebClientIT.composer(page).pressSequentially(":smi");
            assertThat(page.locator("main [data-testid=suggestions]")).isVisible();
            Axe.seriousViolations(page).forEach(v -> found.add(size.width + " suggestions " + v));
            WebClientIT.composer(page).fill("");

            page.locator("main [data-testid=emoji-button]").click();
            assertThat(page.locator("main chat-composer emoji-picker [role=tab]").first()).isVisible();
            Axe.seriousViolations(page).forEach(v -> found.add(size.width + " picker " + v));
            page.keyboard().press("Escape");

            page.navigate("/#/v/settings");
            assertThat(page.locator("appearance-settings")).isVisible();
            Axe.moderateViolations(page).forEach(v -> found.add(size.width + " settings " + v));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void aHugeEmojiSearchAndHostileShortcodesDoNoHarm() {
        String channel = Channels.create(accounts, "hostile");
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("target").token())) {
            writer.post(channel, "search me");
        }
        Page page = person("prober", new ViewportSize(1440, 900));
        page.navigate("/#/c/" + channel);
        Locator message = WebClientIT.message(page, "search me");
        message.locator("article").focus();
        message.locator("[data-action=react]").click();
        Locator search = message.locator(".reaction-picker emoji-picker input[type=search]");
        Locator options = message.locator(".reaction-picker emoji-picker .tabpanel [role=option]");
        search.fill("rocket");
        assertThat(options.first()).isVisible();
        search.fill("a".repeat(10_000));
        assertThat(options).hasCount(0);
        assertThat((Integer) search.evaluate("input => input.value.length")).isLessThanOrEqualTo(64);
        search.fill("<img src=x onerror=window.__emoji=1>");
        assertThat(options).hasCount(0);
        search.fill("rocket"); // and it still works
        assertThat(options.filter(new Locator.FilterOptions().setHasText("🚀")).first()).isVisible();
        page.keyboard().press("Escape");
        assertThat(message.locator("[data-testid=reaction]")).hasCount(0);

        Locator composer = WebClientIT.composer(page);
        composer.fill(":" + "x".repeat(10_000));
        composer.pressSequentially("y");
        composer.fill(":<script>window.__emoji=1</script>");
        composer.pressSequentially("a");
        assertThat(page.locator("main [data-testid=suggestions]")).hasCount(0);
        assertThat(page.evaluate("() => window.__emoji === undefined")).isEqualTo(true);
        assertThat(page.locator(".notices")).not().containsText("Could not");
    }

    // ---- helpers

    private static Page person(String prefix, ViewportSize size) {
        return browser.newPerson(chat.base(), accounts.newMember(prefix).username(), Accounts.PASSWORD, size);
    }

    private static String background(Page page) {
        return (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
    }

    /** An agent says it is there, so the page knows it from presence. */
    private static void agentStatus(String agent) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("agent", agent).put("status", "busy").put("task", "composer test");
        ObjectNode envelope = ProtocolJson.mapper().createObjectNode()
                .put("v", 1).put("id", "t-" + UUID.randomUUID()).put("type", "agent.status")
                .put("ts", Instant.now().toString()).put("source", "agent:" + agent);
        envelope.set("data", data);
        redis.xadd(names.inStream(), envelope.toString());
    }
}
