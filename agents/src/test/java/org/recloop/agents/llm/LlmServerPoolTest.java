package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;
import org.recloop.core.rng.RandomStreams;

/**
 * Several servers of one chat model, each a real local HTTP server behind LangChain4j's client:
 * calls spread over the healthy ones, a failing one is taken out by its circuit breaker (on a
 * clock the test moves, so nothing waits for a cool-down), each server keeps to its concurrency
 * limit, and the llm_calls rows say which server answered.
 */
class LlmServerPoolTest {

    private static ListAppender<ILoggingEvent> logs;
    private final List<FakeLlmServer> servers = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private LangChainLanguageModels models;

    @BeforeAll
    static void logging() {
        logs = LogCapture.attach();
    }

    @AfterAll
    static void detach() {
        LogCapture.detach(logs);
    }

    @AfterEach
    void stop() {
        if (models != null) {
            models.close();
        }
        servers.forEach(FakeLlmServer::close);
    }

    private FakeLlmServer server(FakeLlmServer.Script script) throws Exception {
        FakeLlmServer s = new FakeLlmServer(script);
        servers.add(s);
        return s;
    }

    private LanguageModel model(List<String> urls, int maxConcurrent, int maxRetries) {
        models = new LangChainLanguageModels(Environment.of(Map.of()), new RandomStreams(3), nanos::get);
        return models.chat(new ChatModelSpec("openai", urls, "pool-model", 10_000, 1 << 20, maxConcurrent, maxRetries,
                0, 0, 0, 50, false, Optional.empty(), false, 0));
    }

    private static ChatRequest request(int i) {
        return new ChatRequest("system", "question " + i, 0, i, "ok", ModelCall.Component.USER_AGENT);
    }

    /**
     * A server nobody runs, distinct per {@code n}: port 1 of a loopback address, where every call
     * is refused (a port picked and released could be taken by another process by then).
     */
    private static String closedPortUrl(int n) {
        return "http://127.0.0." + n + ":1/v1";
    }

