package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.infra.TestRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval cards in Debian's Chromium, drawn from records shaped as docs/protocol.md's
 * Approval, with the page's store on a socket the test holds: what each card shows and which frame
 * each decision sends, without an agent or a second approver.
 */
class WebClientApprovalCardsIT {

    /**
     * Installs {@code window.t}: the held socket under the page's own store (signed in as the
     * approver ann), a record builder, a bounded wait, and {@code show(template)} that renders into
     * the page in place of the app.
     */
    private static final String FIXTURE = """
            async () => {
              const { html, render } = await import('lit');
              const { appStore } = await import('/app/state/app-store.js');
              class HeldSocket extends EventTarget {
                constructor() { super(); this.asked = []; this.state = 'open'; }
                request(frame) { return new Promise((resolve, reject) => this.asked.push({ frame, resolve, reject })); }
                notify() {}
                connect() {}
                close() {}
              }
              const store = appStore();
              const socket = new HeldSocket();
              store._actions.socket = socket;
              store._offline.socket = socket; // decisions go through the offline queue (offline-queue.js)
              document.querySelector('chat-app')?.remove();
              store.apply({ type: 'ready', reconnected: true, user: { username: 'ann', roles: ['approver'] }, channels: [] });
              const root = document.createElement('div');
              root.id = 'fixture';
              document.body.append(root);
              window.t = {
                html, store, socket,
                approval: (id, fields = {}) => ({ approval_id: id, request_type: 'code_change', title: 'Request ' + id,
                  payload: {}, status: 'pending', requested_by: 'code', requested_at: new Date().toISOString(),
                  expires_at: new Date(Date.now() + 750000).toISOString(), decided_by: null, decided_at: null,
                  comment: null, modifications: null, message_id: 'm-' + id, channel: 'workflow', project: null,
                  risk: 'medium', context: null, required_approvals: 1, votes: [], on_expiry: 'reject',
                  escalate_to: 'role:admin', mode: 'strict', rule_id: null, group_id: null, explanation: null,
                  ...fields }),
                show: (template) => render(template, root),
                asked: (n) => new Promise((resolve, reject) => {
                  const end = performance.now() + 10000;
                  const check = () => socket.asked.length >= n ? resolve(socket.asked[n - 1].frame)
                    : performance.now() > end ? reject(new Error('no frame ' + n)) : setTimeout(check, 20);
                  check();
                }),
                answer: (n, answer) => socket.asked[n - 1].resolve(answer),
              };
            }""";

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static Browser browser;
    private Page page;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-cards", run, run.redis(), Map.of());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
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

    @BeforeEach
    void openPage() {
        page = browser.newPage(chat.base(), "cards");
        // the page on the app's source modules, whose store and components the fixture imports by path
        // (index.html runs the bundle, which has its own copies of them)
        page.navigate("/modules.html");
        page.locator("login-view").waitFor();
        page.evaluate(FIXTURE);
    }

    @Test
    void aCardShowsItsRiskContextExplanationAndWhatExpiryDoes() {
        show("""
                t.approval('a1', { risk: 'high', title: 'Push the fix',
                  context: { reason: 'login is broken in production', command: 'git push origin main',
                    diff: '-    return False\\n+    return check(token)', story_id: 'S3', tdd_phase: 'CODE_GREEN',
                    links: ['https://ci.example/run/7', 'javascript:alert(1)'] },
                  explanation: { approve: 'The agent applies the change.', reject: 'Nothing is changed.',
                    why: 'Code changes land in the product.' } })""");
        Locator card = page.locator("[data-testid=approval-card]");

        assertThat(card.locator("[data-testid=risk]")).hasText("High risk");
        assertThat(card.locator("[data-testid=risk]")).hasAttribute("data-risk", "high");
        assertThat(card.locator("[data-testid=context-reason]")).containsText("login is broken in production");
        assertThat(card.locator("[data-testid=context-command]")).containsText("git push origin main");
        assertThat(card.locator("[data-testid=context-story]")).containsText("S3");
        assertThat(card.locator("[data-testid=context-story]")).containsText("CODE_GREEN");
        assertThat(card.locator("[data-testid=context-links] a")).hasCount(1); // only web addresses are links
        assertThat(card.locator("[data-testid=context-diff] pre")).not().isVisible();
        card.locator("[data-testid=context-diff] summary").click();
        assertThat(card.locator("[data-testid=context-diff] pre")).containsText("check(token)");
        // drawn before highlight.js was loaded (it is no part of the first load), highlighted once it is
        assertThat(card.locator("[data-testid=context-diff] pre .hljs-addition")).containsText("check(token)");
        assertThat(card.locator("[data-testid=explanation]")).containsText("Approving will: The agent applies the change.");
        assertThat(card.locator("[data-testid=explanation]")).containsText("Rejecting will: Nothing is changed.");
        assertThat(card.locator("[data-testid=explanation]")).containsText("Why this needs approval: Code changes");
        assertThat(card.locator("[data-testid=expires]")).containsText("· then rejected");
        assertThat(card.locator("[data-testid=quorum]")).hasCount(0);

        show("t.approval('a2', { risk: 'low', on_expiry: 'approve', context: { diff: '+x' }, payload: { diff: '+x' } })");
        assertThat(card.locator("[data-testid=expires]")).containsText("· then approved (low risk)");
        assertThat(card.locator("[data-testid=context-diff]")).hasCount(0); // the payload shows it already
    }

