package org.recloop.core.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with an outside server, bounded in time and size. The JDK client's request
 * timeout covers the connection and the response headers only: a server that then sends its body
 * one byte a second holds the caller for as long as it likes, and {@code BodyHandlers.ofString()}
 * takes an answer of any size onto the heap. Here the whole exchange (connect, headers, body) must
 * end within the deadline, and the body is counted as it arrives: past {@code maxBytes} (or at
 * once, when Content-Length announces more) the exchange is aborted, so an oversized answer is
 * never held in memory.
 *
 * <p>Threading: stateless; safe from any thread. A thread interrupted while waiting gets an
 * {@link InterruptedException} and the exchange is aborted.
 */
public final class BoundedExchange {

    private BoundedExchange() {}

    /** The answer was larger than the limit; its message names the URL and the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(URI uri, long limit, String detail) {
            super("the answer of " + uri + " is larger than the limit of " + limit + " bytes" + detail);
            this.limit = limit;
        }

        /** The limit in bytes. */
        public long limit() {
            return limit;
        }
    }

    /**
     * Sends the request and reads the whole answer, all within {@code deadline}.
     *
     * @return the response, whatever its status, with the body as bytes (at most {@code maxBytes})
     * @throws HttpTimeoutException the exchange did not end within the deadline (message names the
     *     URL and the deadline)
     * @throws TooLargeException the body is larger than {@code maxBytes}
     * @throws IOException any other transport failure
     */
    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, long maxBytes, Duration deadline)
            throws IOException, InterruptedException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0, was " + maxBytes);
        }
        AtomicReference<Limited> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, info -> {
            Limited l = new Limited(request.uri(), maxBytes, info.headers().firstValueAsLong("Content-Length"));
            body.set(l);
            return l;
        });
        try {
            return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(f, body);
            throw new HttpTimeoutException(request.uri() + ": no complete answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            abort(f, body);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof TooLargeException t) {
                // rethrown as is: the caller's stack is in the suppressed one
                t.addSuppressed(new IOException("while waiting for " + request.uri()));
                throw t;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(request.uri() + ": " + c, c);
        }
    }

    private static void abort(CompletableFuture<?> f, AtomicReference<Limited> body) {
        Limited l = body.get();
        if (l != null) {
            l.abort(); // closes the connection even where cancel does not reach the exchange
        }
        f.cancel(true);
    }

    /** Collects the body while counting; cancels the subscription past the limit. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final URI uri;
        private final long max;
        private final OptionalLong announced;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private long received;

        Limited(URI uri, long max, OptionalLong announced) {
            this.uri = uri;
            this.max = max;
            this.announced = announced;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (announced.isPresent() && announced.getAsLong() > max) {
                s.cancel();
                result.completeExceptionally(new TooLargeException(uri, max, " (Content-Length "
                        + announced.getAsLong() + ")"));
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(uri, max, ""));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buf.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buf.toByteArray());
        }

        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new HttpTimeoutException(uri + ": aborted"));
        }
    }

    /** The body as UTF-8 text. */
    public static String text(HttpResponse<byte[]> r) {
        byte[] b = Optional.ofNullable(r.body()).orElse(new byte[0]);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
