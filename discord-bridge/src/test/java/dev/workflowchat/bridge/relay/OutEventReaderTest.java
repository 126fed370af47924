package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.InvalidEventException;
import org.junit.jupiter.api.Test;

class OutEventReaderTest {

    private final OutEventReader reader = new OutEventReader(new EventParser());

    @Test
    void readsAnEscalationAsTheContractNamesIt() {
        Envelope event = reader.read("""
                {"v":1,"id":"e-1","type":"approval.escalated","source":"chat-service","seq":12,
                 "data":{"approval":{"approval_id":"ap-1","channel":"workflow"},"to":["alice"]}}""");

        assertThat(event.type()).isEqualTo("approval.escalated");
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.seq()).isEqualTo(12L);
        assertThat(event.data().path("to").get(0).asText()).isEqualTo("alice");
    }

    @Test
    void readsTheProtocolsOwnTypesWithItsParser() {
        Envelope event = reader.read("""
                {"v":1,"id":"e-2","type":"message.deleted","data":{"message_id":"m","channel":"general"}}""");

        assertThat(event.type()).isEqualTo("message.deleted");
    }

    @Test
    void stillRefusesUnknownTypesAndMalformedEscalations() {
        assertThatThrownBy(() -> reader.read("""
                {"v":1,"id":"e-3","type":"approval.exploded","data":{}}""")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> reader.read("""
                {"v":2,"id":"e-4","type":"approval.escalated","data":{}}""")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> reader.read("""
                {"v":1,"id":"e-5","type":"approval.escalated","data":[]}""")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> reader.read("not json")).isInstanceOf(InvalidEventException.class);
    }
}
