package org.coprogram.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The public proposal pages through the gateway, anonymous, at a constant arrival rate (open model): a filtered and
 * sorted page, an Italian text search, then the facet counts, one after the other.
 */
public class ProposalBrowseSimulation extends Simulation {

    static final String PLAN = System.getProperty("planId");
    static final int RATE = Integer.getInteger("rate", 200);
    static final int SECONDS = Integer.getInteger("seconds", 60);
    /** Gatling's own start (connections, its JIT) shows in the first second: a warm-up takes it, unmeasured. */
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 10);
    static final List<String> THEMES = List.of(System.getProperty("themes").split(","));

    HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("gatewayUrl", "http://127.0.0.1:8080"))
            .acceptHeader("application/json").shareConnections();

    static Iterator<Map<String, Object>> feeder(Supplier<Map<String, Object>> next) {
        return Stream.generate(next).iterator();
    }

    static Iterator<Map<String, Object>> pages() {
        return feeder(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return Map.of("theme", ItalianProposals.pick(THEMES, random), "province",
                    ItalianProposals.pick(ItalianProposals.PROVINCES, random), "sort",
                    random.nextBoolean() ? "supports" : "recent",
                    "page", random.nextInt(5));
        });
    }

    ScenarioBuilder warmUp = scenario("warm-up").feed(pages())
            .exec(http("warm-up, not measured").get("/api/plans/" + PLAN
                    + "/proposals?theme=#{theme}&province=#{province}&sort=#{sort}&page=#{page}&size=20"));

    ScenarioBuilder page = scenario("filtered sorted page")
            .feed(pages())
            .exec(http("page: theme + province, sorted").get("/api/plans/" + PLAN
                    + "/proposals?theme=#{theme}&province=#{province}&sort=#{sort}&page=#{page}&size=20")
                    .check(status().is(200)));

    ScenarioBuilder search = scenario("text search")
            .feed(feeder(
                    () -> Map.of("q", ItalianProposals.pick(ItalianProposals.WORDS, ThreadLocalRandom.current()))))
            .exec(http("search: q, by relevance").get("/api/plans/" + PLAN + "/proposals").queryParam("q", "#{q}")
                    .check(status().is(200)));

    ScenarioBuilder facets = scenario("facet counts")
            .feed(feeder(() -> Map.of("province",
                    ItalianProposals.pick(ItalianProposals.PROVINCES, ThreadLocalRandom.current()))))
            .exec(http("facets: by province").get("/api/plans/" + PLAN + "/proposals/facets?province=#{province}")
                    .check(status().is(200)));

    {
        setUp(warmUp.injectOpen(constantUsersPerSec(RATE).during(WARMUP_SECONDS))
                .andThen(page.injectOpen(constantUsersPerSec(RATE).during(SECONDS)))
                .andThen(search.injectOpen(constantUsersPerSec(RATE).during(SECONDS)))
                .andThen(facets.injectOpen(constantUsersPerSec(RATE).during(SECONDS))))
                .protocols(protocol);
    }
}
