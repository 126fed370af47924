package dev.workflowchat.chat.upload;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.AttachmentView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads: checked and stored on their own, then attached to the uploader's next message.
 * A file is visible to whoever may read the channel of the live message it is attached to, and
 * before it is attached only to its uploader.
 */
@ApplicationScoped
public class UploadService {

    private final AttachmentRepository attachments;
    private final MessageRepository messages;
    private final UploadQuota quota;
    private final Vertx vertx;

    public UploadService(AttachmentRepository attachments, MessageRepository messages, UploadQuota quota,
                         Vertx vertx) {
        this.quota = quota;
        this.attachments = attachments;
        this.messages = messages;
        this.vertx = vertx;
    }

    /** Reading, sniffing and thumbnailing block, so they run on a worker; the store returns to the event loop. */
    public Uni<AttachmentView> upload(ChatUser uploader, String clientFileName, Path uploaded) {
        String fileName = FileNames.sanitise(clientFileName);
        return quota.check(uploader, sizeOf(uploaded))
                .chain(() -> vertx.executeBlocking(() -> Inspected.of(uploaded, fileName)))
                .chain(inspected -> {
                    Attachment file = inspected.toAttachment(uploader.username(), fileName);
                    return Panache.withTransaction(() -> attachments.store(file, inspected.bytes(), inspected.thumbnail()))
                            .replaceWith(file);
                })
                .map(AttachmentMapper::toView);
    }

    /** A file, or its thumbnail, for someone allowed to see it; {@code not_found} otherwise. */
    public Uni<StoredFile> file(ChatUser reader, String id, boolean thumbnail) {
        return Panache.withSession(() -> visible(reader, id)
                .chain(file -> attachments.content(file.id, thumbnail)
                        .map(bytes -> {
                            if (bytes == null) {
                                throw ProtocolException.notFound("file " + id + " has no thumbnail");
                            }
                            return thumbnail
                                    ? new StoredFile("thumbnail.png", file.thumbnailType, bytes)
                                    : new StoredFile(file.fileName, file.fileType, bytes);
                        })));
    }

    /**
     * The uploads a new message will carry, in the order given, locked until the message is
     * stored: each must be the sender's own and not attached yet. Call inside the message's transaction.
     */
    public Uni<List<Attachment>> claim(String sender, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> wanted = new ArrayList<>();
        for (String id : ids) {
            wanted.add(parse(id, ProtocolException.badRequest("attachment_ids: " + id + " is not an upload id")));
        }
        if (new HashSet<>(wanted).size() != wanted.size()) {
            return Uni.createFrom().failure(ProtocolException.badRequest("attachment_ids names an upload twice"));
        }
        return attachments.lockAll(wanted).map(found -> {
            Map<UUID, Attachment> byId = new HashMap<>();
            found.forEach(file -> byId.put(file.id, file));
            List<Attachment> claimed = new ArrayList<>();
            for (UUID id : wanted) {
                Attachment file = byId.get(id);
                if (file == null || !sender.equals(file.uploadedBy)) {
                    throw ProtocolException.notFound("no upload " + id + " by " + sender);
                }
                if (file.messageId != null) {
                    throw ProtocolException.badRequest("upload " + id + " is already attached to a message");
                }
                claimed.add(file);
            }
            return claimed;
        });
    }

    /** Attaches claimed uploads to the stored message; they are written when its transaction commits. */
    public static void attach(List<Attachment> claimed, UUID messageId) {
        for (int position = 0; position < claimed.size(); position++) {
            claimed.get(position).messageId = messageId;
            claimed.get(position).position = position;
        }
    }

    private Uni<Attachment> visible(ChatUser reader, String id) {
        UUID fileId;
        try {
            fileId = parse(id, ProtocolException.notFound("no file " + id));
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        return attachments.findById(fileId)
                .chain(file -> {
                    if (file == null || (file.messageId == null && !reader.username().equals(file.uploadedBy))) {
                        return Uni.createFrom().failure(ProtocolException.notFound("no file " + id));
                    }
                    if (file.messageId == null) {
                        return Uni.createFrom().item(file);
                    }
                    return messages.findById(file.messageId).map(message -> {
                        if (message == null || message.isDeleted() || !ChannelAccess.mayRead(reader, message.channel)) {
                            throw ProtocolException.notFound("no file " + id);
                        }
                        return file;
                    });
                });
    }

    /** Removes uploads never attached to a message and older than {@code keptFor}; how many. */
    public Uni<Integer> removeUnattachedOlderThan(java.time.Duration keptFor) {
        return Panache.withTransaction(() -> attachments.deleteUnattachedBefore(Instant.now().minus(keptFor)));
    }

    private static long sizeOf(Path uploaded) {
        try {
            return Files.size(uploaded);
        } catch (IOException e) {
            return 0; // the inspection that follows fails with the reason
        }
    }

    private static UUID parse(String id, ProtocolException otherwise) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw otherwise;
        }
    }

    /** An upload that passed every check: its bytes, detected type, thumbnail (or null) and digest. */
    private record Inspected(byte[] bytes, String type, byte[] thumbnail, String sha256) {

        static Inspected of(Path uploaded, String fileName) throws IOException {
            if (Files.size(uploaded) > Limits.MAX_UPLOAD_BYTES) {
                throw ProtocolException.tooLarge("a file may be at most " + Limits.MAX_UPLOAD_BYTES / (1024 * 1024) + " MB");
            }
            byte[] bytes = Files.readAllBytes(uploaded);
            if (bytes.length == 0) {
                throw ProtocolException.badRequest("the file is empty");
            }
            String type = FileTypes.detect(bytes, fileName);
            byte[] thumbnail = FileTypes.RASTER_IMAGES.contains(type) ? Images.checkAndThumbnail(bytes, type) : null;
            return new Inspected(bytes, type, thumbnail, sha256(bytes));
        }

        Attachment toAttachment(String uploader, String fileName) {
            Attachment file = new Attachment();
            file.id = UUID.randomUUID();
            file.uploadedBy = uploader;
            file.fileName = fileName;
            file.fileType = type;
            file.fileSize = bytes.length;
            file.sha256 = sha256;
            file.storageKey = file.id.toString();
            file.thumbnailType = thumbnail == null ? null : Images.THUMBNAIL_TYPE;
            file.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return file;
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
