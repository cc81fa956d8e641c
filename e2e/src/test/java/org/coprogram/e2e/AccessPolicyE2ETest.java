package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.coprogram.e2e.PolicyFixture.Column;
import org.coprogram.e2e.PolicyFixture.Region;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The access policy of docs/access-policy.md, run: every row of its table, as every kind of caller, through the
 * gateway, on resources of Puglia and then of Abruzzo. Each answer must be the one the table says; an operation of the
 * aggregated OpenAPI without a row fails, so no endpoint ships without a decided rule. The table's legend is in the
 * document.
 */
@Tag("e2e")
class AccessPolicyE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("..", "docs", "access-policy.md");
    private static final Pattern OPERATION_ROW = Pattern.compile("\\| `(GET|POST|PUT|PATCH|DELETE) /");

    /** Streaming endpoints are not walked here: their refusals are asserted by PartnerEventStreamE2ETest. */
    private static final Set<String> NOT_WALKED = Set.of("GET /api/partner/events");

    /** The bodies of writes, by operation; {@code {region}} stands for the run's region. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/plans", "PLAN"),
            Map.entry("POST /api/plans/{planId}/phase", "{\"phase\":\"CONSULTATION\"}"),
            Map.entry("PUT /api/me/notification-preferences", "{\"email\":\"IMMEDIATE\"}"),
            // An invalid choice: 422 for every person, so the walk never erases the fixture's people.
            Map.entry("POST /api/me/erasure", "{\"contributions\":\"NESSUNA\"}"),
            // The shipped first version: the plan already uses it (no upload here makes another one in force), so
            // the move changes nothing and later rows see the plan as it was.
            Map.entry("PUT /api/plans/{planId}/territory", "{\"version\":1,\"note\":\"Prova dei permessi\"}"),
            Map.entry("PUT /api/plans/{planId}/document/draft",
                    """
                            {"revision":0,"document":{"sections":[{"key":"CONTEXT","text":"Prova dei permessi"}],
                             "measures":[{"code":"M1","title":"Intervento di prova","theme":"anziani","priority":"HIGH",
                             "scope":{"level":"REGION","codes":[]},"resources":[{"source":"FNPS","year":2026,"amount":1000.00}]}]}}"""),
            Map.entry("POST /api/plans/{planId}/document/versions", "{\"note\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/measures/{measureId}/links", """
                    {"contribution":{"kind":"PROPOSAL","id":"00000000-0000-0000-0000-000000000000"},
                     "outcome":"INCORPORATED","reason":"Prova dei permessi"}"""),
            Map.entry("POST /api/measures/{measureId}/links/bulk", """
                    {"contributions":[{"kind":"PROPOSAL","id":"00000000-0000-0000-0000-000000000000"}],
                     "outcome":"INCORPORATED","reason":"Prova dei permessi"}"""),
            Map.entry("PATCH /api/measure-links/{linkId}", "{\"reason\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/plans/{planId}/adoption",
                    "{\"resolutionNumber\":\"DGR 1/2026\",\"resolutionDate\":\"2026-01-10\"}"),
            Map.entry("PUT /api/plans/{planId}/social-reports/{districtCode}", PolicyFixture.SOCIAL_REPORT),
            Map.entry("POST /api/plans/{planId}/indicators", """
                    {"name":"Prese in carico","unit":"persone","baseline":10,"target":20,"direction":"INCREASE"}"""),
            Map.entry("PUT /api/plans/{planId}/indicators/{indicatorId}/values/{districtCode}/{period}",
                    "{\"value\":12}"),
            Map.entry("POST /api/plans/{planId}/synthesis/clusters/edits/rename",
                    "{\"clusterId\":\"C1\",\"label\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/plans/{planId}/synthesis/clusters/edits/merge", "{\"clusterIds\":[\"C1\",\"C2\"]}"),
            Map.entry("POST /api/plans/{planId}/synthesis/clusters/edits/split",
                    "{\"clusterId\":\"C1\",\"members\":[\"00000000-0000-0000-0000-000000000001\"],\"label\":\"Prova\"}"),
            Map.entry("POST /api/regions/{region}/organizations",
                    "{\"name\":\"Ente della prova dei permessi\",\"kind\":\"THIRD_SECTOR\"}"),
            Map.entry("POST /api/organizations/{id}/representatives", "{\"username\":\"nessuno-prova-permessi\"}"),
            Map.entry("POST /api/plans/{planId}/proposals", "PROPOSAL"),
            Map.entry("PUT /api/proposals/{id}", "PROPOSAL"),
            Map.entry("POST /api/proposals/{id}/flags", "{\"reason\":\"OTHER\"}"),
            Map.entry("POST /api/proposals/{id}/comments", "{\"body\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/meetings/{id}/comments", "{\"body\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/social-reports/{id}/comments", "{\"body\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/measures/{id}/comments", "{\"body\":\"Prova dei permessi\"}"),
            Map.entry("PATCH /api/comments/{id}", "{\"body\":\"Prova dei permessi, modificata\"}"),
            Map.entry("POST /api/comments/{id}/flags", "{\"reason\":\"SPAM\"}"),
            Map.entry("POST /api/comments/{id}/moderation", "{\"action\":\"HIDE\",\"reason\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/proposals/{id}/moderation", "{\"action\":\"HIDE\",\"note\":\"Prova dei permessi\"}"),
            Map.entry("POST /api/proposals/{id}/answer",
                    "{\"status\":\"NOT_ACCEPTED\",\"text\":\"Motivazione della prova dei permessi.\"}"),
            Map.entry("POST /api/plans/{planId}/surveys", Consultation.SURVEY),
            Map.entry("PUT /api/surveys/{id}", Consultation.SURVEY),
            Map.entry("POST /api/surveys/{id}/responses", "{\"answers\":{\"q\":\"a\"}}"),
            Map.entry("POST /api/plans/{planId}/meetings", "MEETING"),
            Map.entry("PUT /api/meetings/{id}", "MEETING"),
            Map.entry("POST /api/meetings/{id}/check-ins", "{\"code\":\"NESSUNO\"}"),
            Map.entry("PUT /api/meetings/{id}/minutes",
                    "{\"summary\":\"Sintesi dell'incontro.\",\"attendance\":3,\"contributions\":[]}"));

    /** One row of the table: an operation (with the query it is called with), a resource state, the answers. */
    record Row(String method, String target, String state, String expected) {

        String template() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        String operation() {
            return method + " " + template();
        }

        String describe() {
            return method + " " + target + ("—".equals(state) ? "" : " [" + state + "]");
        }
    }

    @ParameterizedTest
    @EnumSource(Region.class)
    void everyRowAnswersEveryCallerAsThePolicyTableSays(Region region) throws Exception {
        List<Row> rows = table();
        Map<String, String> tokens = tokens();
        PolicyFixture fixture = PolicyFixture.create(region, tokens);

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            for (Column column : Column.values()) {
                char expected = row.expected().charAt(column.ordinal());
                String token = column == Column.PARTNER ? tokens.get("partner") : tokens.get(region.user(column));
                HttpResponse<String> answer = Consultation.send(row.method(), fixture.path(row.target(), row.state()),
                        body(row, region), token);
                if (!matches(expected, answer.statusCode())) {
                    mismatches.add(row.describe() + " as " + column + " (" + region.user(column) + "): expected "
                            + describe(expected) + ", got " + answer.statusCode() + " " + abbreviate(answer.body()));
                }
            }
        }
        assertThat(mismatches).as("answers that differ from docs/access-policy.md in " + region).isEmpty();
    }

    @Test
    void theTableCoversEveryOperationOfTheAggregatedOpenApiAndNothingElse() throws Exception {
        JsonNode document = JSON.readTree(Consultation.send("GET", "/openapi.json", null, null).body());
        assertThat(document.path("x-unavailable-services").size()).as("services missing from /openapi.json")
                .isZero();
        Set<String> published = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(
                    method -> published.add(method.toUpperCase() + " " + path.getKey()));
        }
        Set<String> inTable = new LinkedHashSet<>();
        table().forEach(row -> inTable.add(row.operation()));
        Set<String> decided = new LinkedHashSet<>(inTable);
        decided.addAll(NOT_WALKED);

        assertThat(published).as("operations without a row in docs/access-policy.md").isSubsetOf(decided);
        assertThat(inTable).as("rows for operations that no longer exist").isSubsetOf(published);
        assertThat(BODIES.keySet()).as("bodies for operations without a row").isSubsetOf(inTable);
    }

    @Test
    void everyRowHasOneDecidedAnswerPerCaller() throws IOException {
        assertThat(table()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.expected()).as(row.describe()).hasSize(Column.values().length).matches("[1234o]+");
            assertThat(row.state()).as(row.describe()).isIn("—", PolicyFixture.HIDDEN,
                    PolicyFixture.UNPUBLISHED_REPORT, PolicyFixture.DRAFT_SURVEY);
        });
    }

    /** The rows of docs/access-policy.md's table, in their order. */
    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(POLICY)) {
            if (!OPERATION_ROW.matcher(line).lookingAt()) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(String::strip).toList();
            String[] operation = cells.get(0).replace("`", "").split(" ", 2);
            String expected = String.join("", cells.subList(2, 2 + Column.values().length));
            rows.add(new Row(operation[0], operation[1], cells.get(1), expected));
        }
        return rows;
    }

    private static String body(Row row, Region region) {
        String body = BODIES.get(row.operation());
        if (body == null) {
            return null;
        }
        return switch (body) {
            case "PLAN" -> PolicyFixture.plan(region);
            case "PROPOSAL" -> PolicyFixture.proposal(region);
            case "MEETING" -> PolicyFixture.meeting(region);
            default -> body;
        };
    }

    private static boolean matches(char expected, int status) {
        if (status >= 500) {
            return false;
        }
        return switch (expected) {
            case '2' -> status >= 200 && status < 300;
            case '1' -> status == 401;
            case '3' -> status == 403;
            case '4' -> status == 404;
            case 'o' -> status != 401 && status != 403;
            default -> throw new IllegalArgumentException("unknown expectation " + expected);
        };
    }

    private static String describe(char expected) {
        return switch (expected) {
            case '2' -> "2xx";
            case '1' -> "401";
            case '3' -> "403";
            case '4' -> "404";
            default -> "allowed";
        };
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static Map<String, String> tokens() {
        Map<String, String> tokens = new HashMap<>();
        for (Region region : Region.values()) {
            for (Column column : Column.values()) {
                String user = region.user(column);
                if (user != null) {
                    tokens.computeIfAbsent(user, Tokens::of);
                }
            }
        }
        tokens.put("partner", Tokens.ofClient("partner-demo", "partner-demo-secret"));
        return tokens;
    }
}
