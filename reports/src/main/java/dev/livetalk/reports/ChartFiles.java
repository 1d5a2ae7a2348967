package dev.livetalk.reports;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes charts into the report's {@code charts/} folder as PNG (for the page) and SVG (for
 * zooming and print). AWT runs headless.
 *
 * <p>Stateless; any thread, one chart per thread at a time (JFreeChart objects are not shared).
 */
final class ChartFiles {
    /** The sub-folder of the report folder that holds the charts. */
    static final String FOLDER = "charts";
    /** ImageIO's PNG quality: 0.5 is deflate level 4 or so. */
    private static final float PNG_QUALITY = 0.5f;

    private ChartFiles() {
    }

    /** Writes {@code chart} as {@code charts/NAME.png} and {@code .svg} under {@code reportDir}. */
    static ChartImage write(JFreeChart chart, Path reportDir, String name, String title, int width, int height)
            throws IOException {
        Path folder = reportDir.resolve(FOLDER);
        Files.createDirectories(folder);
        writePng(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null), folder.resolve(name + ".png"));
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        chart.draw(svg, new Rectangle2D.Double(0, 0, width, height));
        Files.writeString(folder.resolve(name + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
        return new ChartImage(FOLDER + "/" + name + ".png", FOLDER + "/" + name + ".svg", title, width, height);
    }

    /**
     * PNG with a light deflate level: ImageIO's default (the strongest) takes most of the
     * report's time for files about 10% smaller.
     */
    private static void writePng(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(PNG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** A file-name-safe form of {@code text}: {@code [a-z0-9-]} only. */
    static String slug(String text) {
        String slug = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
