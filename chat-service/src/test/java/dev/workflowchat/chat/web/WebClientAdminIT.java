package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.TestRun;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Administration and the person's own profile in the browser, against the built services: people
 * added, given a role, a new password and deactivated; channels created and archived while others
 * watch; a project bound to a channel; what a member may not open; a new display name and password.
 */
class WebClientAdminIT {

    private static final ViewportSize DESKTOP = new ViewportSize(1440, 900);
    private static final ViewportSize PHONE = new ViewportSize(390, 844);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static StateBroadcasterProcess state;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-admin", run, run.redis(), Map.of());
        state = StateBroadcasterProcess.start(run, run.redis());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (state != null) {
            state.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void anAdminAddsAPersonChangesTheirRoleResetsTheirPasswordAndDeactivatesThem() {
        Page admin = adminView(DESKTOP);
        String username = "newbie-" + ProcessHandle.current().pid() % 1000 + "-" + COUNTER.incrementAndGet();
        Locator create = admin.locator("admin-users [data-testid=create-user]");
        create.locator("input[name=username]").fill(username);
        create.locator("input[name=display_name]").fill("New Person");
        create.locator("input[name=password]").fill("first-password-1");
        create.locator("button[type=submit]").click();
        Locator row = userRow(admin, username);
        assertThat(row).containsText("New Person");
        assertThat(row.locator("[data-testid=user-state]")).hasText("Active");

        Page theirs = browser.newPerson(chat.base(), username, "first-password-1", DESKTOP);
        row.locator("select[data-testid=role]").selectOption("approver");
        assertThat(admin.locator("admin-users [data-testid=users-status]")).containsText(username + " is now approver");
        assertThat(row.locator("select[data-testid=role]")).hasValue("approver");
        accounts.request().auth().oauth2(accounts.signIn(username, "first-password-1").token()).get("/api/me")
                .then().statusCode(200).body("roles", org.hamcrest.Matchers.hasItem("approver"));

        row.locator("[data-testid=reset-password]").click();
        Locator dialog = admin.locator("admin-users admin-password-dialog dialog");
        assertThat(dialog).isVisible();
        dialog.locator("button[type=submit]").click();
        Locator generated = dialog.locator("[data-testid=generated-password]");
        assertThat(generated).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9]{16}"));
        String password = generated.textContent().strip();
        dialog.locator("#done").click();
        assertThat(dialog).not().isVisible();
        assertThat(theirs.locator("login-view input[name=username]")).isVisible(); // their session ended
        accounts.request().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "first-password-1"))
                .post("/api/auth/login").then().statusCode(401);

        Page again = browser.newPerson(chat.base(), username, password, DESKTOP); // the new one logs in
        row.locator("[data-testid=toggle-active]").click();
        assertThat(row.locator("[data-testid=user-state]")).hasText("Deactivated");
        assertThat(again.locator("login-view input[name=username]")).isVisible();
        accounts.request().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(401);
    }

    @Test
    void anAdminCantDemoteOrDeactivateThemselves() {
        Page admin = adminView(DESKTOP);
        Locator own = userRow(admin, "admin");
        assertThat(own).containsText("(you)");
        assertThat(own.locator("select[data-testid=role]")).isDisabled();
        assertThat(own.locator("[data-testid=toggle-active]")).isHidden();
    }

    @Test
    void aChannelAnAdminCreatesAndArchivesComesAndGoesInAnotherOpenBrowser() {
        Page watcher = browser.newPerson(chat.base(), accounts.newMember("watcher").username(), Accounts.PASSWORD, DESKTOP);
        Page admin = adminView(PHONE);
        String name = "room-" + ProcessHandle.current().pid() % 1000 + "-" + COUNTER.incrementAndGet();
        Locator create = admin.locator("admin-channels [data-testid=create-channel]");
        create.locator("input[name=name]").fill(name);
        create.locator("input[name=description]").fill("A room for the test");
        create.locator("button[type=submit]").click();
        assertThat(admin.locator("admin-channels [data-testid=channels-status]")).containsText("#" + name + " was created");
        Locator listed = watcher.locator("channel-sidebar a[data-channel='" + name + "']");
        assertThat(listed).isVisible();

        Locator row = admin.locator("admin-channels [data-testid=channel-row][data-channel='" + name + "']");
        row.locator("input[name=title]").fill("Room with a view");
        row.locator("button[type=submit]").click();
        assertThat(listed).containsText("Room with a view");

        row.locator("[data-testid=archive]").click();
        assertThat(listed).hasCount(0);
        Locator archived = admin.locator("admin-channels [data-testid=archived-row][data-channel='" + name + "']");
        assertThat(archived).isVisible();
        archived.locator("[data-testid=unarchive]").click();
        assertThat(listed).isVisible();
    }

    @Test
    void anAdminCreatesAProjectAndBindsItToAChannel() {
        String channel = Channels.create(accounts, "bound");
        String project = "proj" + COUNTER.incrementAndGet() + "x" + ProcessHandle.current().pid() % 1000;
        Page admin = adminView(DESKTOP);
        Locator section = admin.locator("admin-projects");
        assertThat(section.locator("[data-testid=project-list]")).containsText("default");
        section.locator("[data-testid=create-project] input[name=project]").fill(project);
        section.locator("[data-testid=create-project] button[type=submit]").click();
        assertThat(section.locator("[data-testid=project-list]")).containsText(project);

        Locator bind = section.locator("[data-testid=bind-project]");
        bind.locator("input[name=project]").fill(project);
        bind.locator("select[name=channel]").selectOption(channel);
        bind.locator("button[type=submit]").click();
        assertThat(section.locator("[data-testid=projects-status]")).containsText("bound to project " + project);
        Locator row = section.locator("[data-testid=binding-row][data-channel='" + channel + "']");
        assertThat(row.locator("[data-testid=bound-project]")).hasText(project);

        row.locator("[data-testid=unbind]").click();
        assertThat(row.locator("[data-testid=bound-project]")).hasText("default project");
    }

    @Test
    void aMemberSeesNoAdministrationAndIsToldSoAtItsAddress() {
        Page member = browser.newPerson(chat.base(), accounts.newMember("plain").username(), Accounts.PASSWORD, DESKTOP);
        assertThat(member.locator("channel-sidebar a[data-view=settings]")).isVisible();
        assertThat(member.locator("channel-sidebar a[data-view=admin]")).hasCount(0);
        member.navigate("/#/v/admin");
        assertThat(member.locator("main-view h1")).hasText("Not here");
        assertThat(member.locator("main-view")).containsText("No view admin that you may open.");
        assertThat(member.locator("admin-view")).hasCount(0);
    }

    @Test
    void aPersonChangesTheirDisplayNameOthersSeeItAndTheirPassword() {
        SignedIn person = accounts.newMember("renamed");
        String channel = Channels.create(accounts, "names");
        try (ChatClient client = ChatClient.connect(chat.base(), person.token())) {
            client.post(channel, "a message before the new name");
        }
        Page other = browser.newPerson(chat.base(), accounts.newMember("reader").username(), Accounts.PASSWORD, DESKTOP);
        WebClientIT.open(other, channel);
        Locator theirMessage = WebClientIT.message(other, "a message before the new name");
        assertThat(theirMessage.locator(".author")).hasText("User " + person.username());

        Page page = browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD, PHONE);
        page.navigate("/#/v/settings");
        Locator profile = page.locator("profile-settings");
        profile.locator("input[name=display_name]").fill("Renée Renamed");
        profile.locator("[data-testid=profile-form] button[type=submit]").click();
        assertThat(profile.locator("[data-testid=profile-status]")).containsText("Renée Renamed");
        assertThat(theirMessage.locator(".author")).hasText("Renée Renamed");
        assertThat(page.locator("channel-sidebar [data-testid=me]")).hasText("Renée Renamed");

        profile.locator("[data-testid=change-password]").click();
        Locator dialog = profile.locator("password-dialog dialog");
        dialog.locator("#current").fill(Accounts.PASSWORD);
        dialog.locator("#next").fill("a-brand-new-passphrase");
        dialog.locator("#again").fill("a-brand-new-passphrase");
        dialog.locator("button[type=submit]").click();
        assertThat(dialog.locator("[data-testid=password-changed]")).isVisible();
        accounts.signIn(person.username(), "a-brand-new-passphrase");
    }

    @Test
    void theAdministrationAndSettingsViewsHaveNoModerateOrWorseAccessibilityViolations() {
        List<String> found = new ArrayList<>();
        for (ViewportSize size : List.of(DESKTOP, PHONE)) {
            Page admin = adminView(size);
            assertThat(userRow(admin, "admin")).isVisible();
            Axe.moderateViolations(admin).forEach(v -> found.add(size.width + "×" + size.height + " admin " + v));
            admin.navigate("/#/v/settings");
            assertThat(admin.locator("profile-settings input[name=display_name]")).isVisible();
            Axe.moderateViolations(admin).forEach(v -> found.add(size.width + "×" + size.height + " settings " + v));
            admin.context().close();
        }
        assertThat(found).isEmpty();
    }

    // ---- helpers

    private static Page adminView(ViewportSize size) {
        Page page = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD, size);
        page.navigate("/#/v/admin");
        assertThat(page.locator("main-view h1")).hasText("Administration");
        return page;
    }

    private static Locator userRow(Page page, String username) {
        return page.locator("admin-users [data-testid=user-row][data-username='" + username + "']");
    }
}
