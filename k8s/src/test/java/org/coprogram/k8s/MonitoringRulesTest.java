package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The alert rules, their promtool unit tests, the dashboards and the runbooks of k8s/monitoring (docs/operations.md,
 * "Alerts"). Needs promtool (Debian's prometheus package; {@code ./coprogram test} installs it): without it the test
 * fails, it does not skip, so CI always runs the rules' tests.
 */
class MonitoringRulesTest {

    static final Path MONITORING = Kustomize.K8S.resolve("monitoring");
    static final Path RULES = MONITORING.resolve("rules/coprogram.rules.yaml");
    static final Path RULE_TESTS = MONITORING.resolve("rules/coprogram.test.yaml");
    static final Path DASHBOARDS = MONITORING.resolve("dashboards");
    static final Path OPERATIONS = Kustomize.ROOT.resolve("docs/operations.md");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void promtoolAcceptsTheRules() {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresAndStaysQuietOnSyntheticSeriesAsItsUnitTestsSay() throws IOException {
        assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");

        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : Kustomize.YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
            }
        }
        assertThat(firing).as("alerts with a case where they fire").containsExactlyInAnyOrderElementsOf(alerts());
        assertThat(quiet).as("alerts with a case where they stay quiet").containsExactlyInAnyOrderElementsOf(alerts());
    }

    @Test
    void everyAlertLinksToItsRunbookInOperationsDoc() throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : Files.readAllLines(OPERATIONS)) {
            if (line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'));
            }
        }
        for (JsonNode rule : alertRules()) {
            String url = rule.path("annotations").path("runbook_url").asText();
            assertThat(url).as(rule.path("alert").asText()).startsWith("docs/operations.md#");
            assertThat(anchors).as("heading for " + url).contains(url.substring(url.indexOf('#') + 1));
            assertThat(rule.path("labels").path("severity").asText()).isIn("page", "ticket", "warning");
        }
    }

    @Test
    void prometheusRuleManifestHoldsExactlyTheTestedRuleFile() throws IOException {
        JsonNode file = Kustomize.YAML.readTree(RULES.toFile());
        ObjectNode rendered = Kustomize.render(MONITORING).named("PrometheusRule", "coprogram");
        assertThat(rendered.path("spec")).isEqualTo(file);
    }

    @Test
    void dashboardsParseTheirQueriesParseAndTheConfigMapHoldsEveryOne() throws IOException {
        List<String> exprs = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(DASHBOARDS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(6);
        for (Path file : files) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.path("panels")).as(file.toString()).isNotEmpty();
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("targets")).as(file + ": " + panel.path("title")).isNotEmpty();
                panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            }
        }
        assertThat(promtool("check", "rules", asRuleFile(exprs).toString())).contains("SUCCESS");

        JsonNode data = Kustomize.render(MONITORING).named("ConfigMap", "coprogram-dashboards").path("data");
        for (Path file : files) {
            assertThat(JSON.readTree(data.path(file.getFileName().toString()).asText()))
                    .isEqualTo(JSON.readTree(file.toFile()));
        }
    }

    /** The dashboards' queries as recording rules, Grafana's variables replaced by what they stand for. */
    static Path asRuleFile(List<String> exprs) throws IOException {
        List<Map<String, String>> rules = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Map<String, String> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard:query_" + i);
            rule.put("expr", exprs.get(i).replace("$__rate_interval", "5m").replace("$pod", ".*"));
            rules.add(rule);
        }
        Path file = Files.createTempFile("dashboard-queries", ".yaml");
        Kustomize.YAML.writeValue(file.toFile(),
                Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
        return file;
    }

    static List<JsonNode> alertRules() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : Kustomize.YAML.readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(r -> {
                if (r.has("alert")) {
                    alerts.add(r);
                }
            });
        }
        return alerts;
    }

    static Set<String> alerts() throws IOException {
        return new TreeSet<>(alertRules().stream().map(r -> r.path("alert").asText()).toList());
    }

    /** Runs promtool; its output, or a failure that says how to install it. */
    static String promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("promtool", "promtool"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(MONITORING.resolve("rules").toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("promtool is needed to check the alert rules: install Debian's prometheus"
                    + " package (apt-get install prometheus; ./coprogram test does it) or pass -Dpromtool=PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
