package dev.workflowchat.chat.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.CompletionResponse;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.ResourceLink;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The MCP extension writes its answers with Quarkus's ObjectMapper, which speaks our protocol's
 * snake_case; MCP is camelCase ({@code isError}, {@code mimeType}, {@code structuredContent}). Its
 * own types keep their names; ours stay snake_case. Without this a tool error reached clients as a
 * success ({@code is_error} is no field of MCP's).
 */
@Singleton
public class McpJsonNames implements ObjectMapperCustomizer {

    private static final List<Class<?>> MCP_TYPES = List.of(ToolResponse.class, TextContent.class, ImageContent.class,
            AudioContent.class, EmbeddedResource.class, ResourceLink.class, Content.Annotations.class,
            TextResourceContents.class, BlobResourceContents.class, ResourceResponse.class, PromptResponse.class,
            PromptMessage.class, CompletionResponse.class);

    @Override
    public int priority() {
        // after the protocol's own customizer, which sets snake_case for everything
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        MCP_TYPES.forEach(type -> mapper.addMixIn(type, CamelCase.class));
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    private interface CamelCase {
    }
}
