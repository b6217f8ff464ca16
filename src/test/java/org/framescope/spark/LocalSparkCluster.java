package org.framescope.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spark JVMs on this machine from the build's Spark jars (SPARK_HOME/jars linking to them, without
 * framescope's own libraries): a standalone master, one-core workers, and {@code spark-submit},
 * each a separate process logging to {@code NAME.out}/{@code NAME.err} in the directory. Used by
 * SparkClusterIT and SparkBench. Needs the system properties failsafe sets (or the bench script):
 * {@code framescope.sparkClasspath} and {@code framescope.sparkOpens}.
 */
final class LocalSparkCluster implements AutoCloseable {

    private final Path dir;
    private final Path home;
    private final List<String> jvm;
    private final List<Process> processes = new ArrayList<>();
    private String master;

    LocalSparkCluster(Path dir) throws IOException {
        this.dir = dir;
        this.home = sparkHome(dir.resolve("spark-home"));
        Path logConfig = dir.resolve("logback.xml");
        Files.writeString(logConfig, """
                <configuration>
                  <appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder></appender>
                  <logger name="org.framescope" level="INFO"/>
                  <root level="WARN"><appender-ref ref="E"/></root>
                </configuration>
                """);
        this.jvm = new ArrayList<>(List.of("-Dlogback.configurationFile=" + logConfig));
        jvm.addAll(
                Arrays.asList(System.getProperty("framescope.sparkOpens").trim().split("\\s+")));
    }

    /** The logback configuration the Spark JVMs use (for executors: pass it in spark.executor.extraJavaOptions). */
    Path logConfig() {
        return dir.resolve("logback.xml");
    }

    /**
     * Starts a master and one-core workers, and waits until the master listens.
     *
     * @return the master URL
     */
    String startStandalone(int workers, String workerMemory) throws IOException, InterruptedException {
        int port = freePort();
        start(
                "master",
                "-Xmx512m",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--webui-port",
                String.valueOf(freePort()));
        awaitPort(port, 90);
        master = "spark://127.0.0.1:" + port;
        for (int w = 1; w <= workers; w++) {
            start(
                    "worker" + w,
                    "-Xmx512m",
                    "org.apache.spark.deploy.worker.Worker",
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    "1",
                    "--memory",
                    workerMemory,
                    "--webui-port",
                    String.valueOf(freePort()),
                    "--work-dir",
                    dir.resolve("work" + w).toString(),
                    master);
        }
        return master;
    }

    /**
     * The spark-submit options of a ScoreJob run on two one-core executors, the framescope log
     * configuration on them, and scoring held back until both executors are up (so that both get
     * partitions); ScoreJob's own arguments follow.
     */
    List<String> scoreJobSubmit(String master, String executorMemory, String extraExecutorOptions) {
        return new ArrayList<>(List.of(
                "--master",
                master,
                "--deploy-mode",
                "client",
                "--class",
                "org.framescope.spark.ScoreJob",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.executor.cores=1",
                "--conf",
                "spark.executor.memory=" + executorMemory,
                "--conf",
                "spark.cores.max=2",
                "--conf",
                "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf",
                "spark.scheduler.maxRegisteredResourcesWaitingTime=180s",
                "--conf",
                "spark.executor.extraJavaOptions=-Dlogback.configurationFile=" + logConfig() + extraExecutorOptions));
    }

    /** Starts {@code spark-submit} with these arguments (its stdout and stderr in submit-NAME.out/.err). */
    Process submit(String name, List<String> args) throws IOException {
        return start("submit-" + name, "-Xmx2g", "org.apache.spark.deploy.SparkSubmit", args.toArray(String[]::new));
    }

    Path out(String name) {
        return dir.resolve(name + ".out");
    }

    Path err(String name) {
        return dir.resolve(name + ".err");
    }

    /** SPARK_HOME with jars/ linking to the build's Spark jars: the layout Spark's launcher builds executor class paths from. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        String cp = Files.readString(Path.of(System.getProperty("framescope.sparkClasspath")))
                .strip();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar")) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p);
                }
            }
        }
        return home;
    }

    private Process start(String name, String heap, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", main));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(out(name).toFile())
                .redirectError(err(name).toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not listen on port " + port + " within " + seconds + " s");
    }

    /**
     * The largest resident set, in MiB, among the executors running now (the workers' child JVMs);
     * 0 when none runs or /proc cannot be read.
     */
    long executorRssMib() {
        long max = 0;
        for (Process p : processes) {
            for (ProcessHandle h : p.descendants().toList()) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(h.pid()), "status"))) {
                        if (line.startsWith("VmRSS:")) {
                            max = Math.max(max, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended between listing and reading
                }
            }
        }
        return max;
    }

    /** Stops every process it started, executors (the workers' children) included. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
