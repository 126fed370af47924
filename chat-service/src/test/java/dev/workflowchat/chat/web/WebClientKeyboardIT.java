package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.infra.TestRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client without a mouse and with a screen reader in mind, in Debian's Chromium against the
 * built service: links and deep links, shortcuts, focus, what is read and unread, and axe-core.
 */
class WebClientKeyboardIT {

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("keys", run, run.redis(), Map.of());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theChannelAPersonLandsOnIsMarkedRead() {
        SignedIn writer = accounts.newMember("writer");
        long last;
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            client.post("general", "before you came 1");
            client.post("general", "before you came 2");
            last = client.awaitAck(client.send("message.send", "channel", "general", "content", "before you came 3"))
                    .path("message").path("seq").asLong();
        }
        SignedIn reader = accounts.newMember("lander");
        assertThat(channelState(reader, "general").get("unread")).isNotEqualTo(0);

        Page page = browser.newPerson(chat.base(), reader.username(), Accounts.PASSWORD);

        assertThat(page.locator("channel-header h1")).containsText("general");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Object> general = channelState(reader, "general");
            assertThat(((Number) general.get("last_read_seq")).longValue()).isGreaterThanOrEqualTo(last);
            assertThat(general.get("unread")).isEqualTo(0);
        });
    }

    @Test
    void aKeyboardOnlyWalkFromLoginToSendingAndBack() {
        SignedIn walker = accounts.newMember("walker");
        String channel = Channels.create(accounts, "keys");
        try (ChatClient other = ChatClient.connect(chat.base(), accounts.newMember("other").token())) {
            other.post(channel, "someone was here first");
        }
        Page page = browser.newPage(chat.base(), walker.username());
        assertThat(page.locator("login-view input[name=username]")).isFocused();
        page.keyboard().type(walker.username());
        page.keyboard().press("Tab");
        page.keyboard().type(Accounts.PASSWORD);
        page.keyboard().press("Enter");
        assertThat(WebClientIT.composer(page)).isFocused();

        page.keyboard().press("Control+k");
        Locator switcher = page.locator("quick-switcher dialog");
        assertThat(switcher).isVisible();
        page.keyboard().type(channel.substring(0, 4) + channel.substring(channel.indexOf('-'))); // letters in order, fuzzy
        assertThat(switcher.locator("[role=option][aria-selected=true]")).hasAttribute("data-channel", channel);
        page.keyboard().press("Enter");
        assertThat(switcher).not().isVisible();
        assertThat(page.locator("channel-header h1")).containsText(channel);
        assertThat(WebClientIT.composer(page)).isFocused();

        page.keyboard().type("typed without a mouse");
        page.keyboard().press("Enter");
        assertThat(WebClientIT.message(page, "typed without a mouse")).isVisible();

        List<String> order = sidebarOrder(page);
        String next = order.get((order.indexOf(channel) + 1) % order.size());
        page.keyboard().press("Alt+ArrowDown");
        assertThat(page).hasURL(Pattern.compile(".*#/c/" + next + "$")); // names are a-z 0-9 - _ :
        assertThat(page.locator("channel-sidebar a[aria-current=page]")).hasAttribute("data-channel", next);
        assertThat(WebClientIT.composer(page)).isFocused();
        page.keyboard().press("Alt+ArrowUp");
        assertThat(page.locator("channel-header h1")).containsText(channel);

        // the newest message is one Tab stop before the composer's attach button; its actions come next
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Shift+Tab");
        Locator mine = WebClientIT.message(page, "typed without a mouse");
        assertThat(mine.locator("article")).isFocused();
        page.keyboard().press("ArrowUp");
        assertThat(WebClientIT.message(page, "someone was here first").locator("article")).isFocused();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Tab");
        assertThat(mine.locator("[data-action=react]")).isFocused();
        page.keyboard().press("Enter");
        assertThat(mine.locator(".reaction-picker")).isVisible();
        page.keyboard().press("Escape");
        assertThat(mine.locator(".reaction-picker")).hasCount(0);
        assertThat(mine.locator("[data-action=react]")).isFocused();

        page.keyboard().press("Control+k");
        assertThat(switcher).isVisible();
        page.keyboard().press("Escape");
        assertThat(switcher).not().isVisible();
    }

    @Test
    void aMessageLinkOpensItsChannelAtTheMessageAndBackAndForwardWork() {
        String channel = Channels.create(accounts, "linked");
        String elsewhere = Channels.create(accounts, "elsewhere");
        String target;
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("archivist").token())) {
            target = writer.post(channel, "the decision we made long ago");
            for (int i = 1; i <= 120; i++) {
                writer.post(channel, "later chatter " + i);
            }
        }
        Page page = browser.newPerson(chat.base(), accounts.newMember("follower").username(), Accounts.PASSWORD);

        page.navigate("/#/c/" + channel + "/m/" + target);
        Locator decision = WebClientIT.message(page, "the decision we made long ago");
        assertThat(page.locator("channel-header h1")).containsText(channel);
        assertThat(decision.locator("article")).hasClass(Pattern.compile(".*\\blinked\\b.*"));
        assertThat(decision).isInViewport();

        page.reload(); // a link opened in a new tab: the page starts on it
        assertThat(decision.locator("article")).hasClass(Pattern.compile(".*\\blinked\\b.*"));
        assertThat(decision).isInViewport();

        page.locator("channel-sidebar a[data-channel='" + elsewhere + "']").click();
        assertThat(page.locator("channel-header h1")).containsText(elsewhere);
        assertThat(page).hasURL(Pattern.compile(".*#/c/" + elsewhere + "$"));
        page.goBack();
        assertThat(page.locator("channel-header h1")).containsText(channel);
        assertThat(decision.locator("article")).hasClass(Pattern.compile(".*\\blinked\\b.*"));
        page.goForward();
        assertThat(page.locator("channel-header h1")).containsText(elsewhere);
    }

    /**
     * A link clicked while frames keep re-rendering the page: the page used to write the channel
     * still open back into the address before the link's hashchange arrived, and the click was
     * lost (seen in a busy sprint). Here the re-render is asked for between the two, as a frame does.
     */
    @Test
    void aLinkFollowedWhileThePageRerendersIsNotUndone() {
        String there = Channels.create(accounts, "rerendered");
        Page page = browser.newPerson(chat.base(), accounts.newMember("busyreader").username(), Accounts.PASSWORD);
        assertThat(page.locator("channel-header h1")).containsText("general");

        page.evaluate("there => { location.hash = '#/c/' + there; document.querySelector('chat-app').requestUpdate(); }", there);

        assertThat(page.locator("channel-header h1")).containsText(there);
        assertThat(page).hasURL(Pattern.compile(".*#/c/" + there + "$"));
    }

    @Test
    void aDividerMarksWhatCameSinceThePersonLastRead() {
        String channel = Channels.create(accounts, "divided");
        SignedIn reader = accounts.newMember("returner");
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("talker").token());
             ChatClient readerSocket = ChatClient.connect(chat.base(), reader.token())) {
            writer.post(channel, "already read 1");
            long read = writer.awaitAck(writer.send("message.send", "channel", channel, "content", "already read 2"))
                    .path("message").path("seq").asLong();
            readerSocket.awaitAck(readerSocket.send("read", "channel", channel, "seq", read));
            writer.post(channel, "new since you left 1");
            writer.post(channel, "new since you left 2");
        }
        Page page = WebClientIT.open(browser.newPerson(chat.base(), reader.username(), Accounts.PASSWORD), channel);

        Locator divider = page.locator("message-list [data-testid=new-since]");
        assertThat(divider).hasCount(1);
        assertThat(page.locator("message-list [data-testid=new-since] + message-item")).containsText("new since you left 1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMentionHasABadgeOfItsOwnAndMarkAllReadClearsEverything() {
        String mentioned = Channels.create(accounts, "mentioned");
        String plain = Channels.create(accounts, "plain");
        SignedIn reader = accounts.newMember("noticed");
        Page page = browser.newPerson(chat.base(), reader.username(), Accounts.PASSWORD);
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("caller").token())) {
            writer.post(mentioned, "@" + reader.username() + " can you look?");
            writer.post(plain, "nothing for anyone in particular");
        }
        Locator mentionLink = page.locator("channel-sidebar a[data-channel='" + mentioned + "']");
        Locator plainLink = page.locator("channel-sidebar a[data-channel='" + plain + "']");
        assertThat(mentionLink.locator("[data-testid=mention]")).containsText("@1");
        assertThat(plainLink.locator("[data-testid=unread]")).containsText("1");
        assertThat(plainLink.locator("[data-testid=mention]")).hasCount(0);

        // Alt+Shift+↓: the next channel below with a badge (other tests' channels may have some too)
        List<String> order = sidebarOrder(page);
        List<String> badged = (List<String>) page.locator("channel-sidebar").evaluate(
                "s => [...s.shadowRoot.querySelectorAll('a[data-channel]:has(.badge)')].map(a => a.dataset.channel)");
        int here = order.indexOf("general");
        String nextUnread = java.util.stream.IntStream.rangeClosed(1, order.size())
                .mapToObj(i -> order.get((here + i) % order.size())).filter(badged::contains).findFirst().orElseThrow();
        page.keyboard().press("Alt+Shift+ArrowDown");
        assertThat(page.locator("channel-sidebar a[aria-current=page]")).hasAttribute("data-channel", nextUnread);

        page.locator("channel-sidebar [data-testid=mark-all-read]").click();
        assertThat(mentionLink.locator(".badge")).hasCount(0);
        assertThat(plainLink.locator(".badge")).hasCount(0);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(channelState(reader, mentioned).get("unread")).isEqualTo(0);
            assertThat(channelState(reader, plain).get("unread")).isEqualTo(0);
        });
    }

    @Test
    void aLiveRegionAnnouncesOtherPeoplesNewMessages() {
        String channel = Channels.create(accounts, "spoken");
        SignedIn listener = accounts.newMember("listener");
        Page page = WebClientIT.open(browser.newPerson(chat.base(), listener.username(), Accounts.PASSWORD), channel);
        WebClientIT.composer(page).fill("my own words");
        WebClientIT.composer(page).press("Enter");
        assertThat(WebClientIT.message(page, "my own words")).isVisible();
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("speaker").token())) {
            writer.post(channel, "words worth hearing");
        }
        // one message from someone else: read out as such, the person's own not counted with it
        assertThat(page.locator("live-announcer [data-testid=announcer]")).hasText(Pattern.compile(".*: words worth hearing$"));
    }

    @Test
    void axeFindsNothingModerateOrWorseOnTheLoginAndChatViewsAtDesktopAndPhoneSize() {
        String channel = Channels.create(accounts, "audited");
        SignedIn person = accounts.newMember("audited");
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("poster").token())) {
            writer.post(channel, "**Bold** news with `code` and a [link](https://example.com) for @" + person.username());
            writer.post(channel, "```java\nclass A { }\n```");
        }
        List<String> found = new ArrayList<>();
        for (ViewportSize size : List.of(new ViewportSize(1440, 900), new ViewportSize(390, 844))) {
            Page login = browser.newPage(chat.base(), "login");
            login.setViewportSize(size.width, size.height);
            assertThat(login.locator("login-view input[name=username]")).isVisible();
            Axe.moderateViolations(login).forEach(v -> found.add(size.width + "×" + size.height + " login " + v));
            // and with its error showing: red text on the dark background must still read
            login.locator("login-view input[name=username]").fill(person.username());
            login.locator("login-view input[name=password]").fill("not the password");
            login.locator("login-view input[name=password]").press("Enter");
            assertThat(login.locator("login-view .error")).isVisible();
            Axe.moderateViolations(login).forEach(v -> found.add(size.width + "×" + size.height + " login error " + v));
            login.context().close();

            Page page = browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD, size);
            page.navigate("/#/c/" + channel);
            assertThat(WebClientIT.message(page, "Bold news")).isVisible();
            Axe.moderateViolations(page).forEach(v -> found.add(size.width + "×" + size.height + " chat " + v));
        }
        assertThat(found).isEmpty();
    }

    // ---- helpers

    /** The channels of the sidebar, top to bottom. */
    @SuppressWarnings("unchecked")
    private static List<String> sidebarOrder(Page page) {
        return (List<String>) page.locator("channel-sidebar").evaluate(
                "s => [...s.shadowRoot.querySelectorAll('a[data-channel]')].map(a => a.dataset.channel)");
    }

    /** The person's read position and unread count in a channel, as the server keeps them. */
    private static Map<String, Object> channelState(SignedIn user, String channel) {
        List<Map<String, Object>> channels = accounts.request().auth().oauth2(user.token()).get("/api/channels")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return channels.stream().filter(c -> channel.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + channel + " in " + channels));
    }
}
