package org.coprogram.synthesis.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.coprogram.synthesis.synthesis.SynthesisRepository;
import org.hibernate.query.spi.QueryEngine;
import org.hibernate.query.sqm.internal.SqmCriteriaNodeBuilder;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Hibernate Reactive 3.2 stores one more plan in Hibernate's query plan cache at each execution of a native SELECT,
 * never found again ({@code NativeSelects}); the repositories' selects leave the cache alone.
 */
@Tag("service")
@QuarkusTest
class NativeSelectPlansTest {

    private static final int EXECUTIONS = 50;

    @Inject
    SynthesisRepository repository;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void aRepositorysNativeSelectRunManyTimesAddsNoPlanToTheCache() throws Throwable {
        UUID plan = UUID.randomUUID();
        int before = roomForTheExecutions();
        for (int i = 0; i < EXECUTIONS; i++) {
            assertThat(await(() -> repository.version(plan))).isZero();
        }
        // Other selects of the running service (its consumers) may add a few meanwhile, never one per execution.
        assertThat(cachedPlans() - before).isLessThan(EXECUTIONS / 5);
    }

    /** Why {@code NativeSelects} exists: when this fails, Hibernate Reactive finds native plans again. */
    @Test
    void aPlainNativeSelectAddsAPlanAtEachExecution() throws Throwable {
        UUID plan = UUID.randomUUID();
        int before = roomForTheExecutions();
        for (int i = 0; i < EXECUTIONS; i++) {
            List<Object[]> rows = await(() -> Panache.getSession().flatMap(session -> session
                    .createNativeQuery("SELECT plan_id, version FROM read_model_version WHERE plan_id = :plan"
                            + " AND version >= 0", Object[].class)
                    .setParameter("plan", plan).getResultList()));
            assertThat(rows).isEmpty();
        }
        assertThat(cachedPlans() - before).isGreaterThanOrEqualTo(EXECUTIONS);
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
    }

    /** The plans cached now; the test is skipped when the shared cache could not hold one per execution. */
    private int roomForTheExecutions() {
        int cached = cachedPlans();
        assumeTrue(cached + 2 * EXECUTIONS <= QueryEngine.DEFAULT_QUERY_PLAN_MAX_COUNT,
                "Hibernate's plan cache (shared by this JVM's tests) is too full to count " + EXECUTIONS + " plans");
        return cached;
    }

    private int cachedPlans() {
        return ((SqmCriteriaNodeBuilder) sessions.getCriteriaBuilder()).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
