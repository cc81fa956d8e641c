package org.coprogram.meeting.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxRepository;
import org.coprogram.contracts.Topics;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestNamespace;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue #31's run through the real code and Kafka (scripts/bench/event-tables-kafka.sh; docs/performance.md, "Event
 * tables through Kafka"): {@code bench.events} events are written to the outbox in batches of 500 with
 * {@link OutboxRepository#insertFrom} (the insert the services append to their writes), published by the real
 * {@code OutboxRelay} to the topic {@value #TOPIC}, consumed by a SmallRye batch channel through the real
 * {@code EventInbox} ({@link BenchConsumer}), while the real {@code EventRetention} prunes both tables on short
 * horizons. Every {@code bench.window} events it writes one row of figures to {@code bench.out}.
 * <p>
 * The writer keeps the relay's backlog between one and {@value #MAX_BACKLOG} events, so that the relay (its poll
 * interval shortened to {@code bench.poll-interval}) runs round after round: its wall time per event is its cost. The
 * consumer's cost is its time inside {@code consumeBatch} per event. CPU per event is read from /proc for the test's
 * JVM, the bench database's backends and the broker. A fixed SHA-256 probe, timed at each window, shows how fast the
 * shared machine was then. Skipped unless {@code bench.events} is set; surefire's default includes do not match the
 * class name either, so it runs only when named ({@code -Dtest=EventTablesKafkaBench}).
 */
@Tag("service")
@QuarkusTest
@TestProfile(EventTablesKafkaBench.Bench.class)
@QuarkusTestResource(value = EventTablesKafkaBench.BenchTopic.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "bench.events", matches = "\\d+")
class EventTablesKafkaBench {

    static final String TOPIC = "coprogram-bench.events";
    /** Where the relay sends the outbox's {@link #TOPIC}: behind the tests' topic prefix, like every topic it relays. */
    static final String KAFKA_TOPIC = Topics.named(TestNamespace.TOPIC_PREFIX, TOPIC);
    private static final String TYPE = "org.coprogram.bench.event.v1";
    private static final int BATCH = 500;
    private static final int MAX_BACKLOG = 10 * BATCH;
    private static final int MAX_IN_FLIGHT = 20_000;
    private static final String INSERT = OutboxRepository.insertFrom("(SELECT 1) AS one", 1);
    private static final String FILLER = "x".repeat(120);
    private static final String PLAN = UUID.randomUUID().toString();
    private static final long CLOCK_TICK_NANOS = 1_000_000_000L / Long.getLong("bench.clk-tck", 100);

    /** The bench's own consumer, topic and short retention; everything else is meeting-service's test config. */
    public static class Bench implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("bench.kafka.enabled", "true");
            String channel = "mp.messaging.incoming." + BenchConsumer.CHANNEL + ".";
            config.put(channel + "connector", "smallrye-kafka");
            config.put(channel + "topic", KAFKA_TOPIC);
            config.put(channel + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            config.put(channel + "group.id", "coprogram-bench-${quarkus.uuid}");
            config.put(channel + "auto.offset.reset", "earliest");
            config.put(channel + "batch", "true");
            config.put("coprogram.outbox.poll-interval", System.getProperty("bench.poll-interval", "10ms"));
            config.put("coprogram.retention.interval", System.getProperty("bench.retention-interval", "10s"));
            config.put("coprogram.retention.outbox-horizon", System.getProperty("bench.outbox-horizon", "60s"));
            config.put("coprogram.retention.inbox-horizon", System.getProperty("bench.inbox-horizon", "180s"));
            config.put("quarkus.log.category.\"org.coprogram.common.retention\".level", "WARN");
            return config;
        }
    }

    /** The bench topic, made before the service starts (the broker makes none by itself) and deleted after. */
    public static class BenchTopic implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try (Admin admin = admin()) {
                // Ten minutes of retention keeps the broker's disk bounded; the consumer is seconds behind.
                admin.createTopics(List.of(new NewTopic(KAFKA_TOPIC, 3, (short) 1)
                        .configs(Map.of("retention.ms", "600000", "segment.bytes", "67108864"))))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create " + KAFKA_TOPIC, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Could not create " + KAFKA_TOPIC, e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            try (Admin admin = admin()) {
                admin.deleteTopics(List.of(KAFKA_TOPIC)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Could not delete " + KAFKA_TOPIC, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Admin admin() {
            return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.BOOTSTRAP));
        }
    }

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    DataSource database;

    @Inject
    MeterRegistry registry;

    @Inject
    BenchConsumer consumer;

    private final Map<Integer, Long> backendTicks = new HashMap<>();
    private long pgTicks;
    private long written;
    private long writerNanos;
    private final AtomicLong vacuumNanos = new AtomicLong();
    private long backlogSum;
    private long backlogSamples;

    @Test
    void relayAndInboxCostPerEventStaysFlatOverMillionsOfEventsThroughKafka() throws IOException {
        long total = Long.getLong("bench.events");
        long window = Long.getLong("bench.window", 250_000);
        Path out = Path.of(System.getProperty("bench.out", "target/event-tables-kafka.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        long warmUp = Long.getLong("bench.warmup", 50_000);
        Files.writeString(out, header(total, window, warmUp), StandardCharsets.UTF_8);

        List<Window> windows = new ArrayList<>();
        ScheduledExecutorService vacuum = Executors.newSingleThreadScheduledExecutor();
        long every = Duration.parse("PT" + System.getProperty("bench.vacuum-interval", "30s")).toSeconds();
        if (every > 0) {
            vacuum.scheduleWithFixedDelay(this::vacuum, every, every, TimeUnit.SECONDS);
        }
        try {
            run(out, total, window, warmUp, windows);
        } finally {
            vacuum.shutdownNow();
        }
    }

    private void run(Path out, long total, long window, long warmUp, List<Window> windows) throws IOException {
        long bound = System.nanoTime() + Duration.ofMinutes(Long.getLong("bench.max-minutes", 60)).toNanos();
        Snapshot previous = snapshot(0);
        if (warmUp > 0) {
            written = writeUpTo(warmUp);
            await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofMinutes(5))
                    .until(() -> consumer.applied() >= warmUp);
            Snapshot now = snapshot(written);
            append(out, new Window(previous, now, consumer.drainLags()).markdown()
                    .replaceFirst("^\\| [^|]+\\|", "| warm-up |"));
            previous = now;
            total += warmUp;
        }
        while (written < total && System.nanoTime() < bound) {
            written = writeUpTo(Math.min(total, written + window));
            Snapshot now = snapshot(written);
            Window row = new Window(previous, now, consumer.drainLags());
            windows.add(row);
            append(out, row.markdown());
            previous = now;
        }
        long done = written;
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofMinutes(10))
                .until(() -> consumer.applied() >= done);
        Window drain = new Window(previous, snapshot(written), consumer.drainLags());
        append(out, drain.markdown().replaceFirst("^\\| [^|]+\\|", "| drain |"));
        append(out, summary(windows));

        assertThat(consumer.applied()).as("every event applied once").isEqualTo(done);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"))
                .as("nothing left unpublished").isZero();
    }

    /**
     * What autovacuum does in a service: this machine's PostgreSQL runs with {@code autovacuum = off}, so without it
     * the relay's updates and retention's deletes would leave every dead row in the tables and their indexes.
     */
    private void vacuum() {
        long start = System.nanoTime();
        try {
            Jdbc.update(database, "VACUUM (ANALYZE) outbox_event, processed_event");
        } catch (RuntimeException e) {
            System.out.println("VACUUM failed: " + e);
        }
        vacuumNanos.addAndGet(System.nanoTime() - start);
    }

    /** Writes batches until {@code end} events were written in all, each when the relay and consumer are ready. */
    private long writeUpTo(long end) {
        while (written < end) {
            pace(written);
            written += write((int) Math.min(BATCH, end - written));
        }
        return written;
    }

    /** Waits (bounded) until the relay's backlog and the events not yet applied are below their caps. */
    private void pace(long written) {
        long backlog = written - published();
        backlogSum += backlog;
        backlogSamples++;
        if (!ready(written)) {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofMinutes(5))
                    .until(() -> ready(written));
        }
    }

    private boolean ready(long written) {
        return written - published() < MAX_BACKLOG && written - consumer.applied() < MAX_IN_FLIGHT;
    }

    /** One transaction of {@code count} events, each inserted by the statement services append to their writes. */
    private int write(int count) {
        List<Tuple> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String subject = "bench-" + (i % 64);
            rows.add(Outbox.addValues(Tuple.tuple(), outbox.event(TOPIC, TYPE, subject, PLAN,
                    Map.of("aggregate", subject, "at", OffsetDateTime.now().toString(), "text", FILLER))));
        }
        long start = System.nanoTime();
        pool.withTransaction(tx -> tx.preparedQuery(INSERT).executeBatch(rows)).await().atMost(Duration.ofMinutes(1));
        writerNanos += System.nanoTime() - start;
        return count;
    }

    private long published() {
        Counter counter = registry.find("coprogram.outbox.published").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private long deleted(String table) {
        Counter counter = registry.find("coprogram.retention.deleted").tag("table", table).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private Snapshot snapshot(long written) {
        double probe = probeMs();
        long now = System.nanoTime();
        long backlog = backlogSamples == 0 ? 0 : backlogSum / backlogSamples;
        backlogSum = 0;
        backlogSamples = 0;
        return new Snapshot(now, written, published(), consumer.applied(), writerNanos, consumer.busyNanos(),
                jvmCpuNanos(), databaseCpuNanos(), kafkaCpuNanos(), deleted("outbox_event"),
                deleted("processed_event"), vacuumNanos.get(), backlog,
                Jdbc.count(database, "SELECT count(*) FROM outbox_event"),
                Jdbc.count(database, "SELECT count(*) FROM processed_event"),
                Jdbc.count(database, "SELECT pg_total_relation_size('outbox_event')"),
                Jdbc.count(database, "SELECT pg_total_relation_size('processed_event')"), probe);
    }

    /** Median of five timings of a fixed SHA-256 workload: how much CPU this shared machine gave just now. */
    private static double probeMs() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[64 * 1024];
            double[] timings = new double[5];
            for (int round = 0; round < timings.length; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < 256; i++) {
                    sha.update(block);
                }
                block[0] = sha.digest()[0];
                timings[round] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(timings);
            return timings[2];
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU of the bench database's client backends (the service's pools), summed over every backend seen: each pid's
     * growth since it was last read (the bench's VACUUM included).
     */
    private long databaseCpuNanos() {
        String pids = Jdbc.text(database, "SELECT string_agg(pid::text, ',') FROM pg_stat_activity"
                + " WHERE datname = current_database() AND backend_type = 'client backend'");
        if (pids != null) {
            for (String pid : pids.split(",")) {
                int id = Integer.parseInt(pid);
                long ticks = processTicks(id);
                Long before = backendTicks.put(id, ticks);
                pgTicks += before == null ? 0 : Math.max(0, ticks - before);
            }
        }
        return pgTicks * CLOCK_TICK_NANOS;
    }

    private static long kafkaCpuNanos() {
        String pid = System.getProperty("bench.kafka-pid", "");
        return pid.isEmpty() ? 0 : processTicks(Integer.parseInt(pid)) * CLOCK_TICK_NANOS;
    }

    /** utime + stime of a process, in clock ticks; 0 when it is gone. */
    private static long processTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private record Snapshot(long nanos, long written, long published, long applied, long writerNanos,
            long inboxNanos, long jvmCpu, long pgCpu, long kafkaCpu, long deletedOutbox, long deletedProcessed,
            long vacuumNanos, long backlog, long outboxRows, long processedRows, long outboxBytes, long processedBytes,
            double probe) {
    }

    /** The figures of one window, from two snapshots. */
    private record Window(Snapshot from, Snapshot to, long[] lags) {

        double seconds() {
            return (to.nanos - from.nanos) / 1e9;
        }

        long published() {
            return to.published - from.published;
        }

        long applied() {
            return to.applied - from.applied;
        }

        /** Wall time per event of the relay, which runs round after round while its backlog lasts. */
        double relayUs() {
            return (to.nanos - from.nanos) / 1e3 / Math.max(1, published());
        }

        double inboxUs() {
            return (to.inboxNanos - from.inboxNanos) / 1e3 / Math.max(1, applied());
        }

        double writerUs() {
            return (to.writerNanos - from.writerNanos) / 1e3 / Math.max(1, to.written - from.written);
        }

        double cpuUs(long before, long after) {
            return (after - before) / 1e3 / Math.max(1, applied());
        }

        double totalCpuUs() {
            return cpuUs(from.jvmCpu + from.pgCpu + from.kafkaCpu, to.jvmCpu + to.pgCpu + to.kafkaCpu);
        }

        long lag(double percentile) {
            return lags.length == 0
                    ? -1
                    : lags[(int) Math.min(lags.length - 1, Math.ceil(percentile * lags.length) - 1)];
        }

        String markdown() {
            return String.format(
                    "| %.2f M | %.0f | %,.0f | %,.0f | %.0f | %.0f | %.0f | %,d | %,d / %,d | %.0f / %.0f / %.0f | %.0f | %.0f | %,d / %,d | %.1f | %,d / %,d | %.1f / %.1f |%n",
                    to.written / 1e6, seconds(), published() / seconds(), applied() / seconds(), writerUs(), relayUs(),
                    inboxUs(), to.backlog, lag(0.5), lag(0.99), cpuUs(from.jvmCpu, to.jvmCpu),
                    cpuUs(from.pgCpu, to.pgCpu), cpuUs(from.kafkaCpu, to.kafkaCpu), totalCpuUs(), to.probe,
                    to.deletedOutbox - from.deletedOutbox, to.deletedProcessed - from.deletedProcessed,
                    (to.vacuumNanos - from.vacuumNanos) / 1e9, to.outboxRows,
                    to.processedRows, to.outboxBytes / 1048576.0, to.processedBytes / 1048576.0);
        }
    }

    private static String header(long total, long window, long warmUp) {
        return String.format(
                "%,d events after a warm-up of %,d, a row every %,d; batches of %d; relay poll %s, retention every %s, horizons"
                        + " outbox %s / inbox %s, VACUUM every %s%n%n",
                total, warmUp, window, BATCH, System.getProperty("bench.poll-interval", "10ms"),
                System.getProperty("bench.retention-interval", "10s"),
                System.getProperty("bench.outbox-horizon", "60s"),
                System.getProperty("bench.inbox-horizon", "180s"), System.getProperty("bench.vacuum-interval", "30s"))
                + "| events | s | relay ev/s | inbox ev/s | write µs/ev | relay µs/ev | inbox µs/ev | backlog"
                + " | lag p50 / p99 ms | CPU µs/ev JVM / PG / Kafka | CPU µs/ev | probe ms | pruned outbox / processed"
                + " | VACUUM s | rows outbox / processed | MB outbox / processed |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
    }

    /**
     * The last window against the first, and the mean of the last quarter of the windows against the first quarter's:
     * raw, and per unit of probe time (the machine's speed then).
     */
    private static String summary(List<Window> windows) {
        int quarter = Math.max(1, windows.size() / 4);
        return compare("last / first window", windows.subList(0, 1), windows.subList(windows.size() - 1,
                windows.size()))
                + compare("last / first quarter (" + quarter + " windows each)", windows.subList(0, quarter),
                        windows.subList(windows.size() - quarter, windows.size()));
    }

    private static String compare(String what, List<Window> first, List<Window> last) {
        double speed = mean(last, w -> w.to.probe) / mean(first, w -> w.to.probe);
        double relay = mean(last, Window::relayUs) / mean(first, Window::relayUs);
        double inbox = mean(last, Window::inboxUs) / mean(first, Window::inboxUs);
        double cpu = mean(last, Window::totalCpuUs) / mean(first, Window::totalCpuUs);
        return String.format("%n%s: relay µs/ev %.2f, inbox µs/ev %.2f, CPU µs/ev %.2f; probe %.2f;"
                + " divided by the probe's ratio: relay %.2f, inbox %.2f, CPU %.2f%n", what, relay, inbox, cpu, speed,
                relay / speed, inbox / speed, cpu / speed);
    }

    private static double mean(List<Window> windows, java.util.function.ToDoubleFunction<Window> figure) {
        return windows.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static void append(Path out, String text) throws IOException {
        Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.print(text);
    }
}
