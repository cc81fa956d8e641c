package org.coprogram.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The plan's public pages at size (issue #26, docs/performance.md "Plan pages"), anonymous, through the gateway, at a
 * constant arrival rate (open model: requests arrive on schedule whether or not the platform keeps up, so queueing
 * shows as latency). One run is three phases, one after the other:
 * <ol>
 * <li>{@code warmupSeconds} of the same mix, under its own names, not measured (Gatling's connections and JIT, the
 * services' JIT and caches);
 * <li>the baseline: {@code baselineSeconds} of {@code GET /api/plans/{planId}} (one primary-key read in the same
 * service, through the same gateway) at the same rate: what a trivial page costs on this machine in this run;
 * <li>the mix: {@code seconds} of measure pages and proposals' fate pages, random ids across all of them.
 * </ol>
 * A measure page is its first page of linked contributions ({@code measurePage0} %), or a random later page of the
 * measure's own (the file gives each measure's number of pages of 20).
 */
public class PlanPagesSimulation extends Simulation {

    static final String PLAN = System.getProperty("planId");
    static final int RATE = Integer.getInteger("rate", 200);
    static final int SECONDS = Integer.getInteger("seconds", 60);
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 20);
    static final int BASELINE_SECONDS = Integer.getInteger("baselineSeconds", 20);
    /** Share of measure requests, in %, the rest being fate pages. */
    static final double MEASURE_SHARE = Double.parseDouble(System.getProperty("measureShare", "50"));
    /** Share of measure requests, in %, that ask for the first page of linked contributions. */
    static final int FIRST_PAGE_SHARE = Integer.getInteger("measurePage0", 80);
    /** "measureId,pages" per line. */
    static final List<String[]> MEASURES = lines(System.getProperty("measuresFile"))
            .stream().map(l -> l.split(",")).toList();
    static final List<String> PROPOSALS = lines(System.getProperty("proposalsFile"));

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("gatewayUrl", "http://127.0.0.1:8080"))
            .acceptHeader("application/json").shareConnections();

    static Iterator<Map<String, Object>> targets() {
        return Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String[] measure = MEASURES.get(random.nextInt(MEASURES.size()));
            int pages = Math.max(1, Integer.parseInt(measure[1]));
            int page = random.nextInt(100) < FIRST_PAGE_SHARE ? 0 : random.nextInt(pages);
            return Map.<String, Object>of("measure", measure[0], "page", page, "proposal",
                    PROPOSALS.get(random.nextInt(PROPOSALS.size())));
        }).iterator();
    }

    static ChainBuilder mix(String measureName, String fateName) {
        return exec(session -> session).feed(targets()).exec(randomSwitch().on(
                percent(MEASURE_SHARE).then(exec(http(measureName).get("/api/measures/#{measure}?page=#{page}&size=20")
                        .check(status().is(200)))),
                percent(100 - MEASURE_SHARE).then(exec(http(fateName).get("/api/proposals/#{proposal}/fate")
                        .check(status().is(200))))));
    }

    ScenarioBuilder warmUp = scenario("warm-up")
            .exec(group("warm-up, not measured").on(mix("warm-up: measure page", "warm-up: fate page")));

    ScenarioBuilder baseline = scenario("baseline").exec(http("baseline: GET /api/plans/{id}")
            .get("/api/plans/" + PLAN).check(status().is(200)));

    ScenarioBuilder pages = scenario("plan pages").exec(mix("measure page", "fate page"));

    {
        setUp(warmUp.injectOpen(constantUsersPerSec(RATE).during(WARMUP_SECONDS))
                .andThen(baseline.injectOpen(constantUsersPerSec(RATE).during(BASELINE_SECONDS)))
                .andThen(pages.injectOpen(constantUsersPerSec(RATE).during(SECONDS))))
                .protocols(protocol);
    }
}
