package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one chat model (one or more base URLs of the same model), each with its own
 * client, its own limit of {@code perServer} calls in flight and, when there are several, its own
 * {@link CircuitBreaker}.
 *
 * <p>Routing: each attempt goes to the healthy server with the fewest calls in flight, ties
 * broken round-robin from the server after the last one chosen. Least-loaded rather than plain
 * round-robin because servers differ (a larger GPU, a shorter queue): a slow server keeps its
 * calls longer and so is offered fewer new ones, while equal servers get equal shares. A retry
 * goes to another server than the one its attempt failed on, when one is free. When every
 * healthy server is at its limit the attempt waits for a free slot. When every server is out (all
 * breakers open) the attempt fails at once with outcome {@code unreachable}, as a call to one
 * unreachable server does, and its caller retries after its back-off, then falls back.
 *
 * <p>One server has no breaker: there is nowhere else to send its calls, and a server that fails
 * some prompts must not fail the others' (a single-server run behaves exactly as before).
 *
 * <p>Which server answers a call depends on timing, so it is not deterministic; what is
 * answered does not depend on it (the same model behind every URL; the response cache replays
 * without servers), and the llm_calls rows keep their order (the caller orders them).
 * Thread-safe.
 */
final class ServerPool {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPool.class);

    /** One server: its URL, client, load, health and tallies (guarded by the pool). */
    static final class Server {
        final String url;
        final String safeUrl;
        private final Function<String, LlmClient> clients;
        private LlmClient client;
        private int inFlight;
        private final CircuitBreaker breaker = new CircuitBreaker();
        private long answered;
        private long failed;
        private String lastFailure = "";

        Server(String url, Function<String, LlmClient> clients) {
            this.url = url;
            this.safeUrl = LangChainLanguageModel.safeUrl(url);
            this.clients = clients;
        }
    }

    /** An attempt's server, held until {@link #answered} or {@link #failed}. */
    final class Lease {
        private final Server server;
        private boolean done;

        private Lease(Server server) {
            this.server = server;
        }

        /** The server's URL without credentials, for the llm_calls row. */
        String server() {
            return server.safeUrl;
        }

        /** The server's client (made on its first call). */
        LlmClient client() {
            synchronized (ServerPool.this) {
                if (server.client == null) {
                    server.client = server.clients.apply(server.url);
                }
                return server.client;
            }
        }

        void answered() {
            synchronized (ServerPool.this) {
                if (release()) {
                    server.answered++;
                    if (server.breaker.isOpen()) {
                        LOG.info("LLM server {} answered again: calls go to it again", server.safeUrl);
                    }
                    server.breaker.succeeded();
                }
            }
        }

        void failed(String outcome, String message) {
            synchronized (ServerPool.this) {
                if (!release()) {
                    return;
                }
                server.failed++;
                server.lastFailure = outcome + ": " + message;
                if (breakers && CircuitBreaker.counts(outcome)) {
                    boolean trial = server.breaker.inTrial();
                    if (server.breaker.failed(clock.getAsLong())) {
                        LOG.warn("LLM server {} taken out for {} ms after {} ({}); its calls go to the other servers{}",
                                server.safeUrl, server.breaker.coolDownMs(), trial ? "a failed trial call"
                                        : CircuitBreaker.FAILURES + " failures in a row",
                                server.lastFailure, allOut() ? "; every server is out now: " + describe() : "");
                    }
                } else {
                    server.breaker.ended();
                }
            }
        }

        /** Releases the slot if neither {@link #answered} nor {@link #failed} did. */
        void ended() {
            synchronized (ServerPool.this) {
                if (release()) {
                    server.breaker.ended();
                }
            }
        }

        private boolean release() {
            if (done) {
                return false;
            }
            done = true;
            server.inFlight--;
            ServerPool.this.notifyAll();
            return true;
        }
    }

    /** Every server is out: the attempt fails as a call to an unreachable server does. */
    static final class NoServerException extends Exception {
        private static final long serialVersionUID = 1L;

        NoServerException(String message) {
            super(message);
        }
    }

    private final List<Server> servers;
    private final int perServer;
    private final boolean breakers;
    private final LongSupplier clock;
    private int next;

    /**
     * @param urls the base URLs, in the scenario's order
     * @param perServer calls in flight per server
     * @param clients makes a server's client from its URL (on its first call)
     * @param clock nanoseconds, for the breakers' cool-downs ({@code System::nanoTime} in runs)
     */
    ServerPool(List<String> urls, int perServer, Function<String, LlmClient> clients, LongSupplier clock) {
        List<Server> s = new ArrayList<>();
        for (String u : urls) {
            s.add(new Server(u, clients));
        }
        this.servers = List.copyOf(s);
        this.perServer = perServer;
        this.breakers = servers.size() > 1;
        this.clock = clock;
    }

    int size() {
        return servers.size();
    }

    /**
     * A server for one attempt: the least loaded of those whose breaker lets calls through,
     * waiting while all of those are at their limit. A retry goes elsewhere when it can: {@code
     * previous}, the server its last attempt failed on, is taken only when no other is free.
     *
     * @param previous the lease of the call's failed attempt, or null
     * @throws NoServerException when every server is out, naming each with its last failure
     * @throws InterruptedException when interrupted while waiting for a free slot
     */
    synchronized Lease acquire(Lease previous) throws NoServerException, InterruptedException {
        Server avoid = previous == null || servers.size() == 1 ? null : previous.server;
        while (true) {
            long now = clock.getAsLong();
            Server best = null;
            int bestIndex = -1;
            boolean busy = false;
            for (int k = 0; k < servers.size(); k++) {
                int i = (next + k) % servers.size();
                Server s = servers.get(i);
                if (breakers && !s.breaker.allows(now)) {
                    continue;
                }
                if (s.inFlight >= perServer) {
                    busy = true;
                } else if (best == null || (best == avoid && s != avoid)
                        || (s != avoid && s.inFlight < best.inFlight)) {
                    best = s;
                    bestIndex = i;
                }
            }
            if (best != null) {
                best.inFlight++;
                if (breakers) {
                    best.breaker.sent();
                }
                next = (bestIndex + 1) % servers.size();
                return new Lease(best);
            }
            if (!busy) {
                throw new NoServerException("no LLM server available, every server is out after repeated failures: "
                        + endpoints());
            }
            wait(100); // a slot frees up (notify), or a cool-down ends
        }
    }

    private boolean allOut() {
        long now = clock.getAsLong();
        return servers.stream().noneMatch(s -> s.breaker.allows(now));
    }

    /** Each server with its last failure. */
    private String describe() {
        List<String> parts = new ArrayList<>();
        for (Server s : servers) {
            parts.add(s.safeUrl + (s.lastFailure.isEmpty() ? "" : " (" + s.lastFailure + ")"));
        }
        return String.join(", ", parts);
    }

    /** The base URLs without credentials, comma-separated. */
    String endpoints() {
        return String.join(", ", servers.stream().map(s -> s.safeUrl).toList());
    }

    /** Per server: attempts answered, attempts failed, breaker openings; for the closing log line. */
    synchronized String summary() {
        List<String> parts = new ArrayList<>();
        for (Server s : servers) {
            parts.add(String.format(Locale.ROOT, "%s %d answered, %d failed, taken out %d times", s.safeUrl,
                    s.answered, s.failed, s.breaker.openings()));
        }
        return String.join("; ", parts);
    }

    /** Whether any server was asked. */
    synchronized boolean used() {
        return servers.stream().anyMatch(s -> s.answered + s.failed > 0);
    }

    /** Attempts answered by the server with this URL (as given), for tests. */
    synchronized long answered(String url) {
        return servers.stream().filter(s -> s.url.equals(url)).mapToLong(s -> s.answered).sum();
    }

    /** Breaker openings of the server with this URL (as given), for tests. */
    synchronized int openings(String url) {
        return servers.stream().filter(s -> s.url.equals(url)).mapToInt(s -> s.breaker.openings()).sum();
    }
}
