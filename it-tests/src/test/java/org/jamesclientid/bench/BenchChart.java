package org.jamesclientid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's chart, an SVG a browser opens: on the left the latency distributions (CDF) of the decisions and of the bare
 * reads, on the right the server CPU per session of each variant, a dot per round and a bar at the median. The machine
 * and the date are written on it.
 */
final class BenchChart {
    private static final List<String> COLOURS = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939");
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;
    private static final int TOP = 60;
    private static final int BOTTOM = 480;
    private static final int CDF_LEFT = 70;
    private static final int CDF_RIGHT = 700;
    private static final int CPU_LEFT = 800;
    private static final int CPU_RIGHT = 1170;

    private final Map<String, long[]> cdfs = new LinkedHashMap<>();
    private final Map<String, double[]> cpuPerRound = new LinkedHashMap<>();

    synchronized void addCdf(String label, long[] sortedNanos) {
        if (sortedNanos.length > 0) {
            cdfs.put(label, sortedNanos.clone());
        }
    }

    synchronized void addCpu(String variant, double[] microsPerSessionPerRound) {
        cpuPerRound.put(variant, microsPerSessionPerRound.clone());
    }

    synchronized void write(Path file, String caption) throws IOException {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(20, 24, 15, "CLIENTID ./run-bench: " + escape(caption)));
        cdfPanel(svg);
        cpuPanel(svg);
        svg.append("</svg>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, svg.toString(), StandardCharsets.UTF_8);
    }

    private void cdfPanel(StringBuilder svg) {
        svg.append(text(CDF_LEFT, TOP - 12, 13, "AUTH decision latency, CDF (x: ms, cut at the largest p99 x 1.5)"));
        double maxMs = cdfs.values().stream()
            .mapToDouble(nanos -> nanos[Math.max(0, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1e6)
            .max().orElse(1) * 1.5;
        axes(svg, CDF_LEFT, CDF_RIGHT, maxMs, "ms");
        for (int tick = 0; tick <= 4; tick++) {
            double y = BOTTOM - (BOTTOM - TOP) * tick / 4.0;
            svg.append(text(CDF_LEFT - 36, y + 4, 11, String.format(Locale.ROOT, "%.2f", tick / 4.0)));
        }
        int index = 0;
        for (Map.Entry<String, long[]> cdf : cdfs.entrySet()) {
            String colour = COLOURS.get(index % COLOURS.size());
            long[] nanos = cdf.getValue();
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < nanos.length; i++) {
                double x = CDF_LEFT + (CDF_RIGHT - CDF_LEFT) * Math.min(1, nanos[i] / 1e6 / maxMs);
                double y = BOTTOM - (BOTTOM - TOP) * (i + 1.0) / nanos.length;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", colour, points));
            double legendY = TOP + 14 + 15 * index;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                CDF_RIGHT - 250, legendY - 4, CDF_RIGHT - 232, legendY - 4, colour));
            svg.append(text(CDF_RIGHT - 226, legendY, 11, escape(cdf.getKey())));
            index++;
        }
    }

    private void cpuPanel(StringBuilder svg) {
        svg.append(text(CPU_LEFT, TOP - 12, 13, "Server CPU per session (us), a dot per round"));
        if (cpuPerRound.isEmpty()) {
            svg.append(text(CPU_LEFT, TOP + 20, 11, "(sessions part not run)"));
            return;
        }
        double max = cpuPerRound.values().stream().flatMapToDouble(Arrays::stream).max().orElse(1) * 1.1;
        axes(svg, CPU_LEFT, CPU_RIGHT, 0, "");
        for (int tick = 0; tick <= 4; tick++) {
            double y = BOTTOM - (BOTTOM - TOP) * tick / 4.0;
            svg.append(text(CPU_LEFT - 44, y + 4, 11, String.format(Locale.ROOT, "%.0f", max * tick / 4)));
        }
        double column = (CPU_RIGHT - CPU_LEFT) / (double) cpuPerRound.size();
        int index = 0;
        for (Map.Entry<String, double[]> variant : cpuPerRound.entrySet()) {
            double centre = CPU_LEFT + column * (index + 0.5);
            double[] values = variant.getValue().clone();
            Arrays.sort(values);
            for (double value : values) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                    centre, y(value, max), COLOURS.get(index % COLOURS.size())));
            }
            double median = values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-width=\"2\"/>%n",
                centre - 14, y(median, max), centre + 14, y(median, max)));
            svg.append(text(centre - 30, BOTTOM + 18, 11, escape(variant.getKey())));
            svg.append(text(centre - 30, BOTTOM + 32, 10, String.format(Locale.ROOT, "median %.0f", median)));
            index++;
        }
    }

    private static double y(double value, double max) {
        return BOTTOM - (BOTTOM - TOP) * value / max;
    }

    private static void axes(StringBuilder svg, int left, int right, double maxX, String unit) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, BOTTOM, right, BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, TOP, left, BOTTOM));
        if (maxX > 0) {
            for (int tick = 0; tick <= 5; tick++) {
                double x = left + (right - left) * tick / 5.0;
                svg.append(text(x - 10, BOTTOM + 16, 11, String.format(Locale.ROOT, "%.1f", maxX * tick / 5) + (tick == 5 ? " " + unit : "")));
            }
        }
    }

    private static String text(double x, double y, int size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">%s</text>%n", x, y, size, content);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
