package dev.workflowchat.infra;

/** Where a Redis server answers. */
public record RedisEndpoint(String host, int port) {

    public String uri() {
        return "redis://" + host + ":" + port;
    }
}
