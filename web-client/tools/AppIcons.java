import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the installed app's icons (the favicon's speech bubble) as PNG files, once; the PNGs are
 * committed. Run from the repository root: {@code java web-client/tools/AppIcons.java}.
 */
public class AppIcons {

    private static final Color ACCENT = new Color(0x5865f2);
    private static final Path OUT = Path.of("web-client/src/main/resources/META-INF/resources/icons");

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(OUT);
        write(icon(192, false), "icon-192.png");
        write(icon(512, false), "icon-512.png");
        // maskable: the launcher crops to any shape inside the middle 80 %, so the colour fills the
        // whole square and the bubble keeps within the safe circle
        write(icon(192, true), "icon-maskable-192.png");
        write(icon(512, true), "icon-maskable-512.png");
        write(icon(180, true), "apple-touch-icon.png");
    }

    private static BufferedImage icon(int size, boolean maskable) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(ACCENT);
        if (maskable) {
            g.fillRect(0, 0, size, size);
        } else {
            g.fill(new RoundRectangle2D.Double(0, 0, size, size, size / 2.0, size / 2.0));
        }
        // the favicon's bubble (M8 10h16v10H14l-4 4v-4H8z on 32), scaled; smaller when maskable
        double unit = size / 32.0 * (maskable ? 0.75 : 1.0);
        double offset = (size - 32 * unit) / 2;
        Path2D bubble = new Path2D.Double();
        bubble.moveTo(8, 10);
        bubble.lineTo(24, 10);
        bubble.lineTo(24, 20);
        bubble.lineTo(14, 20);
        bubble.lineTo(10, 24);
        bubble.lineTo(10, 20);
        bubble.lineTo(8, 20);
        bubble.closePath();
        g.translate(offset, offset);
        g.scale(unit, unit);
        g.setColor(Color.WHITE);
        g.fill(bubble);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(ACCENT);
        g.drawLine(11, 13, 21, 13);
        g.drawLine(11, 16, 18, 16);
        g.dispose();
        return image;
    }

    private static void write(BufferedImage image, String name) throws IOException {
        ImageIO.write(image, "png", OUT.resolve(name).toFile());
    }
}
