package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.TestRun;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hooks in Administration, against the built service: an admin makes an incoming hook and a
 * GitHub one, sees their URL and signing secret once with copy buttons, a post to the URL shows in
 * the channel tagged "webhook", and a revoked hook's URL answers 404.
 */
class WebClientHooksIT {

    private static final ViewportSize DESKTOP = new ViewportSize(1440, 900);

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-hooks", run, run.redis(), Map.of());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
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
    void anAdminMakesAHookCopiesItsUrlOnceSeesItPostAndRevokesIt() {
        String channel = Channels.create(accounts, "deploys");
        Page admin = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD, DESKTOP,
                context -> context.grantPermissions(java.util.List.of("clipboard-read", "clipboard-write")));
        admin.navigate("/#/v/admin");
        Locator section = admin.locator("admin-hooks");
        assertThat(section.locator("[data-testid=no-hooks]")).isVisible();

        Locator form = section.locator("[data-testid=create-hook]");
        form.locator("select[name=channel]").selectOption(channel);
        form.locator("input[name=name]").fill("Deploy bot");
        form.locator("button[type=submit]").click();
        Locator url = section.locator("[data-testid=hook-url]");
        assertThat(url).hasText(java.util.regex.Pattern.compile(".*/hooks/[A-Za-z0-9_-]{43}"));
        assertThat(section.locator("[data-testid=hook-signing-secret]")).hasCount(0);
        section.locator("[data-testid=copy-url]").click();
        assertThat(section.locator("[data-testid=hooks-status]")).hasText("URL copied.");
        String hookUrl = url.textContent().strip();
        assertThat(admin.evaluate("() => navigator.clipboard.readText()")).isEqualTo(hookUrl);
        Locator row = section.locator("[data-testid=hook-row]");
        assertThat(row).hasCount(1);
        assertThat(row).containsText("Deploy bot");
        assertThat(row).containsText("#" + channel);
        section.locator("[data-testid=hide-secrets]").click();
        assertThat(section.locator("[data-testid=hook-secrets]")).hasCount(0);

        URI hook = URI.create(hookUrl);
        RestAssured.given().baseUri(chat.base().toString()).contentType(ContentType.JSON)
                .body("{\"text\":\"Deployed **v1.2**\",\"username\":\"deployer\"}").post(hook.getPath())
                .then().statusCode(200);
        Page member = browser.newPerson(chat.base(), accounts.newMember("watcher").username(), Accounts.PASSWORD, DESKTOP);
        member.locator("channel-sidebar a[data-channel='" + channel + "']").click();
        Locator message = member.locator("message-item [data-testid=message]").filter(new Locator.FilterOptions().setHasText("Deployed"));
        assertThat(message.locator(".author")).hasText("deployer (via Deploy bot)");
        assertThat(message.locator("[data-testid=hook-tag]")).hasText("webhook");
        assertThat(message.locator("strong")).hasText("v1.2");

        form.locator("select[name=kind]").selectOption("github");
        form.locator("select[name=channel]").selectOption(channel);
        form.locator("input[name=name]").fill("GitHub");
        form.locator("input[name=project]").fill("shop");
        form.locator("button[type=submit]").click();
        assertThat(section.locator("[data-testid=hook-signing-secret]")).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}"));
        assertThat(row).hasCount(2);
        assertThat(row.filter(new Locator.FilterOptions().setHasText("GitHub"))).containsText("project shop");

        row.filter(new Locator.FilterOptions().setHasText("Deploy bot")).locator("[data-testid=revoke-hook]").click();
        assertThat(section.locator("[data-testid=hooks-status]")).containsText("Deploy bot was revoked");
        assertThat(row).hasCount(1);
        RestAssured.given().baseUri(chat.base().toString()).contentType(ContentType.JSON)
                .body("{\"text\":\"too late\"}").post(hook.getPath()).then().statusCode(404);
        admin.reload();
        assertThat(admin.locator("admin-hooks [data-testid=hook-row]")).hasCount(1);
        assertThat(admin.locator("admin-hooks [data-testid=hook-secrets]")).hasCount(0); // shown once, never again
    }
}
