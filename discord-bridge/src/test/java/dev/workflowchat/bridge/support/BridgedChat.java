package dev.workflowchat.bridge.support;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.infra.TestRun;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every bridge IT stands on: a test run (its own database and Redis prefix), the fake Discord with the given
 * text channels, the chat-service as a process with the bridge's account made, and the bridge once a test starts
 * it. Closed in the reverse order.
 */
public final class BridgedChat implements AutoCloseable {

    public static final String BRIDGE_PASSWORD = "bridge-test-password";

    private final TestRun run;
    private final FakeDiscord discord;
    private final ChatServiceProcess chat;
    private final Accounts accounts;
    private BridgeProcess bridge;

    private BridgedChat(TestRun run, FakeDiscord discord, ChatServiceProcess chat, Accounts accounts) {
        this.run = run;
        this.discord = discord;
        this.chat = chat;
        this.accounts = accounts;
    }

    /** Starts all but the bridge; {@code guild} sets the fake guild up (members, roles, overwrites) before anyone connects. */
    public static BridgedChat start(String name, Consumer<FakeDiscord> guild, String... textChannelIds) {
        TestRun run = TestRun.start();
        FakeDiscord discord = FakeDiscord.start(textChannelIds);
        guild.accept(discord);
        ChatServiceProcess chat;
        try {
            chat = ChatServiceProcess.start(name, run, run.redis(), Map.of());
        } catch (Exception e) {
            discord.close();
            run.close();
            throw new IllegalStateException("the chat-service did not start", e);
        }
        Accounts accounts = Accounts.on(chat.base());
        accounts.request().auth().oauth2(accounts.signInAdmin().token()).contentType("application/json")
                .body(Map.of("username", "discord-bridge", "password", BRIDGE_PASSWORD, "roles", List.of("member"),
                        "display_name", "Discord bridge"))
                .post("/api/users").then().statusCode(201);
        return new BridgedChat(run, discord, chat, accounts);
    }

    /** Starts the bridge with this mapping and waits until it is ready; the one {@link #close()} stops. */
    public BridgeProcess startBridge(String channels, String users, Map<String, String> settings) throws Exception {
        bridge = BridgeProcess.start(run, discord, chat.base(), channels, users, BRIDGE_PASSWORD, settings);
        return bridge;
    }

    public TestRun run() {
        return run;
    }

    public FakeDiscord discord() {
        return discord;
    }

    public ChatServiceProcess chat() {
        return chat;
    }

    public Accounts accounts() {
        return accounts;
    }

    @Override
    public void close() {
        if (bridge != null) {
            bridge.close();
        }
        chat.close();
        discord.close();
        run.close();
    }
}
