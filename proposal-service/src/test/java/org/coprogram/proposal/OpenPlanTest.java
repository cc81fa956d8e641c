package org.coprogram.proposal;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.testing.EventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests share one Puglia plan in consultation, opened once per class after Quarkus has started
 * (RestAssured knows the port only then).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OpenPlanTest {

    @Inject
    protected DataSource database;

    protected EventPublisher publisher;
    protected UUID planId;

    @BeforeEach
    void openPlanOnce() {
        if (planId == null) {
            publisher = new EventPublisher();
            planId = Proposals.openPlan(publisher, database);
            afterPlanOpened();
        }
    }

    /** Runs once per class, after the plan is open: shared fixtures go here. */
    protected void afterPlanOpened() {
    }

    @AfterAll
    void closePublisher() {
        publisher.close();
    }
}
