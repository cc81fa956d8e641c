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
 * The public proposal pages through the gateway at a constant arrival rate (open model): a filtered and sorted page, an
 * Italian text search, then the facet counts, one after the other. Searches draw their words Zipf-like from the real
 * corpora ({@link SearchWords}, property {@code wordsFile}) and go deep into the results; one visitor in five is
 * signed in (property {@code tokensFile}: one access token a line; without it every visitor is anonymous).
 */
public class ProposalBrowseSimulation extends Simulation {

    static final String PLAN = System.getProperty("planId");
    static final int RATE = Integer.getInteger("rate", 200);
    static final int SECONDS = Integer.getInteger("seconds", 60);
    /** Gatling's own start (connections, its JIT) shows in the first second: a warm-up takes it, unmeasured. */
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 10);
    static final List<String> THEMES = List.of(System.getProperty("themes").split(","));
    static final List<String> TOKENS = System.getProperty("tokensFile", "").isBlank() ? List.of()
            : SurveyResponseSimulation.lines(System.getProperty("tokensFile"));

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
                    "page", SearchWords.page(random, 4), "signedIn", signedIn(random), "readToken", token(random));
        });
    }

    static boolean signedIn(ThreadLocalRandom random) {
        return !TOKENS.isEmpty() && random.nextInt(5) == 0;
    }

    static String token(ThreadLocalRandom random) {
        return TOKENS.isEmpty() ? "" : ItalianProposals.pick(TOKENS, random);
    }

    ScenarioBuilder warmUp = scenario("warm-up").feed(pages())
            .exec(http("warm-up, not measured").get("/api/plans/" + PLAN
                    + "/proposals?theme=#{theme}&province=#{province}&sort=#{sort}&page=#{page}&size=20"));

    ScenarioBuilder page = scenario("filtered sorted page")
            .feed(pages())
            .exec(PeakSimulation.read(() -> http("page: theme + province, sorted").get("/api/plans/" + PLAN
                    + "/proposals?theme=#{theme}&province=#{province}&sort=#{sort}&page=#{page}&size=20")));

    ScenarioBuilder search = scenario("text search")
            .feed(feeder(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return Map.of("q", SearchWords.QUERIES.query(random), "page", SearchWords.page(random, 10), "signedIn",
                        signedIn(random), "readToken", token(random));
            }))
            .exec(PeakSimulation.read(() -> http("search: q, by relevance").get("/api/plans/" + PLAN + "/proposals")
                    .queryParam("q", "#{q}").queryParam("page", "#{page}").queryParam("size", "20")));

    ScenarioBuilder facets = scenario("facet counts")
            .feed(feeder(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return Map.of("province", ItalianProposals.pick(ItalianProposals.PROVINCES, random), "signedIn",
                        signedIn(random), "readToken", token(random));
            }))
            .exec(PeakSimulation.read(() -> http("facets: by province").get("/api/plans/" + PLAN
                    + "/proposals/facets?province=#{province}")));

    {
        setUp(warmUp.injectOpen(constantUsersPerSec(RATE).during(WARMUP_SECONDS))
                .andThen(page.injectOpen(constantUsersPerSec(RATE).during(SECONDS)))
                .andThen(search.injectOpen(constantUsersPerSec(RATE).during(SECONDS)))
                .andThen(facets.injectOpen(constantUsersPerSec(RATE).during(SECONDS))))
                .protocols(protocol);
    }
}
