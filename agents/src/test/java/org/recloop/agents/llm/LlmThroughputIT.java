package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.ModelCall;

/**
 * Throughput of LLM agents (not a unit test): 1,000 LLM agents against the local test server
 * answering after 50 ms, with 64 concurrent requests through the real LangChain4j client; then
 * replays of the same run from the response cache, with no server. The React phase runs as in the
 * kernel: chunks of 512 slates on 2 worker threads. Figures are medians of 3 passes, measured
 * after warm-up passes (JIT), and are written to {@code target/llm-throughput.txt}.
 *
 * <p>Floors: live >= 500 decisions/s (the ideal is 64 / 50 ms = 1,280/s); replay >= 50,000
 * decisions/s with events identical to the live run.
 */
class LlmThroughputIT {

    private static final int AGENTS = 1000;
    private static final int TICKS = 6;
    private static final int WARMUP = 2; // live ticks before the measured passes (JIT warm-up)
    private static final int LIVE_PASSES = 3;
    private static final int REPLAY_WARMUP = 2;
    private static final int REPEATS = 5; // replays of the run per replay pass
    private static final int LATENCY_MS = 50;

    @TempDir
    Path tmp;

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private String params(String url, Path cache, String mode) {
        return "{\"agents\": {\"fraction\": 1.0}, \"provider\": {\"baseUrl\": \"" + url + "\", \"maxConcurrent\": 64,"
                + " \"timeoutMs\": 10000, \"maxRetries\": 2, \"backoffMs\": 50}, \"memory\": {\"embeddings\": false},"
                + " \"cache\": {\"path\": \"" + cache + "\", \"mode\": \"" + mode + "\"}}";
    }

    @Test
    void thousandAgentsLiveAndFromTheCache() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        Path cache = tmp.resolve("llm-cache");
        StringBuilder report = new StringBuilder();
        try (FakeLlmServer srv = new FakeLlmServer(r -> {
            int h = Math.floorMod(r.prompt().hashCode(), 1009);
            int choice = h % (r.feedLength() + 1) - 1;
            return new FakeLlmServer.Reply(200, FakeLlmServer.action(choice, choice < 0 ? null : 1 + h % 5, h % 3 == 0,
                    h % 7 == 0, false), LATENCY_MS, 400, 30);
        })) {
            // live: one tick = 1,000 decisions; ticks WARMUP .. WARMUP + LIVE_PASSES - 1 are the measured passes
            LlmRig live = new LlmRig(AGENTS, 2000, 10, 11, LlmRig.model(params(srv.openAiUrl(), cache, "readwrite"),
                    Map.of()));
            assertThat(((LlmUserModel) live.model).llmAgentCount()).isEqualTo(AGENTS);
            List<List<String>> liveEvents = new ArrayList<>();
            double[] liveRate = new double[LIVE_PASSES];
            for (int t = 0; t < TICKS; t++) {
                var slates = live.slates(t);
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                var ev = live.tick(t, slates, 512, workers);
                double secs = (System.nanoTime() - t0) / 1e9;
                liveEvents.add(LlmRig.rows(ev));
                System.out.printf(Locale.ROOT, "live tick %d: %.2f s, cpu %.2f s%n", t, secs, (cpuNanos() - c0) / 1e9);
                if (t >= WARMUP && t < WARMUP + LIVE_PASSES) {
                    liveRate[t - WARMUP] = slates.size() / secs;
                }
            }
            ((LlmUserModel) live.model).close();
            long decisions = live.calls.stream().map(m -> m.tick() + ":" + m.user()).distinct().count();
            assertThat(decisions).isEqualTo((long) AGENTS * TICKS);
            // every decision answered: no fallback; a transport failure the client retried (a kept-alive
            // connection closed under it, a stall past the deadline on a loaded machine) is allowed
            // once per hundred decisions, as in the recommender's throughput test
            assertThat(live.calls).extracting(ModelCall::outcome).doesNotContain("fallback");
            long ok = live.calls.stream().filter(m -> m.outcome().equals("ok")).count();
            assertThat(ok).isEqualTo((long) AGENTS * TICKS);
            assertThat(live.calls.size() - ok).isLessThanOrEqualTo(AGENTS * TICKS / 100);
            int requests = srv.received();
            assertThat(requests).isBetween(AGENTS * TICKS, live.calls.size());

            // replay: each pass replays the whole run REPEATS times, each time with a fresh world and
            // model (their set-up, which loads the cache, is not timed); no server is involved
            int passes = REPLAY_WARMUP + Integer.getInteger("recloop.llm.replayPasses", 3);
            double[] replayRate = new double[passes - REPLAY_WARMUP];
            double loadMs = 0;
            for (int p = 0; p < passes; p++) {
                long n = 0;
                long nanos = 0;
                for (int rep = 0; rep < REPEATS; rep++) {
                    long l0 = System.nanoTime();
                    LlmRig replay = new LlmRig(AGENTS, 2000, 10, 11, LlmRig.model(params("http://127.0.0.1:1/v1", cache,
                            "replay"), Map.of()));
                    loadMs = (System.nanoTime() - l0) / 1e6;
                    for (int t = 0; t < TICKS; t++) {
                        var slates = replay.slates(t);
                        long t0 = System.nanoTime();
                        var ev = replay.tick(t, slates, 512, workers);
                        nanos += System.nanoTime() - t0;
                        n += slates.size();
                        assertThat(LlmRig.rows(ev)).as("pass %d tick %d", p, t).isEqualTo(liveEvents.get(t));
                    }
                    assertThat(replay.calls).extracting(ModelCall::outcome).containsOnly("cached");
                }
                if (p >= REPLAY_WARMUP) {
                    replayRate[p - REPLAY_WARMUP] = n / (nanos / 1e9);
                }
            }
            assertThat(srv.received()).isEqualTo(requests);

            double liveMedian = median(liveRate);
            double replayMedian = median(replayRate);
            report.append(String.format(Locale.ROOT, "LLM throughput, %d agents, %d concurrent, %d ms latency,"
                    + " %d cores%n", AGENTS, 64, LATENCY_MS, Runtime.getRuntime().availableProcessors()));
            report.append(String.format(Locale.ROOT, "live   decisions/s per pass %s, median %.0f (ideal %.0f;"
                    + " %d decisions per pass after %d warm-up passes)%n", fmt(liveRate), liveMedian,
                    64 * 1000.0 / LATENCY_MS, AGENTS, WARMUP));
            report.append(String.format(Locale.ROOT, "replay decisions/s per pass %s, median %.0f (%d decisions per"
                    + " pass after %d warm-up passes; opening the cache %.0f ms, not counted)%n", fmt(replayRate),
                    replayMedian, AGENTS * TICKS * REPEATS, REPLAY_WARMUP, loadMs));
            System.out.print(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "llm-throughput.txt"), report.toString());
            // Speed is a benchmark figure, not a pass/fail of the normal suite on a shared machine:
            // the floors of the issue are checked only when asked for (on a quiet machine) with
            // mvn -B verify -pl agents -Drecloop.perf.assert=true; the figures are always written.
            if (Boolean.getBoolean("recloop.perf.assert")) {
                assertThat(liveMedian).as("live decisions/s").isGreaterThanOrEqualTo(500);
                assertThat(replayMedian).as("replay decisions/s").isGreaterThanOrEqualTo(50_000);
            }
        } finally {
            workers.shutdown();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String fmt(double[] xs) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : xs) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.0f", x));
        }
        return sb.append(']').toString();
    }
}
