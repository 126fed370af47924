package dev.workflowchat.chat.upload;

import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.logging.Log;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Checks an uploaded image's declared size before anything is decoded (a few kilobytes can
 * declare a picture that would take gigabytes to decode) and makes its thumbnail.
 */
final class Images {

    static final int THUMBNAIL_EDGE = 320;
    static final String THUMBNAIL_TYPE = FileTypes.PNG;

    private Images() {
    }

    /** The PNG thumbnail, or null when this JVM has no decoder for the format (WebP) or the decode fails. */
    static byte[] checkAndThumbnail(byte[] bytes, String type) {
        if (FileTypes.WEBP.equals(type)) {
            Dimensions size = webpDimensions(bytes);
            requireAcceptable(size.width(), size.height());
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            Dimensions size = declaredSize(reader, type);
            requireAcceptable(size.width(), size.height());
            return thumbnail(reader, (int) size.width(), (int) size.height());
        } catch (IOException e) {
            throw unreadable(type);
        } finally {
            reader.dispose();
        }
    }

    private static void requireAcceptable(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_TYPE, "the image declares no size");
        }
        if (width * height > Limits.MAX_IMAGE_PIXELS) {
            throw ProtocolException.badRequest("the image is " + width + " × " + height
                    + " pixels; at most " + Limits.MAX_IMAGE_PIXELS / 1_000_000 + " megapixels are accepted");
        }
    }

    /** Decodes only every n-th pixel, so memory stays near twice the thumbnail's size whatever the image's. */
    private static byte[] thumbnail(ImageReader reader, int width, int height) {
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * THUMBNAIL_EDGE));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage source = reader.read(0, param);
            return png(scaled(source));
        } catch (IOException | RuntimeException e) {
            Log.debugf("no thumbnail for an upload: %s", e.getMessage());
            return null;
        }
    }

    private static BufferedImage scaled(BufferedImage source) {
        double factor = Math.min(1.0, (double) THUMBNAIL_EDGE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    /** Reads the header only; a corrupt one fails here, before any pixel is decoded. */
    private static Dimensions declaredSize(ImageReader reader, String type) {
        try {
            return new Dimensions(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw unreadable(type);
        }
    }

    private static ProtocolException unreadable(String type) {
        return new ProtocolException(ErrorCode.UNSUPPORTED_TYPE, "not a readable " + type + " image");
    }

    /** The canvas size from a WebP header (lossy VP8, lossless VP8L or extended VP8X), which ImageIO can't read. */
    static Dimensions webpDimensions(byte[] bytes) {
        if (bytes.length >= 30) {
            String chunk = new String(bytes, 12, 4, StandardCharsets.US_ASCII);
            switch (chunk) {
                case "VP8 " -> {
                    return new Dimensions(le16(bytes, 26) & 0x3FFF, le16(bytes, 28) & 0x3FFF);
                }
                case "VP8L" -> {
                    long bits = le16(bytes, 21) | ((long) le16(bytes, 23) << 16);
                    return new Dimensions((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
                }
                case "VP8X" -> {
                    return new Dimensions(le24(bytes, 24) + 1, le24(bytes, 27) + 1);
                }
                default -> {
                    // falls through to the refusal below
                }
            }
        }
        throw unreadable(FileTypes.WEBP);
    }

    private static int le16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static long le24(byte[] bytes, int offset) {
        return le16(bytes, offset) | (long) (bytes[offset + 2] & 0xFF) << 16;
    }

    record Dimensions(long width, long height) {
    }
}
