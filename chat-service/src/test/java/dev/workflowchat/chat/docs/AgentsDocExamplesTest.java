package dev.workflowchat.chat.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.command.CommandLine;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/agents.md work as written: its curl lines against this service (the
 * tokens this run's, localhost:8080 this service), its redis-cli lines under this run's prefix,
 * and the Claude Code and Goose configurations: the server name, URL and header they give are the
 * ones /mcp answers to, with a real key in place of the placeholder. (The Java example is run by
 * agent-client's AgentsDocSnippetTest; the Python one needs redis-py, which the build has not.)
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AgentsDocExamplesTest {

    private static final Path AGENTS_DOC = Path.of("..", "docs", "agents.md");
    private static final String DOCS_BASE = "http://localhost:8080";
    private static final String PLACEHOLDER_KEY = "wfk_your_key_here";
    private static final Duration OWN_STREAM_WAIT = Duration.ofSeconds(45);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void theCurlExamplesMintAKeyAndAddAStandingRule() throws IOException {
        List<List<String>> curls = fenced("bash").stream().filter(command -> command.startsWith("curl "))
                .map(command -> CommandLine.parse(command).args()).toList();
        assertThat(curls).hasSize(3);
        Map<String, String> tokens = Map.of("$ADMIN_TOKEN", Accounts.admin().token(),
                "$APPROVER_TOKEN", Accounts.approver("doc").token());

        Response minted = run(curls.get(0), tokens);
        assertThat(minted.statusCode()).as(minted.asString()).isEqualTo(201);
        JsonNode answer = json(minted.asString());
        JsonNode promised = promisedAnswer();
        promised.path("key").fieldNames().forEachRemaining(field -> assertThat(answer.path("key").has(field)).as(field).isTrue());
        assertThat(answer.path("key").path("agent").asText()).isEqualTo(promised.path("key").path("agent").asText());
        assertThat(answer.path("key").path("id").asText()).startsWith("k-");
        assertThat(answer.path("key").path("prefix").asText()).startsWith("wfk_");
        assertThat(answer.path("key").path("status").asText()).isEqualTo("active");
        assertThat(answer.path("key").path("project").asText()).isEqualTo("default");
        assertThat(answer.path("secret").asText()).startsWith("wfk_");

        Response rule = run(curls.get(1), tokens);
        assertThat(rule.statusCode()).as(rule.asString()).isBetween(200, 201);
        assertThat(json(rule.asString()).path("command_prefix").asText()).isEqualTo("npm test");

        // the webhook example, to a hook made for it (the URL is the hook's credential, here a variable)
        Hooks.Made hook = Hooks.incoming(Accounts.inProcess(), "general", "Deploy bot");
        Response posted = run(curls.get(2), Map.of("$WFCHAT_HOOK_URL", DOCS_BASE + hook.path()));
        assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(200);
        assertThat(json(posted.asString()).path("ok").asBoolean()).isTrue();
        assertThat(json(posted.asString()).path("message_id").asText()).isNotBlank();
    }

    @Test
    void theClaudeCodeConfigurationReachesMcpAsWritten() throws IOException {
        JsonNode config = json(String.join("\n", fencedBlocks("json").stream()
                .filter(block -> String.join("\n", block).contains("mcpServers")).findFirst().orElseThrow()));
        Iterator<Map.Entry<String, JsonNode>> servers = config.path("mcpServers").fields();
        Map.Entry<String, JsonNode> server = servers.next();
        assertThat(servers.hasNext()).isFalse();
        String claude = fenced("bash").stream().filter(command -> command.startsWith("claude ")).findFirst().orElseThrow();
        assertThat(claude).contains("--permission-prompt-tool mcp__" + server.getKey() + "__approval_prompt")
                .contains("--mcp-config " + server.getKey() + ".mcp.json");
        assertThat(server.getValue().path("type").asText()).isEqualTo("http");
        String url = server.getValue().path("url").asText();
        assertThat(url).isEqualTo(DOCS_BASE + "/mcp");
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        server.getValue().path("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        assertThat(headers).containsOnlyKeys("Authorization").containsValue("Bearer " + PLACEHOLDER_KEY);

        String key = new McpAgents(base).mint(McpAgents.newAgent());
        try (McpSyncClient client = connect(url, headers, key)) {
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).contains("approval_prompt", "post_message");
        }
        for (String line : fencedBlocks("json").stream().filter(block -> String.join("\n", block).contains("\"behavior\"")).findFirst()
                .orElseThrow()) {
            assertThat(json(line).path("behavior").asText()).isIn("allow", "deny");
        }
    }

    @Test
    void theGooseConfigurationNamesTheSameEndpointAndHeader() throws IOException {
        String yaml = String.join("\n", fencedBlocks("yaml").get(0));
        assertThat(value(yaml, "type")).isEqualTo("streamable_http");
        assertThat(value(yaml, "uri")).isEqualTo(DOCS_BASE + "/mcp");
        assertThat(value(yaml, "Authorization")).isEqualTo("Bearer " + PLACEHOLDER_KEY);
        assertThat(Integer.parseInt(value(yaml, "timeout"))).as("longer than the longest wait_s").isGreaterThan(600);
        String key = new McpAgents(base).mint(McpAgents.newAgent());
        try (McpSyncClient client = connect(value(yaml, "uri"), Map.of("Authorization", value(yaml, "Authorization")), key)) {
            assertThat(client.listTools().tools()).isNotEmpty();
        }
    }

    @Test
    void theRedisCliExamplesPostAndAskAsTheCodeAgent() throws IOException {
        List<List<String>> commands = fenced("bash").stream().filter(command -> command.startsWith("redis-cli "))
                .map(command -> new ArrayList<>(CommandLine.parse(command.replaceAll(" +#.*$", "")).args()))
                .map(words -> (List<String>) words).toList();
        assertThat(commands).extracting(words -> words.get(0)).containsExactly("XADD", "XADD", "XREAD");
        String unique = "doc" + System.nanoTime() + "-";
        try (ChatClient client = ChatClient.connect(base, Accounts.approver("reader").token())) {
            for (List<String> words : commands) {
                List<String> args = words.subList(1, words.size()).stream()
                        .map(arg -> arg.replace("wfchat:", names.prefix() + ":").replace("\"id\":\"code-", "\"id\":\"" + unique))
                        .toList();
                if (words.get(0).equals("XADD")) {
                    redis.execute("XADD", args.toArray(String[]::new));
                } else {
                    assertThat(args).contains(names.agentStream("code")); // where the decision arrives, not waited on here
                }
            }
            await().atMost(OWN_STREAM_WAIT).until(() -> client.awaitAck(client.send("history", "channel", "general",
                    "limit", 50)).path("messages").findValuesAsText("content").contains("Tests pass"));
            JsonNode asked = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "Refactor login".equals(frame.path("approval").path("title").asText()));
            assertThat(asked.path("approval").path("requested_by").asText()).isEqualTo("code");
            assertThat(asked.path("approval").path("risk").asText()).isEqualTo("medium");
        }
    }

    // ---- helpers

    private Response run(List<String> curl, Map<String, String> tokens) {
        RequestSpecification request = RestAssured.given();
        String body = null;
        String url = null;
        for (int i = 0; i < curl.size(); i++) { // the words after "curl"
            String word = curl.get(i);
            switch (word) {
                case "-s" -> { }
                case "-H" -> {
                    String header = curl.get(++i);
                    for (Map.Entry<String, String> token : tokens.entrySet()) {
                        header = header.replace(token.getKey(), token.getValue());
                    }
                    int colon = header.indexOf(':');
                    request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                case "-d" -> body = curl.get(++i);
                default -> url = tokens.getOrDefault(word, word);
            }
        }
        assertThat(url).startsWith(DOCS_BASE);
        String target = url.replace(DOCS_BASE, base.toString().replaceAll("/$", ""));
        return body == null ? request.get(target) : request.body(body).post(target);
    }

    private McpSyncClient connect(String documentedUrl, Map<String, String> headers, String key) {
        URI url = URI.create(documentedUrl);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint(url.getPath())
                .httpRequestCustomizer((request, method, uri, body, context) -> headers.forEach((name, value) ->
                        request.header(name, value.replace(PLACEHOLDER_KEY, key))))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    /** The "# → {...}" the mint example promises, its "…" elisions dropped. */
    private static JsonNode promisedAnswer() throws IOException {
        String line = Files.readAllLines(AGENTS_DOC).stream().filter(l -> l.startsWith("# → {")).findFirst().orElseThrow();
        String promised = line.substring("# → ".length()).replaceAll(",?\"[a-z_]+\":\"[^\"]*…\"", "")
                .replace(",…", "").replace("{,", "{");
        return json(promised);
    }

    private static String value(String yaml, String key) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + key + ":\\s*(.+)$").matcher(yaml);
        assertThat(matcher.find()).as(key + " in the Goose configuration").isTrue();
        return matcher.group(1).strip();
    }

    /** The commands of the page's fenced blocks of {@code language}, continuation lines joined. */
    private static List<String> fenced(String language) throws IOException {
        List<String> commands = new ArrayList<>();
        for (List<String> block : fencedBlocks(language)) {
            StringBuilder command = new StringBuilder();
            for (String line : block) {
                if (line.startsWith("#") && command.isEmpty()) {
                    continue;
                }
                boolean continues = line.endsWith("\\");
                command.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    commands.add(command.toString().strip().replaceAll("\\s+", " "));
                    command.setLength(0);
                }
            }
        }
        return commands;
    }

    private static List<List<String>> fencedBlocks(String language) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        boolean inside = false;
        for (String line : Files.readAllLines(AGENTS_DOC)) {
            if (line.startsWith("```")) {
                if (inside && current != null) {
                    blocks.add(current);
                }
                current = !inside && line.equals("```" + language) ? new ArrayList<>() : null;
                inside = !inside;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    private static JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
