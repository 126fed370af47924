package dev.workflowchat.chat.upload;

import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Decides an upload's type from its first bytes. The name and the client's Content-Type are
 * never trusted to make a file acceptable: an executable renamed {@code .png} is still refused.
 * Only among text files, whose bytes can't tell Markdown from CSV, does the extension pick the kind.
 */
public final class FileTypes {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";
    public static final String PDF = "application/pdf";
    public static final String ZIP = "application/zip";
    public static final String TEXT = "text/plain";
    public static final String MARKDOWN = "text/markdown";
    public static final String CSV = "text/csv";
    public static final String JSON = "application/json";

    /** Shown inline by browsers; everything else is served as a download. */
    public static final Set<String> RASTER_IMAGES = Set.of(PNG, JPEG, GIF, WEBP);

    private static final Set<String> TEXT_TYPES = Set.of(TEXT, MARKDOWN, CSV, JSON);

    private FileTypes() {
    }

    /** The MIME type of an acceptable file, or {@code unsupported_type}. */
    public static String detect(byte[] bytes, String fileName) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(bytes, 0, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        // A local file header, or the end record of an empty archive.
        if (startsWith(bytes, 0, 'P', 'K', 3, 4) || startsWith(bytes, 0, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (isText(bytes)) {
            return textKind(fileName);
        }
        throw new ProtocolException(ErrorCode.UNSUPPORTED_TYPE,
                "this kind of file is not accepted: upload an image (PNG, JPEG, GIF, WebP), a PDF, a ZIP "
                        + "or a UTF-8 text file (text, Markdown, JSON, CSV, log)");
    }

    public static boolean isText(String type) {
        return TEXT_TYPES.contains(type);
    }

    /** Valid UTF-8 without NUL bytes: binary formats nearly always have a NUL or an invalid sequence early. */
    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String textKind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return MARKDOWN;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        return TEXT;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