    @Test
    void aQuorumCountsVotesAndAVoterIsNotOfferedApproveAgain() {
        show("t.approval('q1', { required_approvals: 2 })");
        Locator card = page.locator("[data-testid=approval-card]");
        assertThat(card.locator("[data-testid=quorum]")).hasText("0 of 2 approvals");

        card.locator("[data-action=approve]").click();
        assertThat(frame(1)).containsEntry("type", "approval.respond").containsEntry("approval_id", "q1")
                .containsEntry("action", "approve").doesNotContainKey("remember");
        answer(1, "{ type: 'ack', approval: t.approval('q1', { required_approvals: 2, votes: [{ by: 'ann', at: new Date().toISOString() }] }) }");
        // the store keeps the ack's record; the card follows it as the message's card does
        show("t.store.approvals.get('q1')");
        assertThat(card.locator("[data-testid=quorum]")).containsText("1 of 2 approvals");
        assertThat(card.locator("[data-testid=quorum]")).containsText("approved by ann");
        assertThat(card.locator("[data-testid=voted]")).isVisible();
        assertThat(card.locator("[data-action=approve]")).hasCount(0);
        assertThat(card.locator("[data-action=remember]")).hasCount(0);
        assertThat(card.locator("[data-action=reject]")).isVisible();

        show("t.approval('q2', { requested_by: 'ann', request_type: 'parallel_execution', required_approvals: 2 })");
        assertThat(card.locator("[data-testid=own-request]")).isVisible(); // never counts toward one's own request
        assertThat(card.locator("[data-action=approve]")).hasCount(0);
    }

    @Test
    void approveAndDoNotAskAgainSendsTheRuleAndIsNotOfferedForCritical() {
        show("t.approval('r1', { requested_by: 'builder', context: { command: 'npm test -- --coverage' } })");
        Locator card = page.locator("[data-testid=approval-card]");
        card.locator("[data-action=remember]").click();
        Locator form = card.locator("[data-testid=remember-form]");
        assertThat(form).isVisible();
        assertThat(form.locator("input[name=scope][value=type]")).isFocused();
        assertThat(form.locator("[data-testid=remember-prefix]")).hasValue("npm test");

        page.keyboard().press("Escape");
        assertThat(form).hasCount(0);
        assertThat(card.locator("[data-action=remember]")).isFocused();

        card.locator("[data-action=remember]").press("Enter");
        form.locator("[data-testid=remember-prefix]").fill("**");
        form.locator("[data-action=remember-submit]").click();
        assertThat(form.locator("[role=alert]")).containsText("letter or digit");
        form.locator("[data-testid=remember-prefix]").fill("npm test");
        form.locator("input[name=until][value=revoked]").check();
        form.locator("[data-action=remember-submit]").click();
        assertThat(frame(1)).containsEntry("type", "approval.respond").containsEntry("action", "approve")
                .containsEntry("remember", Map.of("until", "revoked", "command_prefix", "npm test"));
        answer(1, "{ type: 'ack', approval: t.approval('r1', { status: 'approved', decided_by: 'ann', decided_at: new Date().toISOString() }) }");
        show("t.store.approvals.get('r1')");
        assertThat(card).hasAttribute("data-status", "approved");
        assertThat(card.locator("[data-testid=card-title]")).hasText("✅ Approved by ann");

        show("t.approval('r2', { risk: 'critical' })");
        assertThat(card.locator("[data-testid=risk]")).hasText("Critical risk");
        assertThat(card.locator("[data-action=approve]")).isVisible();
        assertThat(card.locator("[data-action=remember]")).hasCount(0);
    }

