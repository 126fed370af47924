package dev.workflowchat.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
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
 * The web client's store, module by module, in Debian's Chromium: the ES modules the chat-service
 * serves, imported into a page of the app and driven with frames a test writes, over a socket
 * that answers only when the test says so.
 */
class WebClientStoreIT {

    /** Helpers every script starts with: a socket held by the test, and a bounded wait on a condition. */
    private static final String PRELUDE = """
            class HeldSocket extends EventTarget {
              constructor() { super(); this.asked = []; this.told = []; }
              request(frame) { return new Promise((resolve, reject) => this.asked.push({ frame, resolve, reject })); }
              notify(frame) { this.told.push(frame); }
              connect() {}
              close() {}
            }
            const until = async (what, condition) => {
              const end = performance.now() + 10000;
              while (!condition()) {
                if (performance.now() > end) { throw new Error('waited 10 s for ' + what); }
                await new Promise((resolve) => requestAnimationFrame(resolve));
              }
            };
            const message = (id, channel, seq, fields = {}) => ({ message_id: id, channel, seq, content: 'm ' + id,
              author_type: 'user', author_id: 'bob', author_name: 'Bob', created_at: '2026-01-01T00:00:00Z',
              reactions: {}, attachments: [], metadata: {}, ...fields });
            """;

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static Browser browser;
    private Page page;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-store", run, run.redis(), Map.of());
        browser = Browser.launch();
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
        page = browser.newPage(chat.base(), "store");
    }

    @Test
    void theReducerAppliesMessagesEditsDeletesAndReactionDeltas() {
        Map<String, Object> seen = evaluate("""
                const { applyFrame, initialState } = await import('/app/state/frame-reducer.js');
                const state = initialState();
                state.user = { username: 'ann' };
                state.current = 'room';
                state.channels = [{ name: 'room', unread: 0, last_seq: 0 }, { name: 'other', unread: 0, last_seq: 0 }];
                const apply = (frame) => applyFrame(state, frame, { visible: true });
                const m1 = () => state.messages.message('m1');
                const out = {};
                out.createdElsewhere = apply({ type: 'message.created', message: message('m1', 'other', 1) });
                apply({ type: 'message.created', message: message('m1', 'other', 1) });
                out.afterTwice = state.messages.list('other').map((m) => m.message_id);
                out.unread = state.channels.find((c) => c.name === 'other').unread;
                out.lastSeq = state.channels.find((c) => c.name === 'other').last_seq;
                apply({ type: 'message.created', message: message('m2', 'other', 2, { thread_id: 'm1' }) });
                out.replyCount = m1().reply_count;
                out.unreadAfterReply = state.channels.find((c) => c.name === 'other').unread;
                apply({ type: 'message.edited', message: message('m1', 'other', 1, { content: 'edited',
                  edited_at: '2026-01-01T00:01:00Z' }) });
                out.edited = m1().content;
                apply({ type: 'message.created', message: message('m1', 'other', 1) });
                out.editKeptAgainstOlderCopy = m1().content;
                apply({ type: 'reaction.added', message_id: 'm1', reaction: '👍', user_id: 'ann' });
                apply({ type: 'reaction.added', message_id: 'm1', reaction: '👍', user_id: 'bob' });
                apply({ type: 'reaction.added', message_id: 'm1', reaction: '👍', user_id: 'ann' });
                out.reactedTwice = [...m1().reactions['👍']].sort(); // a set: one entry a person, whatever came twice
                apply({ type: 'reaction.removed', message_id: 'm1', reaction: '👍', user_id: 'ann' });
                out.afterOneRemoved = m1().reactions['👍'];
                apply({ type: 'reaction.removed', message_id: 'm1', reaction: '👍', user_id: 'bob' });
                out.reactionsLeft = Object.keys(m1().reactions);
                apply({ type: 'message.deleted', message_id: 'm2', deleted_at: '2026-01-01T00:02:00Z' });
                const m2 = state.messages.message('m2');
                out.deleted = [m2.deleted_at, m2.content];
                out.replyCountAfterDelete = m1().reply_count;
                out.createdHere = apply({ type: 'message.created', message: message('m3', 'room', 3) });
                out.firstReady = apply({ type: 'ready', user: { username: 'ann' }, channels: state.channels });
                out.reconnectReady = apply({ type: 'ready', reconnected: true, user: { username: 'ann' },
                  channels: state.channels });
                return out;
                """);

        assertThat(seen.get("createdElsewhere")).isNull();
        assertThat(seen.get("afterTwice")).isEqualTo(List.of("m1"));
        assertThat(seen).containsEntry("unread", 1).containsEntry("lastSeq", 1)
                .containsEntry("replyCount", 1).containsEntry("unreadAfterReply", 1)
                .containsEntry("edited", "edited").containsEntry("editKeptAgainstOlderCopy", "edited")
                .containsEntry("reactedTwice", List.of("ann", "bob"))
                .containsEntry("afterOneRemoved", List.of("bob"))
                .containsEntry("reactionsLeft", List.of())
                .containsEntry("deleted", List.of("2026-01-01T00:02:00Z", ""))
                .containsEntry("replyCountAfterDelete", 0)
                .containsEntry("createdHere", Map.of("markRead", "room"))
                .containsEntry("firstReady", Map.of("select", "room"));
        assertThat(seen.get("reconnectReady")).isNull();
    }

    @Test
    void aSendShowsAtOnceAndIsReplacedByTheAckedMessageExactlyOnce() {
        Map<String, Object> seen = evaluate("""
                const { initialState } = await import('/app/state/frame-reducer.js');
                const { applyFrame } = await import('/app/state/frame-reducer.js');
                const { LocalEcho } = await import('/app/state/local-echo.js');
                const state = initialState();
                state.user = { username: 'ann', display_name: 'Ann' };
                state.current = 'room';
                state.channels = [{ name: 'room', unread: 0, last_seq: 0 }];
                const socket = new HeldSocket();
                let changes = 0;
                const echo = new LocalEcho(state, socket, () => changes++, () => {});
                const shown = () => state.messages.list('room').map((m) => m.message_id ?? (m.pending ? 'pending' : 'echo'));
                const out = {};
                const sent = echo.send('  hello  ', { channel: 'room' });
                out.atOnce = shown();
                out.echoText = state.messages.list('room')[0].content;
                out.changedAtOnce = changes > 0;
                await until('the send to reach the socket', () => socket.asked.length === 1);
                out.asked = socket.asked[0].frame;
                // the broadcast comes before the ack: the stored message beside the echo until the ack
                applyFrame(state, { type: 'message.created', message: message('m1', 'room', 1,
                  { author_id: 'ann', content: 'hello' }) }, { visible: false });
                out.beforeAck = shown();
                socket.asked[0].resolve({ type: 'ack', message: message('m1', 'room', 1, { author_id: 'ann', content: 'hello' }) });
                await sent;
                out.afterAck = shown();
                const second = echo.send('again', { channel: 'room' });
                await until('the second send to reach the socket', () => socket.asked.length === 2);
                socket.asked[1].resolve({ type: 'ack', message: message('m2', 'room', 2, { author_id: 'ann', content: 'again' }) });
                await second;
                applyFrame(state, { type: 'message.created', message: message('m2', 'room', 2,
                  { author_id: 'ann', content: 'again' }) }, { visible: false });
                out.ackThenBroadcast = shown();
                const failing = echo.send('lost', { channel: 'room' });
                await until('the third send to reach the socket', () => socket.asked.length === 3);
                socket.asked[2].reject(new Error('not sent'));
                await failing;
                out.failed = state.messages.list('room').at(-1).failed;
                return out;
                """);

        assertThat(seen).containsEntry("atOnce", List.of("pending")).containsEntry("echoText", "hello")
                .containsEntry("changedAtOnce", true)
                .containsEntry("beforeAck", List.of("m1", "pending"))
                .containsEntry("afterAck", List.of("m1"))
                .containsEntry("ackThenBroadcast", List.of("m1", "m2"))
                .containsEntry("failed", "not sent");
        assertThat(seen.get("asked")).isEqualTo(Map.of("type", "message.send", "channel", "room", "content", "hello",
                "attachment_ids", List.of()));
    }

    @Test
    void theControllerRendersItsHostOnChangesAndUnsubscribesWhenItLeaves() {
        Map<String, Object> seen = evaluate("""
                const { LitElement, html } = await import('lit');
                const { ChatStore } = await import('/app/state/chat-store.js');
                const { StoreController } = await import('/app/state/store-controller.js');
                const store = new ChatStore(new HeldSocket());
                let subscribed = 0;
                const subscribe = store.subscribe.bind(store);
                store.subscribe = (listener) => {
                  subscribed++;
                  const unsubscribe = subscribe(listener);
                  return () => { subscribed--; unsubscribe(); };
                };
                class StoreHost extends LitElement {
                  constructor() {
                    super();
                    this.renders = 0;
                    this.store = new StoreController(this, { store }).store;
                  }
                  render() {
                    this.renders++;
                    return html`<span>${this.store.channels.map((c) => c.name).join(',')}</span>`;
                  }
                }
                customElements.define('store-host', StoreHost);
                const host = document.createElement('store-host');
                const out = { beforeConnected: subscribed };
                document.body.append(host);
                await host.updateComplete;
                out.connected = subscribed;
                store.apply({ type: 'ready', reconnected: true, user: { username: 'ann' }, channels: [{ name: 'room' }] });
                await until('the host to show the channel', () => host.shadowRoot.textContent.includes('room'));
                out.shown = host.shadowRoot.textContent;
                host.remove();
                out.disconnected = subscribed;
                const renders = host.renders;
                store.apply({ type: 'ready', reconnected: true, user: { username: 'ann' }, channels: [{ name: 'late' }] });
                // the change is announced in a microtask and an update would be another: a task later both have run
                await new Promise((resolve) => setTimeout(resolve, 0));
                out.rendersWhileAway = host.renders - renders;
                document.body.append(host);
                out.reconnected = subscribed;
                await until('the host to show what changed while it was away', () =>
                  host.shadowRoot.textContent.includes('late'));
                store.apply({ type: 'ready', reconnected: true, user: { username: 'ann' }, channels: [{ name: 'back' }] });
                await until('the host to follow the store again', () => host.shadowRoot.textContent.includes('back'));
                return out;
                """);

        assertThat(seen).containsEntry("beforeConnected", 0).containsEntry("connected", 1)
                .containsEntry("shown", "room").containsEntry("disconnected", 0)
                .containsEntry("rendersWhileAway", 0).containsEntry("reconnected", 1);
    }

    /**
     * Each channel shows its own project's workflow: a second project's snapshot doesn't replace
     * the badge of channels bound to another, and a channel learns its binding from the
     * project_bound message posted in it.
     */
    @Test
    void eachChannelShowsTheWorkflowOfItsOwnProject() {
        Map<String, Object> seen = evaluate("""
                const { ChatStore } = await import('/app/state/chat-store.js');
                const store = new ChatStore(new HeldSocket());
                const snapshot = (project, state) => ({ project, state, mode: 'strict' });
                store.apply({ type: 'ready', reconnected: true, user: { username: 'ann' },
                  channels: [{ name: 'general' }, { name: 'web', project: 'shop' }, { name: 'api' }],
                  snapshot: snapshot('default', 'IDLE'), snapshots: { shop: snapshot('shop', 'SPRINT_ACTIVE') } });
                const out = {};
                store._state.current = 'general';
                out.general = store.snapshot.state;
                store._state.current = 'web';
                out.web = store.snapshot.state;
                store.apply({ type: 'workflow.state', snapshot: snapshot('gateway', 'BLOCKED') });
                out.webAfterAnotherProject = store.snapshot.state;
                store._state.current = 'api';
                out.apiBeforeBinding = store.snapshot.state;
                store.apply({ type: 'message.created', message: { message_id: 'b1', channel: 'api', seq: 9,
                  author_type: 'system', author_id: 'system', content: 'bound', created_at: '2026-01-01T00:00:00Z',
                  metadata: { type: 'project_bound', project: 'gateway' } } });
                out.apiProject = store.channel('api').project;
                out.apiAfterBinding = store.snapshot.state;
                store.apply({ type: 'message.created', message: { message_id: 'b2', channel: 'api', seq: 10,
                  author_type: 'system', author_id: 'system', content: 'unbound', created_at: '2026-01-01T00:00:01Z',
                  metadata: { type: 'project_bound', project: null } } });
                out.apiAfterUnbinding = store.snapshot.state;
                return out;
                """);

        assertThat(seen).containsEntry("general", "IDLE").containsEntry("web", "SPRINT_ACTIVE")
                .containsEntry("webAfterAnotherProject", "SPRINT_ACTIVE").containsEntry("apiBeforeBinding", "IDLE")
                .containsEntry("apiProject", "gateway").containsEntry("apiAfterBinding", "BLOCKED")
                .containsEntry("apiAfterUnbinding", "IDLE");
    }

    /**
     * A channel's messages are the same array until they change: the conversation is handed them as
     * a property, so it renders again for its own messages, not for every frame the store applies.
     */
    @Test
    void aChannelsMessagesAreTheSameArrayUntilTheyChange() {
        Map<String, Object> seen = evaluate("""
                const { ChatStore } = await import('/app/state/chat-store.js');
                const store = new ChatStore(new HeldSocket());
                store.apply({ type: 'ready', reconnected: true, user: { username: 'ann' },
                  channels: [{ name: 'room' }, { name: 'other' }] });
                store._state.current = 'room';
                store.apply({ type: 'message.created', message: message('m1', 'room', 1) });
                const first = store.messages();
                const out = {};
                store.apply({ type: 'presence', agents: [{ agent: 'dev', status: 'online' }] });
                store.apply({ type: 'typing', channel: 'room', users: ['bob'] });
                store.apply({ type: 'message.created', message: message('o1', 'other', 1) });
                out.sameAfterOtherFrames = store.messages() === first && store.messages('room') === first;
                store.apply({ type: 'message.created', message: message('m2', 'room', 2) });
                const second = store.messages();
                out.newWhenOneCame = second !== first;
                out.shown = second.map((m) => m.message_id);
                store.apply({ type: 'message.created', message: message('r1', 'room', 3, { thread_id: 'm1' }) });
                out.repliesLeftOut = store.messages().map((m) => m.message_id);
                out.newWhenTheParentChanged = store.messages() !== second; // its reply count
                return out;
                """);

        assertThat(seen).containsEntry("sameAfterOtherFrames", true).containsEntry("newWhenOneCame", true)
                .containsEntry("shown", List.of("m1", "m2")).containsEntry("repliesLeftOut", List.of("m1", "m2"))
                .containsEntry("newWhenTheParentChanged", true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> evaluate(String body) {
        return (Map<String, Object>) page.evaluate("async () => {\n" + PRELUDE + body + "}");
    }
}
