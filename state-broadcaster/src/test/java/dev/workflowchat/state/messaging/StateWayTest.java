package dev.workflowchat.state.messaging;

import static dev.workflowchat.state.messaging.AgentEnvelopes.activity;
import static dev.workflowchat.state.messaging.AgentEnvelopes.agentMessage;
import static dev.workflowchat.state.messaging.AgentEnvelopes.epic;
import static dev.workflowchat.state.messaging.AgentEnvelopes.signal;
import static dev.workflowchat.state.messaging.AgentEnvelopes.tddReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import org.junit.jupiter.api.Test;

/** What each way to the state-broadcaster may carry, and as whom a command runs. */
class StateWayTest {

    private static final String COMMANDS = "wfchat:state:commands";
    private final EventParser parser = new EventParser();

    @Test
    void anAgentsOwnWayTakesItsOwnEventsAndRunsItsCommandsAsItself() {
        StateWay code = StateWay.agentStream("code");
        assertThat(admitted(code, activity("agent:code", "code", "p"))).isInstanceOf(InboundEvent.AgentActivity.class);
        assertThat(admitted(code, tddReport("agent:code", "p"))).isInstanceOf(InboundEvent.TddReport.class);
        assertThat(admitted(code, signal("agent:code", "ci_passed", "p"))).isInstanceOf(InboundEvent.WorkflowSignal.class);
        assertThat(admitted(StateWay.agentPubSub("code"), epic("e1", "agent:code", "alice", "Mine", "p")))
                .isInstanceOfSatisfying(InboundEvent.CommandInvoke.class,
                        invoke -> assertThat(invoke.user()).isEqualTo("agent:code"));
    }

    @Test
    void anAgentsOwnWayRefusesAnotherSourceOrAgentAndOtherTypes() {
        StateWay code = StateWay.agentPubSub("code");
        String rule = "on code's own way in, source must be agent:code and the agent code";
        assertRefused(code, activity("agent:qa", "qa", "p"), rule);
        assertRefused(code, activity("agent:code", "qa", "p"), rule);
        assertRefused(code, activity("agent:qa", "code", "p"), rule);
        assertRefused(code, signal("agent:qa", "ci_failed", "p"), rule);
        assertRefused(code, tddReport("orchestrator", "p"), rule);
        assertRefused(code, epic("e2", "chat-service", "alice", "A person's", "p"), rule);
        assertRefused(code, agentMessage("agent:code", "code"), "type agent.message is not accepted on code's own way in");
        assertThat(code.origin()).isEqualTo("state-broadcaster:agent-pubsub:code");
    }

    @Test
    void theSharedWaysTakeAnyAgentsEventsAndCommandsOnlyFromAnAgent() {
        assertThat(admitted(StateWay.STREAM, activity("agent:qa", "code", "p"))).isInstanceOf(InboundEvent.AgentActivity.class);
        assertThat(admitted(StateWay.PUBSUB, epic("e3", "agent:orchestrator", "alice", "Its", "p")))
                .isInstanceOfSatisfying(InboundEvent.CommandInvoke.class,
                        invoke -> assertThat(invoke.user()).isEqualTo("agent:orchestrator"));
        assertRefused(StateWay.STREAM, epic("e4", "chat-service", "alice", "A person's", "p"),
                "command.invoke here must come from an agent (source agent:<name>); a person's command is accepted only on "
                        + COMMANDS);
        assertRefused(StateWay.PUBSUB, agentMessage("agent:code", "code"), "type agent.message is not accepted here");
        assertThat(StateWay.STREAM.origin()).isEqualTo("state-broadcaster:stream");
    }

    @Test
    void theCommandsChannelTakesOnlyAPersonsCommandAsItNamesThem() {
        assertThat(admitted(StateWay.COMMANDS, epic("e5", "chat-service", "alice", "Hers", "p")))
                .isInstanceOfSatisfying(InboundEvent.CommandInvoke.class, invoke -> assertThat(invoke.user()).isEqualTo("alice"));
        assertRefused(StateWay.COMMANDS, signal("agent:x", "ci_failed", "p"), "only command.invoke is accepted on " + COMMANDS);
    }

    private InboundEvent admitted(StateWay way, String raw) {
        Envelope envelope = parser.envelope(raw);
        way.requireAccepted(envelope, COMMANDS);
        return way.admit(parser.inbound(envelope), COMMANDS);
    }

    private void assertRefused(StateWay way, String raw, String reason) {
        assertThatThrownBy(() -> admitted(way, raw)).isInstanceOf(InvalidEventException.class).hasMessage(reason);
    }
}