    @Test
    void aDecisionByPolicyRuleOrExpirySaysSoPlainly() {
        String decided = "{ status: 'approved', decided_at: new Date().toISOString() }";
        show("t.approval('p1', { ..." + decided + ", decided_by: 'policy:rapid', risk: 'low' })");
        Locator outcome = page.locator("[data-testid=approval-card] [data-testid=card-title]");
        assertThat(outcome).containsText("Auto-approved by policy (rapid mode)");
        show("t.approval('p2', { ..." + decided + ", decided_by: 'rule:R3', rule_id: 'R3' })");
        assertThat(outcome).containsText("Approved by standing rule R3");
        show("t.approval('p3', { ..." + decided + ", decided_by: 'system', risk: 'low', on_expiry: 'approve' })");
        assertThat(outcome).containsText("Approved on expiry");
    }

    @Test
    void aFlowGroupDecidesChosenRowsInOneFrameAndShowsEachRowsResult() {
        page.setViewportSize(390, 844); // a phone: the group's rows and buttons fit
        page.evaluate("""
                () => {
                  const first = t.approval('g1', { mode: 'flow', title: 'Format auth.py' });
                  t.store.apply({ type: 'approval.requested', approval: first });
                  t.store.apply({ type: 'approval.requested', approval: t.approval('g2', { mode: 'flow', group_id: 'g1',
                    message_id: null, title: 'Format login.py', risk: 'low' }) });
                  t.store.apply({ type: 'approval.requested', approval: t.approval('g3', { mode: 'flow', group_id: 'g1',
                    message_id: null, title: 'Format session.py', risk: 'high' }) });
                  t.show(t.html`<approval-message .message=${{ message_id: 'm-g1', channel: 'workflow', content: 'x',
                    metadata: { type: 'approval_request', approval_id: 'g1' } }}></approval-message>`);
                }""");
        Locator group = page.locator("[data-testid=approval-group]");
        Locator rows = group.locator("[data-testid=group-row]");
        assertThat(rows).hasCount(3);
        assertThat(rows.nth(0)).containsText("Format auth.py");
        assertThat(rows.nth(2).locator("[data-testid=risk]")).hasText("High risk");
        assertThat(group.locator("[data-action=approve-selected]")).isDisabled();
        assertThat(page.locator("#fixture").evaluate("f => f.scrollWidth <= document.documentElement.clientWidth"))
                .isEqualTo(true);

        rows.nth(0).locator("[data-testid=group-select]").check();
        rows.nth(1).locator("[data-testid=group-select]").check();
        group.locator("[data-action=approve-selected]").click();
        assertThat(frame(1)).containsEntry("type", "approval.respond_many").containsEntry("action", "approve")
                .containsEntry("approval_ids", List.of("g1", "g2"));
        answer(1, """
                { type: 'ack', results: [
                  { approval_id: 'g1', result: 'decided', approval: t.approval('g1', { mode: 'flow', title: 'Format auth.py',
                    status: 'approved', decided_by: 'ann', decided_at: new Date().toISOString() }) },
                  { approval_id: 'g2', result: 'conflict' }] }""");
        assertThat(rows.nth(0)).hasAttribute("data-status", "approved");
        assertThat(rows.nth(0).locator("[data-testid=row-status]")).hasText("✅ Approved by ann");
        assertThat(rows.nth(1).locator("[data-testid=row-failure]")).containsText("Already decided");

        rows.nth(2).locator("[data-testid=group-select]").check();
        group.locator("[data-action=reject-selected]").click();
        assertThat(group.locator("input.reason")).isFocused();
        page.keyboard().press("Escape");
        assertThat(group.locator("input.reason")).hasCount(0);
        assertThat(group.locator("[data-action=reject-selected]")).isFocused();
        group.locator("[data-action=reject-selected]").press("Enter");
        group.locator("[data-action=group-reject-confirm]").click();
        assertThat(group.locator("[role=alert]").last()).containsText("A reason is required");
        group.locator("input.reason").fill("not now");
        group.locator("input.reason").press("Enter");
        Map<String, Object> reject = frame(2);
        assertThat(reject).containsEntry("action", "reject").containsEntry("comment", "not now")
                .containsEntry("approval_ids", List.of("g3"));
        Browser.screenshot(page, "approval-group-phone");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStoreKeepsVotesAndGathersAFlowGroupUnderItsFirstRequest() {
        Map<String, Object> seen = (Map<String, Object>) page.evaluate("""
                async () => {
                  const { applyFrame, initialState } = await import('/app/state/frame-reducer.js');
                  const state = initialState();
                  const apply = (type, approval) => applyFrame(state, { type, approval }, { visible: false });
                  const out = {};
                  out.first = apply('approval.requested', t.approval('f1', { mode: 'flow', group_id: 'f1' }));
                  out.member = apply('approval.requested', t.approval('f2', { mode: 'flow', group_id: 'f1' }));
                  const before = state.groups.get('f1');
                  out.vote = apply('approval.updated', t.approval('f2', { mode: 'flow', group_id: 'f1',
                    required_approvals: 2, votes: [{ by: 'bob' }] }));
                  out.newList = state.groups.get('f1') !== before;
                  out.group = state.groups.get('f1').map((a) => a.approval_id);
                  out.votes = state.groups.get('f1')[0].votes.length;
                  return out;
                }""");

        assertThat(seen.get("first")).isNull(); // the first names itself: it is the group's card, not a row
        assertThat(seen).containsEntry("member", Map.of("loadGroup", "f1")).containsEntry("newList", true)
                .containsEntry("group", List.of("f2")).containsEntry("votes", 1);
        assertThat(seen.get("vote")).isNull();
    }

    @Test
    void aDecidedCardSaysItsOutcomeOnceWithOneTimeFormatAndWhatAModifyChanged() {
        String tenMinutesAgo = "new Date(Date.now() - 600000).toISOString()";
        show("t.approval('d1', { status: 'approved', decided_by: 'alice', decided_at: " + tenMinutesAgo + " })");
        Locator card = page.locator("[data-testid=approval-card]");
        assertThat(card.locator("[data-testid=card-title]")).hasText("✅ Approved by alice");
        assertThat(card.locator("[data-testid=decided-at]")).hasText("10 min ago");
        assertThat(card.locator("[data-testid=decided-at]")).hasAttribute("title", java.util.regex.Pattern.compile("\\d"));
        String text = card.innerText();
        assertThat(java.util.regex.Pattern.compile("alice").matcher(text).results().count()).as(text).isEqualTo(1);

        show("t.approval('d2', { status: 'rejected', decided_by: 'bob', comment: 'not now', decided_at: " + tenMinutesAgo + " })");
        assertThat(card.locator("[data-testid=card-title]")).hasText("❌ Rejected by bob");
        assertThat(card.locator("[data-testid=outcome]")).containsText("not now");
        show("t.approval('d3', { status: 'expired', decided_by: 'system', decided_at: " + tenMinutesAgo + " })");
        assertThat(card.locator("[data-testid=card-title]")).hasText("⌛ Expired: no decision in time");
        show("t.approval('d4', { status: 'approved', decided_by: 'alice', decided_at: " + tenMinutesAgo
                + ", payload: { replicas: 2, target: 'staging' }, modifications: { replicas: 3, target: 'staging' } })");
        assertThat(card.locator("[data-testid=card-title]")).hasText("✏️ Modified and approved by alice");
        assertThat(card.locator("[data-testid=changes] tbody tr")).hasCount(1);
        assertThat(card.locator("[data-testid=changes] tbody tr")).containsText("replicas");
        assertThat(card.locator("[data-testid=changes] tbody td").nth(0)).hasText("2");
        assertThat(card.locator("[data-testid=changes] tbody td").nth(1)).hasText("3");
    }

    @Test
    void detailsAreATableAndBatchItemsThatAreObjectsReadAsTheirFields() {
        show("""
                t.approval('b1', { request_type: 'batch_changes', payload: { description: 'Tidy up',
                  items: [{ file: 'a.py', lines: 3 }, { title: 'Named item' }, 'plain'], options: { deep: { x: [1, 2] } } } })""");
        Locator card = page.locator("[data-testid=approval-card]");
        Locator payload = card.locator("approval-payload");
        assertThat(payload).containsText("file: a.py, lines: 3");
        assertThat(payload).containsText("Named item");
        assertThat(payload).not().containsText("null");

        card.locator("[data-action=details]").click();
        Locator details = card.locator("[data-testid=details]");
        assertThat(details).isVisible();
        assertThat(card.locator("pre.details")).hasCount(0); // no raw JSON
        assertThat(details.locator("th", new Locator.LocatorOptions().setHasText("Requested by"))).isVisible();
        Locator items = details.locator("th:text-is('items') + td > ol > li");
        assertThat(items).hasCount(3);
        assertThat(items.nth(0).locator("th", new Locator.LocatorOptions().setHasText("file"))).isVisible();
        assertThat(items.nth(0)).containsText("a.py");
        assertThat(items.nth(2)).hasText("plain");
        assertThat(details).not().containsText("null");
        assertThat(details.locator("th:text-is('deep') + td")).containsText("1");
    }

    @Test
    void modifyIsAFormThatSendsTheEditedPayloadAndRefusesANonNumber() {
        show("t.approval('m1', { payload: { target: 'staging', replicas: 2, dry_run: true, config: { a: 1 } } })");
        Locator card = page.locator("[data-testid=approval-card]");
        card.locator("[data-action=modify]").click();
        Locator form = card.locator("[data-testid=modify-form]");
        assertThat(form.locator("input[data-field=target]")).isFocused();
        assertThat(form.locator("input[data-field=replicas]")).hasValue("2");
        assertThat(form.locator("textarea[data-field=config]")).isVisible();

        form.locator("input[data-field=replicas]").fill("2x");
        form.locator("[data-action=modify-submit]").click();
        assertThat(form.locator("[data-testid=modify-error]")).containsText("“replicas” must be a number");
        form.locator("input[data-field=replicas]").fill("4");
        form.locator("textarea[data-field=config]").fill("{ broken");
        form.locator("[data-action=modify-submit]").click();
        assertThat(form.locator("[data-testid=modify-error]")).containsText("“config” must be JSON");
        assertThat(page.evaluate("() => t.socket.asked.length")).isEqualTo(0); // nothing was sent

        form.locator("[data-action=modify-advanced]").click(); // what can't be read is not carried over
        assertThat(form.locator("[data-testid=modify-raw]")).hasCount(0);
        form.locator("textarea[data-field=config]").fill("{\"a\": 2}");
        form.locator("[data-action=modify-advanced]").click();
        assertThat(form.locator("[data-testid=modify-raw]")).isVisible();
        assertThat(form.locator("[data-testid=modify-raw]")).hasValue(java.util.regex.Pattern.compile("\"replicas\": 4"));
        form.locator("[data-action=modify-advanced]").click();
        assertThat(form.locator("input[data-field=replicas]")).hasValue("4");
        form.locator("input[data-field=dry_run]").uncheck();
        form.locator("[data-action=modify-submit]").click();
        Map<String, Object> sent = frame(1);
        assertThat(sent).containsEntry("type", "approval.respond").containsEntry("action", "modify")
                .containsEntry("modifications", Map.of("target", "staging", "replicas", 4, "dry_run", false, "config", Map.of("a", 2)));
    }

    // ---- helpers

    private void show(String approvalExpression) {
        page.evaluate("() => t.show(t.html`<approval-card .approval=${" + approvalExpression + "}></approval-card>`)");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> frame(int n) {
        return (Map<String, Object>) page.evaluate("n => t.asked(n)", n);
    }

    private void answer(int n, String answer) {
        page.evaluate("() => t.answer(" + n + ", " + answer + ")");
    }
}
