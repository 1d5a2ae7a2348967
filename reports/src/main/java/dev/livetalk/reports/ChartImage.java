package dev.livetalk.reports;

/**
 * A chart written as PNG and SVG, with what the page says about it.
 *
 * <p>Immutable; any thread.
 *
 * @param png     the PNG's path relative to the report folder ({@code charts/outage-ack.png})
 * @param svg     the SVG's path relative to the report folder
 * @param title   the caption
 * @param width   pixels
 * @param height  pixels
 */
public record ChartImage(String png, String svg, String title, int width, int height) {
}
