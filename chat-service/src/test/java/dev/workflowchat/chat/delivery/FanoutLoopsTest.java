package dev.workflowchat.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's shards run on event loops of their own, one per core, so the work of a broadcast
 * is spread over the cores (they all ran on one loop: issue #22's fan-out profile); on Linux those
 * loops run on Netty's epoll transport, whose writes cost less than Java NIO's.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FanoutLoopsTest {

    @Inject
    ConnectionFanout fanout;

    @Inject
    Vertx vertx;

    @Test
    void eachShardRunsOnAnEventLoopOfItsOwn() throws Exception {
        List<FanoutShard> shards = fanout.shards();
        assertThat(shards).hasSize(Runtime.getRuntime().availableProcessors());
        Set<String> threads = new HashSet<>();
        for (FanoutShard shard : shards) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            shard.run(() -> thread.complete(Thread.currentThread().getName()));
            threads.add(thread.get(10, TimeUnit.SECONDS));
        }
        assertThat(threads).allMatch(name -> name.contains("eventloop")).hasSize(shards.size());
    }

    @Test
    void onLinuxTheLoopsRunOnEpoll() {
        String arch = System.getProperty("os.arch");
        boolean epollBuilt = System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
        assertThat(vertx.isNativeTransportEnabled()).as("native transport (elsewhere NIO)").isEqualTo(epollBuilt);
    }
}
