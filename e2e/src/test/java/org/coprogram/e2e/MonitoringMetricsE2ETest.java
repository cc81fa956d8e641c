package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.restassured.RestAssured;

/**
 * The alert rules and dashboards of k8s/monitoring reference only metrics the services export: every metric name in
 * their PromQL is in a scrape of the running platform's {@code /q/metrics} (docs/operations.md, "Alerts"). Meters
 * appear on first use, so the test first makes a read, a write, and waits for that write's event to reach the
 * synthesis.
 */
@Tag("e2e")
class MonitoringMetricsE2ETest {

    static final Path MONITORING = Platform.ROOT.resolve("k8s/monitoring");
    static final List<String> WORKLOADS = List.of("gateway", "proposal-service", "survey-service", "meeting-service",
            "synthesis-service");

    /** Metrics from elsewhere than the services: Prometheus' own, and the operators' certificate metrics. */
    static final Set<String> EXTERNAL = Set.of("up", "strimzi_certificate_expiration_timestamp_ms",
            "certmanager_certificate_expiration_timestamp_seconds");

    static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, Set<String>> EXPORTED = new LinkedHashMap<>();

    @BeforeAll
    static void trafficThenScrape() throws Exception {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = Platform.gatewayPort();
        String planId = ConsultationFlowE2ETest.openPlan();
        assertThat(ConsultationFlowE2ETest.submitWhenOpen(planId,
                ConsultationFlowE2ETest.proposal("Metriche: una proposta fino alla sintesi")).statusCode())
                .isEqualTo(201);
        given().get("/api/plans/" + planId + "/proposals").then().statusCode(200);
        await("the proposal's event applied by synthesis-service").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> scrape(Platform.service("synthesis-service"))
                        .contains("coprogram_synthesis_event_lag_seconds_count"));
        EXPORTED.put("gateway", scrape(Platform.GATEWAY));
        for (String service : WORKLOADS.subList(1, WORKLOADS.size())) {
            // One request of its own to each service (a 404 is measured like any other), so its histogram exists.
            String base = Platform.service(service);
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/plans/" + planId + "/monitoring-probe"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            await(service + "'s request histogram").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> scrape(base).contains("http_server_requests_seconds_bucket"));
            EXPORTED.put(service, scrape(base));
        }
    }

    @Test
    void rulesAndPlatformDashboardReferenceOnlyMetricsSomeServiceExports() throws IOException {
        Set<String> exported = new HashSet<>(EXTERNAL);
        EXPORTED.values().forEach(exported::addAll);
        Set<String> recorded = new HashSet<>();
        Set<String> used = new TreeSet<>();
        for (JsonNode group : new YAMLMapper().readTree(MONITORING.resolve("rules/coprogram.rules.yaml").toFile())
                .path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    recorded.add(rule.path("record").asText());
                }
                used.addAll(metricNames(rule.path("expr").asText()));
            }
        }
        used.addAll(dashboardMetrics(MONITORING.resolve("dashboards/platform.json")));

        Set<String> recordedUsed = new TreeSet<>(used.stream().filter(n -> n.contains(":")).toList());
        assertThat(recorded).as("recording rules the rules and dashboards use").containsAll(recordedUsed);
        used.removeAll(recordedUsed);
        assertThat(used).as("metric names in the rules and the platform dashboard").isNotEmpty()
                .allSatisfy(name -> assertThat(exported).as("exported by a service: " + name).contains(name));
    }

    @Test
    void eachServiceDashboardReferencesOnlyMetricsThatServiceExports() throws IOException {
        for (String workload : WORKLOADS) {
            Set<String> used = dashboardMetrics(MONITORING.resolve("dashboards/" + workload + ".json"));
            Set<String> exported = new HashSet<>(EXPORTED.get(workload));
            exported.addAll(EXTERNAL);
            assertThat(used).as(workload + "'s dashboard").isNotEmpty()
                    .allSatisfy(name -> assertThat(exported).as(workload + " exports " + name).contains(name));
        }
    }

    @Test
    void theObjectivesMetricsAreExportedWithTheirBuckets() {
        String gateway = raw(Platform.GATEWAY);
        assertThat(gateway).contains("http_server_requests_seconds_bucket{").contains("le=\"0.5\"")
                .contains("le=\"1.0\"");
        for (String service : WORKLOADS.subList(1, WORKLOADS.size())) {
            assertThat(EXPORTED.get(service)).as(service).contains("coprogram_outbox_oldest_unpublished_age_seconds",
                    "coprogram_outbox_pending", "coprogram_inbox_parked_pending");
        }
        assertThat(raw(Platform.service("synthesis-service")))
                .contains("coprogram_synthesis_event_lag_seconds_bucket{le=\"5.0\"");
    }

    static Set<String> dashboardMetrics(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> names.addAll(metricNames(t.path("expr").asText())));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(variable.path("query")
                    .asText());
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The metric names in a PromQL expression: identifiers that are not functions, keywords, label names, strings,
     * durations or Grafana variables.
     */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\$\\{?\\w+}?", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String name = m.group();
            boolean call = bare.substring(m.end()).matches("(?s)\\s*\\(.*");
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    static String raw(String base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(base + "/q/metrics").isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(base + "/q/metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The metric names of one scrape (histogram and summary series by their own names: _bucket, _count, _sum). */
    static Set<String> scrape(String base) {
        Set<String> names = new HashSet<>();
        for (String line : raw(base).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add((end < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, end)).trim());
            }
        }
        return names;
    }
}
