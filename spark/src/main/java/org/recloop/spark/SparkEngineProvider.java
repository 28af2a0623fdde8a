package org.recloop.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.recloop.core.sim.TickEngine;
import org.recloop.scenarios.runner.EngineProvider;
import org.recloop.scenarios.runner.EngineRequest;

/**
 * {@code recloop run SCENARIO --engine spark [--master URL] [--partitions N]}: opens a Spark
 * context (Java API) for the run. Masters: {@code local}, {@code local[N]}, {@code local[*]} and
 * standalone {@code spark://host:port[,host:port...]}, which is checked by connecting to it (5 s)
 * before the context is made, so an unreachable master is refused before any run folder exists
 * instead of after Spark's minute of retries.
 */
public final class SparkEngineProvider implements EngineProvider {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^,/]+:[0-9]+(,[^,/]+:[0-9]+)*)");
    private static final int CONNECT_MILLIS = 5000;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TickEngine open(EngineRequest r) throws EngineUnavailableException {
        String master = r.master() == null ? "local[*]" : r.master().trim();
        checkReachable(master);
        SparkConf conf = KryoBytes.configure(new SparkConf(false))
                .setMaster(master)
                .setAppName("recloop " + r.scenario().scenario().name())
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                // a task of a tick is never worth running twice
                .set("spark.task.maxFailures", "1")
                .set("spark.speculation", "false")
                .set("spark.dynamicAllocation.enabled", "false")
                // a tick's results are its slates and events, which the driver must have all of:
                // Spark's 1 GB cap would stop a large run, not protect it
                .set("spark.driver.maxResultSize", "0");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.setJars(JavaSparkContext.jarOfClass(SparkEngineProvider.class));
        }
        JavaSparkContext jsc;
        try {
            jsc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("--master " + master + ": Spark could not start: " + e.getMessage(), e);
        }
        int partitions = r.partitions() > 0 ? r.partitions() : Math.max(1, jsc.defaultParallelism());
        String runKey = UUID.nameUUIDFromBytes((r.file().toAbsolutePath() + "#" + r.seed() + "#" + System.nanoTime())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new SparkTickEngine(jsc, new ReplicaSpec(runKey, r.file().toAbsolutePath().toString(), r.seed(),
                r.threads(), r.llmBaseUrl(), r.llmModel(), partitions));
    }

    /** Refuses a master URL this build cannot use, or a standalone master nobody answers at. */
    static void checkReachable(String master) throws EngineUnavailableException {
        if (LOCAL.matcher(master).matches()) {
            return;
        }
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            throw new EngineUnavailableException("--master must be local, local[N], local[*] or spark://host:port, was '"
                    + master + "'", null);
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : m.group(1).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
                return; // one live master is enough
            } catch (IOException e) {
                failures.add(hostPort + " (" + e.getMessage() + ")");
            }
        }
        throw new EngineUnavailableException("--master " + master + ": the Spark master cannot be reached: "
                + String.join(", ", failures), null);
    }
}
