import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A light open-model load generator, wrk2-style (#28, "honest load"): every request has an intended send time, fixed
 * in advance; it is sent then whatever the platform's latency, and its latency is measured from that intended time, so
 * a generator that falls behind (a pause, a busy core) still counts the wait (no coordinated omission). One JVM, the
 * JDK's HttpClient over HTTP/1.1, two worker threads: a fraction of Gatling-through-Maven's CPU per request.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -Xmx256m scripts/bench/OpenLoad.java BASE_URL SCHEDULE_FILE OUT_JSON
 * </pre>
 *
 * SCHEDULE_FILE, one request a line, tab-separated (written by scripts/bench/peak.py):
 * {@code offset-µs group name METHOD path token|- idempotency-key|- expected-statuses body|-}. OUT_JSON gets, per
 * request name and per group: sent, ok, ko, p50, p95, p99, max (ms, successful requests only, as
 * scripts/bench/gatling_stats.py gives Gatling's), and under "_generator" this JVM's own CPU seconds (whole life and
 * while sending) and how late the sends were. Needs only the JDK (the source launcher compiles it).
 */
public class OpenLoad {

    record Planned(long offsetNanos, String group, String name, String method, String path, String token, String key,
            Set<Integer> expected, String body) {
    }

    /** Latencies (µs) of one request name or group; ok and ko counts. */
    static final class Series {
        long[] micros = new long[1024];
        int size;
        int sent;
        int ko;

        synchronized void add(long latencyMicros, boolean ok) {
            sent++;
            if (!ok) {
                ko++;
                return;
            }
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = latencyMicros;
        }

        synchronized Map<String, Object> figures() {
            long[] sorted = Arrays.copyOf(micros, size);
            Arrays.sort(sorted);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sent", sent);
            out.put("ok", size);
            out.put("ko", ko);
            out.put("p50", percentile(sorted, 50));
            out.put("p95", percentile(sorted, 95));
            out.put("p99", percentile(sorted, 99));
            out.put("max", size == 0 ? null : Math.round(sorted[size - 1] / 1000.0));
            return out;
        }

        static Long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return null;
            }
            int at = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
            return Math.round(sorted[at] / 1000.0);
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<Planned> plan = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", 9);
            plan.add(new Planned(Long.parseLong(f[0]) * 1000, f[1], f[2], f[3], f[4], f[5], f[6],
                    Arrays.stream(f[7].split(",")).map(Integer::valueOf).collect(Collectors.toSet()), f[8]));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(10)).build();
        List<HttpRequest> requests = new ArrayList<>(plan.size());
        for (Planned p : plan) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + p.path()))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
            if (!p.token().equals("-")) {
                builder.header("Authorization", "Bearer " + p.token());
            }
            if (!p.key().equals("-")) {
                builder.header("Idempotency-Key", p.key());
            }
            if (p.body().equals("-")) {
                builder.method(p.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json").method(p.method(),
                        HttpRequest.BodyPublishers.ofString(p.body()));
            }
            requests.add(builder.build());
        }
        Map<String, Series> series = new LinkedHashMap<>();
        for (Planned p : plan) {
            series.computeIfAbsent(p.group(), k -> new Series());
            series.computeIfAbsent(p.name(), k -> new Series());
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long late = 0;
        long maxLag = 0;
        List<CompletableFuture<?>> pending = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            long intended = start + p.offsetNanos();
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            long lag = now - intended;
            maxLag = Math.max(maxLag, lag);
            if (lag > TimeUnit.MILLISECONDS.toNanos(10)) {
                late++;
            }
            Series group = series.get(p.group());
            Series name = series.get(p.name());
            pending.add(client.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long micros = (System.nanoTime() - intended) / 1000;
                        boolean ok = failure == null && p.expected().contains(response.statusCode());
                        group.add(micros, ok);
                        name.add(micros, ok);
                    }));
        }
        long sendingEnded = System.nanoTime();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(70, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Failed requests are counted as KO above; a request still open after 70 s is counted here.
        }
        long cpuAfter = os.getProcessCpuTime();
        Map<String, Object> out = new LinkedHashMap<>();
        series.forEach((name, s) -> out.put(name, s.figures()));
        long unanswered = pending.stream().filter(f -> !f.isDone()).count();
        double cpuTotal = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1000.0;
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("requests", plan.size());
        generator.put("cpu_seconds_total", cpuTotal);
        generator.put("cpu_seconds_sending", (cpuAfter - cpuBefore) / 1e9);
        generator.put("seconds_sending", (sendingEnded - start) / 1e9);
        generator.put("late_sends_over_10ms", late);
        generator.put("max_send_lag_ms", maxLag / 1_000_000);
        generator.put("unanswered", unanswered);
        out.put("_generator", generator);
        Files.writeString(Path.of(args[2]), json(out));
        System.err.printf("[open-load] %d requests in %.1f s; own CPU %.2f s while sending (%.3f ms per request),"
                + " %.2f s in all (JVM start and compilation included); %d sends over 10 ms late, max lag %d ms%n",
                plan.size(), (sendingEnded - start) / 1e9, (cpuAfter - cpuBefore) / 1e9,
                (cpuAfter - cpuBefore) / 1e6 / Math.max(1, plan.size()), cpuTotal, late, maxLag / 1_000_000);
        System.exit(0);
    }

    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(String.valueOf(e.getKey())) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(value);
    }
}
