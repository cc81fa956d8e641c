package org.coprogram.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.util.List;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** Loads {@code count} proposals into a plan, straight to proposal-service (the gateway's limits are not measured). */
public class ProposalLoadSimulation extends Simulation {

    static final String PLAN = System.getProperty("planId");
    static final int COUNT = Integer.getInteger("count", 20_000);
    static final int SECONDS = Integer.getInteger("seconds", 100);

    HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("serviceUrl", "http://127.0.0.1:8081"))
            .header("Authorization", "Bearer " + System.getProperty("token"))
            .contentTypeHeader("application/json").shareConnections();

    ScenarioBuilder submit = scenario("load proposals")
            .feed(new ItalianProposals(List.of(System.getProperty("themes").split(",")),
                    Path.of(System.getProperty("istatFile"))))
            .exec(http("submit").post("/api/plans/" + PLAN + "/proposals").body(StringBody("#{json}"))
                    .check(status().is(201)));

    {
        setUp(submit.injectOpen(rampUsers(COUNT).during(SECONDS))).protocols(protocol);
    }
}
