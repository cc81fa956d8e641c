package org.coprogram.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Questionnaire responses through the gateway at a constant arrival rate (open model), each from a real account's
 * token: the n-th request is person n mod P answering survey n / P, so nobody answers the same survey twice.
 */
public class SurveyResponseSimulation extends Simulation {

    static final int RATE = Integer.getInteger("rate", 800);
    static final int SECONDS = Integer.getInteger("seconds", 60);
    /** Arrivals ramp up to RATE first, reported apart: a new JVM's JIT is not the platform's steady state. */
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 30);
    static final List<String> TOKENS = lines(System.getProperty("tokensFile"));
    static final List<String> SURVEYS = List.of(System.getProperty("surveys").split(","));
    static final List<String> SERVICES = List.of("sad", "cd", "nessuno");
    static final List<String> MUNICIPALITIES = List.of("072006", "071024", "073027", "074001", "075035", "110001");

    HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("gatewayUrl", "http://127.0.0.1:8080"))
            .acceptHeader("application/json").contentTypeHeader("application/json").shareConnections();

    /** One sequence for warm-up and measurement, so that nobody answers the same survey twice across the two. */
    static final Iterator<Map<String, Object>> RESPONDENTS = new Iterator<>() {
        private final AtomicLong sequence = new AtomicLong();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Map<String, Object> next() {
            long n = sequence.getAndIncrement();
            return Map.of("token", TOKENS.get((int) (n % TOKENS.size())), "survey",
                    SURVEYS.get((int) (n / TOKENS.size()) % SURVEYS.size()), "key", UUID.randomUUID().toString(),
                    "body", answers());
        }
    };

    /** Random answers to the bench questionnaire (single choice, scale, ranking, short text), from a Puglia place. */
    static String answers() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return """
                {"answers":{"servizio":"%s","voto":%d,"priorita":%s,"nota":"Più ore di assistenza"},
                 "municipality":"%s"}""".formatted(SERVICES.get(random.nextInt(3)), 1 + random.nextInt(5),
                random.nextBoolean() ? "[\"a\",\"b\",\"c\"]" : "[\"c\",\"a\",\"b\"]",
                MUNICIPALITIES.get(random.nextInt(MUNICIPALITIES.size())));
    }

    static ScenarioBuilder responses(String name, String request) {
        return scenario(name).feed(RESPONDENTS)
                .exec(http(request).post("/api/surveys/#{survey}/responses")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}")
                        .body(StringBody("#{body}")).check(status().is(201)));
    }

    {
        setUp(responses("warm-up", "warm-up: POST /api/surveys/{id}/responses")
                .injectOpen(rampUsersPerSec(Math.max(1, RATE / 10)).to(RATE).during(WARMUP_SECONDS)),
                responses("survey responses", "response: POST /api/surveys/{id}/responses")
                        .injectOpen(nothingFor(WARMUP_SECONDS), constantUsersPerSec(RATE).during(SECONDS)))
                .protocols(protocol);
    }

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
