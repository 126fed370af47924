package dev.workflowchat.chat.upload;

/** A file's bytes as stored, with the name and detected type it is served under. */
public record StoredFile(String fileName, String type, byte[] bytes) {

    /** Raster images are shown in the page; anything else is only ever downloaded. */
    public boolean inline() {
        return FileTypes.RASTER_IMAGES.contains(type);
    }

    /** Text is stored as UTF-8, and says so, so a browser never guesses another charset. */
    public String contentType() {
        return FileTypes.isText(type) ? type + "; charset=utf-8" : type;
    }
}
