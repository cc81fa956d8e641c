package org.coprogram.telemetry.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WarmUpIdsTest {

    private static final String PLAN = "93f8dc68-55fc-4828-aa93-708375887a6b";
    private static final String PROPOSAL = "37003915-dc1f-4291-a857-5dd9a85349c9";
    private static final List<WarmUpIds.Discovery> ENTRIES = WarmUpIds.parse(List.of("plan=/api/plans#/items/0/id",
            "proposal=/api/plans/{plan}/proposals?size=1#/items/0/id"));

    @Test
    void eachNameIsTheIdAtItsPointerAndLaterPathsUseEarlierNames() {
        Map<String, String> answers = Map.of("/api/plans", "{\"items\":[{\"id\":\"" + PLAN + "\",\"title\":\"x\"}]}",
                "/api/plans/" + PLAN + "/proposals?size=1", "{\"items\":[{\"id\":\"" + PROPOSAL + "\"}]}");
        List<String> read = new ArrayList<>();
        WarmUpIds ids = WarmUpIds.resolve(ENTRIES, path -> {
            read.add(path);
            return Optional.ofNullable(answers.get(path));
        });

        assertThat(read).containsExactly("/api/plans", "/api/plans/" + PLAN + "/proposals?size=1");
        assertThat(ids.fill("/api/proposals/{proposal}/comments?plan={plan}"))
                .isEqualTo("/api/proposals/" + PROPOSAL + "/comments?plan=" + PLAN);
    }

    @Test
    void anUnresolvedNameStaysTheNilIdAndTheWarmUpGoesOn() {
        WarmUpIds ids = WarmUpIds.resolve(ENTRIES, path -> path.equals("/api/plans")
                ? Optional.of("{\"items\":[]}")
                : Optional.empty());

        assertThat(ids.known()).isEmpty();
        assertThat(ids.fill("/api/plans/{plan}/proposals/{proposal}"))
                .isEqualTo("/api/plans/" + WarmUpIds.NIL + "/proposals/" + WarmUpIds.NIL);
    }

    @Test
    void anAnswerThatIsNotAnIdIsNeverPutIntoAPath() {
        for (String body : List.of("{\"items\":[{\"id\":\"../../q/metrics\"}]}", "{\"items\":[{\"id\":42}]}",
                "{\"items\":[{\"id\":\"a b\"}]}", "not json", "[1,2]")) {
            WarmUpIds ids = WarmUpIds.resolve(WarmUpIds.parse(List.of("plan=/api/plans#/items/0/id")),
                    path -> Optional.of(body));
            assertThat(ids.fill("/api/plans/{plan}")).as(body).isEqualTo("/api/plans/" + WarmUpIds.NIL);
        }
    }

    @Test
    void aPlaceholderNoEntryNamesIsRefusedAtStart() {
        WarmUpIds.check(ENTRIES, List.of("/api/proposals/{proposal}", "/api/plans/{plan}"));
        assertThatThrownBy(() -> WarmUpIds.check(ENTRIES, List.of("/api/plans/{plann}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                () -> WarmUpIds.check(WarmUpIds.parse(List.of("proposal=/api/plans/{plan}/proposals#/items/0/id",
                        "plan=/api/plans#/items/0/id")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarmUpIds.parse(List.of("plan=/api/plans")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGatewaysOwnWarmUpConfigurationPassesTheCheck() throws java.io.IOException {
        java.util.Properties gateway = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(
                java.nio.file.Path.of("../gateway/src/main/resources/application.properties"))) {
            gateway.load(in);
        }
        List<String> discover = List.of(gateway.getProperty("%prod.coprogram.warmup.discover").split(","));
        List<String> paths = WarmUpRequest.plan(List.of(gateway.getProperty("%prod.coprogram.warmup.requests")
                .split(",")), 1).stream().map(WarmUpRequest::path).toList();
        WarmUpIds.check(WarmUpIds.parse(discover), paths);
        assertThat(paths).anyMatch(path -> path.contains("{plan}"));
    }

    @Test
    void aPathWithoutPlaceholdersIsUnchanged() {
        assertThat(WarmUpIds.none().fill("/api/plans?page=0&size=20")).isEqualTo("/api/plans?page=0&size=20");
    }

    @Test
    void aMalformedDiscoveryIsRefusedAtStartNotIgnored() {
        for (String entry : List.of("/api/plans#/items/0/id", "plan=api/plans#/items/0/id", "plan=/api/plans",
                "plan=/api/plans#items", "Plan=/api/plans#/items/0/id")) {
            assertThatThrownBy(() -> WarmUpIds.parse(List.of(entry))).as(entry)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
