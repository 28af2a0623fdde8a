package org.recloop.agents.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.recloop.core.net.BoundedExchange;

/**
 * LangChain4j's HTTP client SPI over the JDK client, like its own {@code JdkHttpClient}, except
 * that an exchange is bounded: the model's timeout covers the whole exchange (LangChain4j's JDK
 * client bounds only the connection and the headers, so a server trickling its answer held the
 * call for minutes) and the answer may not exceed {@code maxBytes} (the JDK client read any size
 * onto the heap). Both go through {@link BoundedExchange}; a timeout surfaces as LangChain4j's
 * {@link dev.langchain4j.exception.TimeoutException}, an oversized answer as an {@link
 * UncheckedIOException} around {@link BoundedExchange.TooLargeException}, whose message names the
 * URL and the limit. HTTP/1.1, as before. Only the one-shot {@link #execute(HttpRequest)} is
 * supported: RecLoop does not stream answers.
 */
final class BoundedHttpClient implements HttpClient {

    private final java.net.http.HttpClient jdk;
    private final Duration deadline;
    private final long maxBytes;

    private BoundedHttpClient(Builder b) {
        this.deadline = b.readTimeout != null ? b.readTimeout : Duration.ofSeconds(60);
        java.net.http.HttpClient.Builder jb = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        jdk = jb.connectTimeout(b.connectTimeout != null ? b.connectTimeout : deadline).build();
        this.maxBytes = b.maxBytes;
    }

    static Builder builder(long maxBytes) {
        return new Builder(maxBytes);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used");
        }
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(deadline)
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        HttpResponse<byte[]> r;
        try {
            r = BoundedExchange.send(jdk, b.build(), maxBytes, deadline);
        } catch (HttpTimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.url(), e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new HttpException(r.statusCode(), BoundedExchange.text(r));
        }
        return SuccessfulHttpResponse.builder().statusCode(r.statusCode()).headers(r.headers().map()).body(r.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("streaming answers are not used");
    }

    /** The builder LangChain4j's chat models configure: they set the timeouts, then build. */
    static final class Builder implements HttpClientBuilder {
        private final long maxBytes;
        private Duration connectTimeout;
        private Duration readTimeout;

        private Builder(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration d) {
            connectTimeout = d;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration d) {
            readTimeout = d;
            return this;
        }

        @Override
        public BoundedHttpClient build() {
            return new BoundedHttpClient(this);
        }
    }
}
