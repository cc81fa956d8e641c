package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The gateway's per-account limit as deployed (50 requests/s, two seconds of burst): a flood from one account is cut
 * with 429 problem+json and Retry-After while another account keeps being served. (The per-address limit for
 * anonymous callers, 200/s, is more than one client on this 2-core machine can send through the platform.)
 */
@Tag("e2e")
// Alone: a thousand requests in a few seconds, whose CPU other classes' timeouts should not pay for.
@Isolated
class RateLimitE2ETest {

    /** Answered from memory (404 for a region that does not exist): the flood's speed is the gateway's, not a database's. */
    private static final String READ = "/api/territories/nessuna";
    private static final int PER_SECOND = 50;
    private static final int BURST = 2 * PER_SECOND;

    @Test
    void oneAccountFloodingIsCutWhileAnotherAccountIsServed() throws Exception {
        // An account of its own: no other test waits for its bucket to refill.
        String flooder = TestUsers.tokens("flooder", 1).get(0);
        String bystander = Tokens.of("moderatore");
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = flood(1000, () -> Consultation.send("GET", READ, null, flooder));
        double seconds = (System.nanoTime() - started) / 1e9;
        HttpResponse<String> served = Consultation.send("GET", READ, null, bystander);

        Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        String seen = "answers in %.1f s: %s".formatted(seconds, statuses);
        assertThat(statuses.keySet()).as(seen).containsOnly(404, 429);
        // Never more through than the bucket holds plus what it refilled meanwhile; and the flood did hit the limit.
        assertThat(statuses.get(404)).as(seen).isBetween((long) BURST, (long) (BURST + PER_SECOND * seconds) + 5);
        assertThat(statuses.get(429)).as(seen).isPositive();
        assertThat(served.statusCode()).as("another account, meanwhile").isEqualTo(404);
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(Consultation.json(refused).path("title").asText()).isEqualTo("Troppe richieste");
    }

    private static List<HttpResponse<String>> flood(int requests, Callable<HttpResponse<String>> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(request);
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
