package dev.workflowchat.chat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamCommands;

/**
 * The chat-service's rooms follow the flow of data (see each {@code package-info.java}): an
 * envelope comes in ({@code inbound}), a feature changes something, the committed change is
 * announced ({@code announce}), and every replica pushes it to its sockets ({@code delivery}).
 */
@AnalyzeClasses(packages = "dev.workflowchat.chat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Speaking on Redis: PUBLISH and XADD. (A raw {@code execute} can't be told apart by its
     * arguments here; the login throttle's counters use one.)
     */
    private static final DescribedPredicate<JavaMethodCall> PUBLISHES_ON_REDIS = DescribedPredicate.describe(
            "publish on Redis (PUBLISH, XADD)", call -> {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                return name.equals("publish") && isAny(owner, ReactivePubSubCommands.class, PubSubCommands.class)
                        || name.equals("xadd") && isAny(owner, ReactiveStreamCommands.class, StreamCommands.class);
            });

    @ArchTest
    static final ArchRule theFlowNeverReachesBackToTheEndpoints = noClasses()
            .that().resideInAnyPackage("..chat.inbound..", "..chat.announce..", "..chat.delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("..chat.rest..", "..chat.websocket..")
            .because("REST resources and the WebSocket endpoint call into the flow, never the other way round");

    @ArchTest
    static final ArchRule onlyAnnounceSpeaksOnRedis = noClasses()
            .that().resideOutsideOfPackage("..chat.announce..")
            .should().callMethodWhere(PUBLISHES_ON_REDIS)
            .because("a change leaves the service one way: committed, then announced by ChangePublisher");

    @ArchTest
    static final ArchRule storageKnowsNothingAbove = noClasses()
            .that().resideInAnyPackage("..chat.repository..", "..chat.mapping..")
            .should().dependOnClassesThat().resideInAnyPackage("..chat.service..", "..chat.inbound..",
                    "..chat.announce..", "..chat.delivery..", "..chat.websocket..", "..chat.rest..",
                    "..chat.approval..", "..chat.command..", "..chat.bridge..")
            .because("reading and writing rows serves every feature and depends on none");

    @ArchTest
    static final ArchRule framesAreBuiltFromTheirRecords = noClasses()
            .should().dependOnClassesThat().areAssignableTo(ObjectNode.class)
            .because("a frame is a ServerFrame record, serialised one way, never a hand-built JSON tree");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.workflowchat.chat.(*)..")
            .should().beFreeOfCycles();

    private static boolean isAny(JavaClass owner, Class<?>... types) {
        for (Class<?> type : types) {
            if (owner.isAssignableTo(type)) {
                return true;
            }
        }
        return false;
    }
}
