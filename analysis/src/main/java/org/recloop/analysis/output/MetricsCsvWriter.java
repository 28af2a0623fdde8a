package org.recloop.analysis.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recloop.core.log.StorageFailure;
import org.recloop.core.sim.TickListener;
import org.recloop.core.sim.TickSummary;

/**
 * Writes {@code metrics.csv}: one row per tick with sessions, exposures, events, clicks and every
 * metric value, in metric order. Flushed after every tick, so an interrupted run keeps the rows
 * of the ticks it finished. As a {@link TickListener} it hears of a tick only once the log has
 * committed it, so after a kill the file never holds ticks the database lacks.
 */
public final class MetricsCsvWriter implements TickListener, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private final List<String> metricNames;

    public MetricsCsvWriter(Path file, List<String> metricNames) {
        this.metricNames = List.copyOf(metricNames);
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("tick,sessions,exposures,events,clicks");
            for (String n : metricNames) {
                out.write(',');
                out.write(n);
            }
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void onTick(TickSummary s) {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append(s.tick()).append(',').append(s.sessions()).append(',').append(s.exposures()).append(',')
                    .append(s.events()).append(',').append(s.clicks());
            for (String n : metricNames) {
                Double v = s.metrics().get(n);
                sb.append(',');
                if (v != null && !v.isNaN()) {
                    sb.append(String.format(Locale.ROOT, "%.6g", v));
                }
            }
            sb.append('\n');
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics.csv: " + StorageFailure.describe(e, file), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
