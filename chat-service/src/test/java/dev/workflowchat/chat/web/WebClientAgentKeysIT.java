package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.TestRun;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agent keys in the administration view, against the built chat-service: an admin mints one and
 * sees its secret once, the key lets the official MCP client in at /mcp, the admin revokes it
 * after a confirmation and the key is refused; a member gets neither the section nor the list.
 */
class WebClientAgentKeysIT {

    private static final ViewportSize DESKTOP = new ViewportSize(1440, 900);
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
            "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";

    /** Every button and input of the section smaller than 44×44 px, described. */
    private static final String SMALL_CONTROLS = """
            (section) => {
              return [...section.shadowRoot.querySelectorAll('button, input')].filter((el) => {
                const r = el.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && (r.width < 43.5 || r.height < 43.5);
              }).map((el) => `${el.localName} [${el.dataset.testid ?? el.name ?? ''}] ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
            }""";

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-agent-keys", run, run.redis(), Map.of());
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
    void anAdminMintsAKeyThatWorksAtMcpSeesItsSecretOnceAndRevokesIt() {
        String agent = McpAgents.newAgent();
        Page admin = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD, DESKTOP,
                context -> context.grantPermissions(List.of("clipboard-read", "clipboard-write")));
        admin.navigate("/#/v/admin");
        Locator section = admin.locator("admin-agent-keys");
        Locator mint = section.locator("[data-testid=mint-key]");
        mint.locator("input[name=agent]").fill(agent);
        mint.locator("input[name=label]").fill("claude on a laptop");
        mint.locator("input[name=expires_in_days]").fill("30");
        mint.locator("button[type=submit]").click();

        Locator minted = section.locator("[data-testid=minted-key]");
        assertThat(minted).containsText("you won't see it again");
        assertThat(section.locator("#minted-title")).isFocused();
        String secret = minted.locator("[data-testid=key-secret]").textContent().strip();
        assertThat(secret).startsWith("wfk_");
        minted.locator("[data-testid=copy-secret]").click();
        assertThat(minted.locator("[data-testid=copy-secret]")).hasText("Copied");
        assertThat(admin.evaluate("() => navigator.clipboard.readText()")).isEqualTo(secret);

        Locator row = section.locator("[data-testid=key-row][data-agent='" + agent + "']");
        assertThat(row).containsText("claude on a laptop");
        assertThat(row.locator("[data-testid=key-state]")).hasText("Active");
        assertThat(row.locator("[data-testid=key-prefix]")).hasText(secret.substring(0, 12) + "…");
        assertThat(row.locator("[data-testid=key-last-used]")).hasText("never");

        minted.locator("[data-testid=dismiss-secret]").click();
        assertThat(minted).hasCount(0);
        assertThat(section.locator("input[name=agent]")).isFocused();
        admin.reload();
        assertThat(row).isVisible();
        assertThat((String) admin.evaluate("() => document.documentElement.outerHTML + JSON.stringify(localStorage)"))
                .doesNotContain(secret);
        assertThat(section.locator("[data-testid=key-secret]")).hasCount(0);

        try (McpSyncClient client = new McpAgents(chat.base()).connect(secret)) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("post_message");
        }

        row.locator("[data-testid=revoke]").click();
        assertThat(row.locator("[data-testid=confirm-revoke]")).isFocused();
        row.locator("[data-testid=cancel-revoke]").click(); // changing one's mind keeps the key
        assertThat(row.locator("[data-testid=revoke]")).isFocused();
        initialize(secret).then().statusCode(200);

        row.locator("[data-testid=revoke]").click();
        row.locator("[data-testid=confirm-revoke]").click();
        assertThat(section.locator("[data-testid=keys-status]")).containsText("was revoked");
        assertThat(row.locator("[data-testid=key-state]")).hasText("Revoked");
        assertThat(row.locator("[data-testid=revoke]")).hasCount(0);
        assertThat(row.locator("[data-testid=key-last-used]")).not().hasText("never");
        initialize(secret).then().statusCode(401);
    }

    @Test
    void aMemberSeesNoAgentKeysAndMayNotListThem() {
        Accounts.SignedIn member = accounts.newMember("nokeys");
        Page page = browser.newPerson(chat.base(), member.username(), Accounts.PASSWORD, DESKTOP);
        page.navigate("/#/v/admin");
        assertThat(page.locator("main-view h1")).hasText("Not here");
        assertThat(page.locator("admin-agent-keys")).hasCount(0);
        accounts.request().auth().oauth2(member.token()).get("/api/agent-keys").then().statusCode(403);
        accounts.request().auth().oauth2(member.token()).contentType(ContentType.JSON).body("{}")
                .post("/api/agents/sneaky/keys").then().statusCode(403);
    }

    @Test
    void aBadAgentNameIsSaidInTheSectionAndNothingIsMinted() {
        Page admin = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD, DESKTOP);
        admin.navigate("/#/v/admin");
        Locator section = admin.locator("admin-agent-keys");
        Locator mint = section.locator("[data-testid=mint-key]");
        mint.locator("input[name=agent]").fill("ok-agent");
        mint.locator("input[name=expires_in_days]").fill("5000"); // the form's max; the server's too
        mint.locator("input[name=expires_in_days]").evaluate("input => input.removeAttribute('max')");
        mint.locator("button[type=submit]").click();
        assertThat(section.locator("[data-testid=keys-error]")).containsText("Expires_in_days: 1 to 3650");
        assertThat(section.locator("[data-testid=minted-key]")).hasCount(0);
    }

    @Test
    void theSectionHasNoSeriousAccessibilityViolationsAnd44PixelTargetsOnAPhone() {
        Page phone = browser.newPhone(chat.base(), "admin", TestServices.ADMIN_PASSWORD);
        phone.navigate("/#/v/admin");
        Locator section = phone.locator("admin-agent-keys");
        Locator mint = section.locator("[data-testid=mint-key]");
        String agent = McpAgents.newAgent();
        mint.locator("input[name=agent]").fill(agent);
        mint.locator("input[name=project]").fill("default");
        mint.locator("button[type=submit]").tap();
        assertThat(section.locator("[data-testid=minted-key]")).isVisible();
        Locator row = section.locator("[data-testid=key-row][data-agent='" + agent + "']");
        row.locator("[data-testid=revoke]").tap();
        assertThat(row.locator("[data-testid=confirm-revoke]")).isVisible();

        List<String> found = new ArrayList<>(Axe.seriousViolations(phone));
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) section.evaluate(SMALL_CONTROLS);
        found.addAll(small.stream().map(control -> "under 44×44: " + control).toList());
        Page desktop = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD, DESKTOP);
        desktop.navigate("/#/v/admin");
        assertThat(desktop.locator("admin-agent-keys [data-testid=key-row]").first()).isVisible();
        Axe.seriousViolations(desktop).forEach(violation -> found.add("desktop " + violation));
        assertThat(found).isEmpty();
    }

    private static io.restassured.response.Response initialize(String key) {
        return RestAssured.given().baseUri(chat.base().toString()).header("Authorization", "Bearer " + key)
                .accept("application/json, text/event-stream").contentType(ContentType.JSON).body(INITIALIZE)
                .post("/mcp");
    }
}
