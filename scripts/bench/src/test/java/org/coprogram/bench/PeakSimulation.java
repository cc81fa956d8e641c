package org.coprogram.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * A consultation peak through the gateway, open model: reads and writes arrive at fixed rates whatever the platform's
 * latency, so queueing shows in the figures instead of slowing the load (no coordinated omission).
 *
 * <p>{@code readRate} reads/s (proposal lists with filters, the whole list deep into its pages, Italian searches drawn
 * Zipf-like from the real corpora's words ({@link SearchWords}), a proposal, a questionnaire, its results, the meeting
 * list, the synthesis), one reader in five signed in with a citizen's token (the gateway verifies it, and a signed-in
 * reader's page is never the anonymous cache's) and {@code writeRate} writes/s, each with a real citizen's token (new
 * proposals, supports, questionnaire responses, meeting registrations). The n-th support, response or registration is
 * person n mod P acting on target n / P of its list, so no write repeats an earlier one: every 2xx is a new row.
 */
public class PeakSimulation extends Simulation {

    static final String PLAN = System.getProperty("planId");
    static final int READ_RATE = Integer.getInteger("readRate", 0);
    static final int WRITE_RATE = Integer.getInteger("writeRate", 0);
    static final int SECONDS = Integer.getInteger("seconds", 60);
    /**
     * Every run is a new Gatling JVM: its connections and its own JIT take the first seconds, which would otherwise
     * count in a short step's p99. Reads at the run's whole rate take them first, in a group of their own.
     */
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 5);
    static final List<String> TOKENS = SurveyResponseSimulation.lines(System.getProperty("tokensFile"));
    static final List<String> READ_PROPOSALS = ids("readProposals");
    static final List<String> SUPPORT_TARGETS = ids("supportTargets");
    static final List<String> SURVEYS = ids("surveys");
    static final List<String> READ_SURVEYS = ids("readSurveys");
    static final List<String> MEETINGS = ids("meetings");
    static final List<String> THEMES = ids("themes");

    HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("gatewayUrl", "http://127.0.0.1:8080"))
            .acceptHeader("application/json").contentTypeHeader("application/json").shareConnections();

    static List<String> ids(String property) {
        String value = System.getProperty(property, "");
        return value.isBlank() ? List.of() : List.of(value.split(","));
    }

    /** Person n mod P acting on target n / P: a sequence of pairs that never repeats within a run. */
    static Iterator<Map<String, Object>> pairs(List<String> targets) {
        AtomicLong sequence = new AtomicLong();
        return Stream.generate(() -> {
            long n = sequence.getAndIncrement();
            String target = targets.get((int) Math.min(n / TOKENS.size(), targets.size() - 1));
            return Map.<String, Object>of("token", TOKENS.get((int) (n % TOKENS.size())), "target", target, "key",
                    UUID.randomUUID().toString());
        }).iterator();
    }

    static Iterator<Map<String, Object>> readTargets() {
        return Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Map<String, Object> target = new java.util.HashMap<>();
            target.put("proposal", ItalianProposals.pick(READ_PROPOSALS, random));
            target.put("survey", ItalianProposals.pick(READ_SURVEYS, random));
            target.put("theme", ItalianProposals.pick(THEMES, random));
            target.put("province", ItalianProposals.pick(ItalianProposals.PROVINCES, random));
            target.put("sort", random.nextBoolean() ? "supports" : "recent");
            target.put("page", SearchWords.page(random, 2));
            target.put("deepPage", SearchWords.page(random, 40));
            target.put("searchPage", SearchWords.page(random, 10));
            target.put("q", SearchWords.QUERIES.query(random));
            target.put("signedIn", random.nextInt(5) == 0);
            target.put("readToken", ItalianProposals.pick(TOKENS, random));
            return target;
        }).iterator();
    }

    static Iterator<Map<String, Object>> newProposals() {
        ItalianProposals proposals = new ItalianProposals(THEMES, Path.of(System.getProperty("istatFile")));
        AtomicLong sequence = new AtomicLong();
        return Stream.generate(() -> {
            Map<String, Object> next = new java.util.HashMap<>(proposals.next());
            next.put("token", TOKENS.get((int) (sequence.getAndIncrement() % TOKENS.size())));
            return next;
        }).iterator();
    }

    static ChainBuilder read(String name, String path) {
        return read(() -> http("read: " + name).get(path));
    }

    /** The request as a signed-in reader (one in five) or an anonymous one sends it; the same name for both. */
    static ChainBuilder read(Supplier<HttpRequestActionBuilder> request) {
        return doIfOrElse(session -> session.getBoolean("signedIn"))
                .then(exec(request.get().header("Authorization", "Bearer #{readToken}").check(status().is(200))))
                .orElse(exec(request.get().check(status().is(200))));
    }

    ChainBuilder reads = group("reads").on(exec(session -> session).feed(readTargets()).exec(randomSwitch().on(
            percent(20).then(read("proposal list, theme + province, sorted", "/api/plans/" + PLAN
                    + "/proposals?theme=#{theme}&province=#{province}&sort=#{sort}&page=#{page}&size=20")),
            percent(10).then(read("proposal list, whole plan, deep pages", "/api/plans/" + PLAN
                    + "/proposals?sort=#{sort}&page=#{deepPage}&size=20")),
            percent(15).then(read(() -> http("read: proposal search").get("/api/plans/" + PLAN + "/proposals")
                    .queryParam("q", "#{q}").queryParam("page", "#{searchPage}").queryParam("size", "20"))),
            percent(20).then(read("proposal", "/api/proposals/#{proposal}")),
            percent(10).then(read("questionnaire", "/api/surveys/#{survey}")),
            percent(10).then(read("questionnaire results, by province", "/api/surveys/#{survey}/results"
                    + "?province=#{province}")),
            percent(10).then(read("meeting list", "/api/plans/" + PLAN + "/meetings")),
            percent(5).then(read("synthesis", "/api/plans/" + PLAN + "/synthesis")))));

    static ChainBuilder write(String name, String path, String body, int... expected) {
        List<Integer> statuses = new ArrayList<>();
        for (int status : expected) {
            statuses.add(status);
        }
        var request = http("write: " + name).post(path).header("Authorization", "Bearer #{token}")
                .check(status().in(statuses));
        return exec(body == null ? request : request.body(StringBody(body)));
    }

    ChainBuilder writes = group("writes").on(randomSwitch().on(
            percent(15).then(exec(session -> session).feed(newProposals())
                    .exec(write("proposal", "/api/plans/" + PLAN + "/proposals", "#{json}", 201))),
            percent(35).then(exec(session -> session).feed(pairs(SUPPORT_TARGETS))
                    .exec(write("support", "/api/proposals/#{target}/supports", null, 201))),
            percent(35).then(exec(session -> session).feed(pairs(SURVEYS))
                    .exec(http("write: questionnaire response").post("/api/surveys/#{target}/responses")
                            .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}")
                            .body(StringBody(session -> SurveyResponseSimulation.answers())).check(status().is(201)))),
            percent(15).then(exec(session -> session).feed(pairs(MEETINGS))
                    .exec(write("meeting registration", "/api/meetings/#{target}/registrations", null, 201)))));

    {
        PopulationBuilder warmUp = scenario("warm-up").exec(group("warm-up").on(feed(readTargets())
                .exec(http("warm-up: proposal").get("/api/proposals/#{proposal}"))))
                .injectOpen(constantUsersPerSec(Math.max(1, READ_RATE + WRITE_RATE)).during(WARMUP_SECONDS));
        List<PopulationBuilder> populations = new ArrayList<>();
        if (READ_RATE > 0) {
            populations.add(scenario("reads").exec(reads).injectOpen(constantUsersPerSec(READ_RATE).during(SECONDS)));
        }
        if (WRITE_RATE > 0) {
            populations
                    .add(scenario("writes").exec(writes).injectOpen(constantUsersPerSec(WRITE_RATE).during(SECONDS)));
        }
        setUp(warmUp.andThen(populations)).protocols(protocol);
    }
}
