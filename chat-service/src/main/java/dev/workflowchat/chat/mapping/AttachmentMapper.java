package dev.workflowchat.chat.mapping;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.protocol.model.AttachmentView;
import java.util.List;

/** Maps stored uploads to the wire, with the URLs they are served at. */
public final class AttachmentMapper {

    private AttachmentMapper() {
    }

    public static AttachmentView toView(Attachment file) {
        String url = "/api/files/" + file.id;
        return new AttachmentView(
                file.id.toString(),
                file.fileName,
                file.fileType,
                file.fileSize,
                url,
                file.hasThumbnail() ? url + "/thumbnail" : null,
                file.messageId == null ? null : file.messageId.toString(),
                file.uploadedBy,
                file.createdAt);
    }

    public static List<AttachmentView> toViews(List<Attachment> files) {
        return files.stream().map(AttachmentMapper::toView).toList();
    }
}
