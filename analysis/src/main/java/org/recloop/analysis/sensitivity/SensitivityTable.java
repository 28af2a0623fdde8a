package org.recloop.analysis.sensitivity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A {@link RankListSensitivity.Result} as CSV and as a text summary. The CSV has the header
 * {@code perturbation,kind,user,item,jaccard,rbo,changed_share}: one row per perturbation (its
 * index, {@code remove} or {@code add}, the dense user and item ids), then three summary rows
 * whose {@code perturbation} is {@code mean}, {@code ci95_low} and {@code ci95_high} (kind, user
 * and item empty). Values have 6 decimals, {@code NaN} when undefined. One file keeps the raw
 * draws and their summary together, so a reader can recompute the interval.
 */
public final class SensitivityTable {

    public static final String HEADER = "perturbation,kind,user,item,jaccard,rbo,changed_share";

    private final RankListSensitivity.Result result;

    public SensitivityTable(RankListSensitivity.Result result) {
        this.result = java.util.Objects.requireNonNull(result, "result");
    }

    public String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RankListSensitivity.Row r : result.rows()) {
            Perturbation p = r.perturbation();
            sb.append(p.index()).append(',').append(p.kind().label()).append(',').append(p.user()).append(',')
                    .append(p.item()).append(',').append(num(r.jaccard())).append(',').append(num(r.rbo()))
                    .append(',').append(num(r.changedShare())).append('\n');
        }
        sb.append("mean,,,,").append(num(result.jaccard().mean())).append(',').append(num(result.rbo().mean()))
                .append(',').append(num(result.changedShare().mean())).append('\n');
        sb.append("ci95_low,,,,").append(num(result.jaccard().low())).append(',').append(num(result.rbo().low()))
                .append(',').append(num(result.changedShare().low())).append('\n');
        sb.append("ci95_high,,,,").append(num(result.jaccard().high())).append(',')
                .append(num(result.rbo().high())).append(',').append(num(result.changedShare().high())).append('\n');
        return sb.toString();
    }

    /** Writes {@link #csv()} to {@code file}, creating its folder. */
    public void writeCsv(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, csv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Three lines, one per measure: mean and 95% interval over the perturbations. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8s  %s%n", "measure", "mean",
                "95% interval"));
        line(sb, "jaccard@k", result.jaccard());
        line(sb, "rbo@k", result.rbo());
        line(sb, "changed_share", result.changedShare());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, RankListSensitivity.Interval i) {
        sb.append(String.format(Locale.ROOT, "  %-14s %8s  [%s, %s]%n", name, short4(i.mean()), short4(i.low()),
                short4(i.high())));
    }

    private static String short4(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
    }
}
