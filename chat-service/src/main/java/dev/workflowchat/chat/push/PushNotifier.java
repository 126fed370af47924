package dev.workflowchat.chat.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.Mentions;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.push.Preferences.Kind;
import dev.workflowchat.chat.push.PushSubscriptions.Device;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes a new message to the devices of the people it concerns: an approval card to those who
 * can decide it, a mention to the person named, an agent's message in a person's DM to that
 * person; never to its author, and only as each person's preferences allow.
 *
 * <p>Every replica hears every change on {@code wfchat:out}, so pushing from there would push once
 * per replica. This observes {@link RecordedChange}, which {@code ChangePublisher} fires only on
 * the replica that committed the change, once, after the commit: each push is sent by exactly one
 * replica. (A change whose announcement another replica makes after this one stopped is not
 * pushed: a missed push, never a doubled one; the chat itself still shows it.)
 */
@ApplicationScoped
public class PushNotifier {

    /** A webhook's messages (MessageService.AUTHOR_HOOK): their mentions notify nobody. */
    private static final String HOOK_AUTHOR = "hook";
    private static final int BODY_CHARS = 160;

    private final PushSender sender;
    private final PushSubscriptions subscriptions;
    private final ObjectMapper mapper;

    public PushNotifier(PushSender sender, PushSubscriptions subscriptions, ObjectMapper mapper) {
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    void committed(@Observes RecordedChange change) {
        if (!sender.enabled() || !(change.frame() instanceof ServerFrame.MessageChanged created)
                || !EventTypes.MESSAGE_CREATED.equals(created.type())) {
            return;
        }
        MessageView message = created.message();
        devicesFor(message).subscribe().with(
                devices -> devices.forEach((device, kind) -> sender.send(device, payload(kind, message))),
                failure -> Log.warnf("no push for message %s: %s", message.messageId(), failure.getMessage()));
    }

    /** Each device to push to, and why. */
    private Uni<Map<Device, Kind>> devicesFor(MessageView message) {
        Optional<String> approval = approvalOf(message);
        if (approval.isPresent()) {
            return subscriptions.ofDeciders(approval.get(), message.messageId()).map(devices -> wanting(devices, Kind.APPROVAL, message));
        }
        if (HOOK_AUTHOR.equals(message.authorType())) {
            // a webhook's text comes from outside: naming every person in it must not wake them all
            return Uni.createFrom().item(Map.of());
        }
        Map<String, Kind> people = new HashMap<>();
        Optional<String> dmPerson = ChannelNames.personOfDm(message.channel());
        Mentions.in(message.content()).forEach(name -> people.put(name, Kind.MENTION));
        // a DM is read by its person only: a mention of anyone else there reaches nobody
        dmPerson.ifPresent(person -> people.keySet().retainAll(List.of(person)));
        dmPerson.ifPresent(person -> people.putIfAbsent(person, Kind.DM));
        people.remove(message.authorId());
        if (people.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return subscriptions.ofPeople(people.keySet()).map(devices -> {
            Map<Device, Kind> wanted = new LinkedHashMap<>();
            devices.stream()
                    .filter(device -> device.preferences().wants(people.get(device.username()), message.channel()))
                    .forEach(device -> wanted.put(device, people.get(device.username())));
            return wanted;
        });
    }

    private static Map<Device, Kind> wanting(List<Device> devices, Kind kind, MessageView message) {
        Map<Device, Kind> wanted = new LinkedHashMap<>();
        devices.stream()
                .filter(device -> device.preferences().wants(kind, message.channel()))
                .forEach(device -> wanted.put(device, kind));
        return wanted;
    }

    /** The approval a card says it asks for (believed only if that approval's record names the card). */
    private static Optional<String> approvalOf(MessageView message) {
        Map<String, Object> metadata = message.metadata();
        if (metadata == null || !"approval_request".equals(metadata.get("type"))
                || !"pending".equals(metadata.get("status"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(metadata.get("approval_id")).map(Object::toString);
    }

    /** What the service worker shows: a title, a line of text, the message's link (docs/protocol.md, "Web Push"). */
    private byte[] payload(Kind kind, MessageView message) {
        String where = ChannelNames.agentOfDm(message.channel()).map(agent -> "your DM with " + agent)
                .orElse("#" + message.channel());
        String title = switch (kind) {
            case APPROVAL -> "Approval needed in " + where;
            case MENTION -> message.authorName() + " mentioned you in " + where;
            case DM -> message.authorName() + " in " + where;
        };
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", title);
        payload.put("body", excerpt(message.content()));
        payload.put("url", "/#/c/" + link(message.channel()) + "/m/" + link(message.messageId()));
        payload.put("tag", message.messageId());
        payload.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a push payload must serialise", e);
        }
    }

    private static String excerpt(String content) {
        String text = content == null ? "" : content.replaceAll("[*_`#>|~]", "").replaceAll("\\s+", " ").trim();
        return text.length() <= BODY_CHARS ? text : text.substring(0, BODY_CHARS - 1) + "…";
    }

    private static String link(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("%3A", ":").replace("+", "%20");
    }
}