    private void advanceMs(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private static List<String> logged(Level level, int from) {
        return logs.list.subList(from, logs.list.size()).stream().filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void callsSpreadOverTheHealthyServersAndAFailingOneIsTakenOutUntilItsTrialSucceeds() throws Exception {
        FakeLlmServer a = server(r -> FakeLlmServer.Reply.ok("a: " + r.prompt()));
        FakeLlmServer b = server(r -> FakeLlmServer.Reply.status(500));
        FakeLlmServer c = server(r -> FakeLlmServer.Reply.ok("c: " + r.prompt()));
        LanguageModel lm = model(List.of(a.openAiUrl(), b.openAiUrl(), c.openAiUrl()), 4, 2);
        int before = logs.list.size();
        List<ModelCall> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ChatAnswer ans = lm.complete(request(i));
            String q = "question " + i;
            assertThat(ans.text()).as("call %d", i).hasValueSatisfying(t -> assertThat(t).endsWith(q));
            rows.addAll(ans.calls());
        }
        // the failing server got exactly the breaker's threshold of calls; the others share the rest
        assertThat(b.received()).isEqualTo(CircuitBreaker.FAILURES);
        assertThat(a.received() + c.received()).isEqualTo(60);
        assertThat(a.received()).isBetween(25, 35);
        assertThat(c.received()).isBetween(25, 35);
        // the rows say who answered and who failed
        Map<String, Long> byServer = rows.stream().collect(Collectors.groupingBy(m -> m.server() + " " + m.outcome(),
                Collectors.counting()));
        assertThat(byServer).containsOnly(Map.entry(a.openAiUrl() + " ok", (long) a.received()),
                Map.entry(c.openAiUrl() + " ok", (long) c.received()),
                Map.entry(b.openAiUrl() + " http_500", (long) CircuitBreaker.FAILURES));
        assertThat(logged(Level.WARN, before)).anySatisfy(w -> assertThat(w).contains("LLM server " + b.openAiUrl()
                + " taken out for 1000 ms after 3 failures in a row", "http_500"));

        // after the cool-down one trial call; it fails, so the server is out for twice as long
        advanceMs(CircuitBreaker.FIRST_COOL_DOWN_MS);
        for (int i = 60; i < 66; i++) {
            assertThat(lm.complete(request(i)).text()).isPresent();
        }
        assertThat(b.received()).isEqualTo(CircuitBreaker.FAILURES + 1);
        advanceMs(CircuitBreaker.FIRST_COOL_DOWN_MS); // not long enough now
        for (int i = 66; i < 72; i++) {
            assertThat(lm.complete(request(i)).text()).isPresent();
        }
        assertThat(b.received()).isEqualTo(CircuitBreaker.FAILURES + 1);
        // the server recovers: the next trial succeeds and it takes its share again
        b.script(r -> FakeLlmServer.Reply.ok("b: " + r.prompt()));
        advanceMs(CircuitBreaker.FIRST_COOL_DOWN_MS);
        for (int i = 72; i < 90; i++) {
            assertThat(lm.complete(request(i)).text()).isPresent();
        }
        assertThat(b.sent(200)).isBetween(5, 7);
        ServerPool pool = ((LangChainLanguageModel) lm).servers();
        assertThat(pool.openings(b.openAiUrl())).isEqualTo(2);
        assertThat(pool.answered(b.openAiUrl())).isEqualTo(b.sent(200));

        // the closing line names each server with its calls and openings
        int closing = logs.list.size();
        models.close();
        assertThat(logged(Level.INFO, closing)).anySatisfy(l -> assertThat(l).contains("language model pool-model: ",
                a.openAiUrl() + " " + a.received() + " answered, 0 failed, taken out 0 times",
                b.openAiUrl() + " " + b.sent(200) + " answered, 4 failed, taken out 2 times"));
    }

    @Test
    void whenNoServerIsReachableEveryCallFailsAsWithOneUnreachableServerAndTheWarningNamesThemAll() throws Exception {
        List<String> urls = List.of(closedPortUrl(1), closedPortUrl(2), closedPortUrl(3));
        LanguageModel lm = model(urls, 4, 2);
        int before = logs.list.size();
        List<ModelCall> rows = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 5; i++) {
                ChatAnswer ans = lm.complete(request(i));
                assertThat(ans.text()).isEmpty();
                assertThat(ans.outcome()).isEqualTo("unreachable");
                rows.addAll(ans.calls());
            }
        });
        // three attempts per call: the first call tries each server once, and so on until all are out
        assertThat(rows).hasSize(15).allSatisfy(m -> assertThat(m.outcome()).isEqualTo("unreachable"));
        assertThat(rows.stream().filter(m -> !m.server().isEmpty()).count())
                .isEqualTo(3L * CircuitBreaker.FAILURES);
        assertThat(rows.subList(9, 15)).allSatisfy(m -> assertThat(m.server()).isEmpty());
        assertThat(logged(Level.WARN, before)).anySatisfy(w -> assertThat(w).contains(
                "no LLM server available, every server is out after repeated failures: " + String.join(", ", urls)));
        assertThat(logged(Level.WARN, before)).anySatisfy(w -> assertThat(w).contains("every server is out now: ",
                urls.get(0) + " (unreachable: cannot connect", urls.get(1), urls.get(2)));
        // one unreachable server: the same outcome, and the warning names it
        int one = logs.list.size();
        String url = closedPortUrl(1);
        LanguageModel single = model(List.of(url), 4, 1);
        ChatAnswer ans = single.complete(request(0));
        assertThat(ans.outcome()).isEqualTo("unreachable");
        assertThat(ans.calls()).hasSize(2).allSatisfy(m -> assertThat(m.server()).isEqualTo(url));
        assertThat(logged(Level.WARN, one)).anySatisfy(w -> assertThat(w).contains("unreachable", "at " + url));
    }

    @Test
    void eachServerTakesAtMostMaxConcurrentCallsAtOnce() throws Exception {
        int limit = 2;
        // every answer waits until four calls are in flight: two servers must each take two at once
        CyclicBarrier four = new CyclicBarrier(2 * limit);
        AtomicInteger[] inFlight = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger[] most = {new AtomicInteger(), new AtomicInteger()};
        List<FakeLlmServer> two = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int k = s;
            two.add(server(r -> {
                most[k].accumulateAndGet(inFlight[k].incrementAndGet(), Math::max);
                try {
                    four.await(30, TimeUnit.SECONDS);
                    return FakeLlmServer.Reply.ok("fine");
                } catch (Exception e) {
                    return FakeLlmServer.Reply.status(418); // not retried: the test fails on the outcome
                } finally {
                    inFlight[k].decrementAndGet();
                }
            }));
        }
        LanguageModel lm = model(List.of(two.get(0).openAiUrl(), two.get(1).openAiUrl()), limit, 0);
        List<CompletableFuture<ChatAnswer>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            futures.add(lm.completeAsync(request(i)));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (CompletableFuture<ChatAnswer> f : futures) {
                assertThat(f.get().outcome()).isEqualTo("ok");
            }
        });
        assertThat(most[0].get()).isEqualTo(limit);
        assertThat(most[1].get()).isEqualTo(limit);
        assertThat(two.get(0).received() + two.get(1).received()).isEqualTo(12);
    }
}
