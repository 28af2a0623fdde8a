package org.recloop.recommenders.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A neural fit with networking refused, in a fresh JVM (failsafe forks one per IT class here)
 * with an empty DJL cache: the engine must load and extract its native library from the Maven
 * jars alone. Every URL connection asks the default {@link ProxySelector}; this one records the
 * address and throws, so any download attempt by DJL fails the fit and is listed.
 */
class NeuralOfflineIT {

    /**
     * The empty cache, deleted after the test by JUnit: the engine extracts about 430 MB of native
     * libraries into it, which must not stay on the machine after every build (deleting the files of
     * a loaded library is safe on Linux and macOS: the mapping stays).
     */
    @TempDir
    Path cache;

    @Test
    void fitsWithNetworkingRefusedAndAnEmptyCache() throws IOException {
        assertThat(TorchRuntime.loaded()).as("the engine must load in this test, not before").isFalse();
        assertThat(cache).isEmptyDirectory();
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        List<URI> attempts = new CopyOnWriteArrayList<>();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(uri);
                throw new IllegalStateException("network disabled in this test: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
        try {
            HeldOutData data = HeldOutData.communities(2);
            LightGcnRecommender gcn = new LightGcnRecommender(
                    new LightGcnRecommender.Params(16, 2, 3, 512, 0.01, 1e-4, "auto", 0L, 0.1, 3, 0.0));
            gcn.fit(data.train, data.trainContext());
            assertThat(gcn.modelVersion()).isEqualTo(1);
            assertThat(data.ndcgAt10(gcn)).isPositive();
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertThat(attempts).isEmpty();
        assertThat(TorchRuntime.loaded()).isTrue();
    }
}
