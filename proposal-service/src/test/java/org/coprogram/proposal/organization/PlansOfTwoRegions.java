package org.coprogram.proposal.organization;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.proposal.Proposals;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.PlanFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry's tests need a plan in consultation in Puglia and one in Abruzzo, to show that a verified organisation
 * speaks only in its own region: made once per class, with the registry's Keycloak client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlansOfTwoRegions {

    @Inject
    DataSource database;

    EventPublisher publisher;
    UUID puglia;
    UUID abruzzo;

    @BeforeEach
    void setUpOnce() {
        if (puglia == null) {
            RegistryAccounts.ensureRegistryClient();
            publisher = new EventPublisher();
            puglia = Proposals.openPlan(publisher, database);
            abruzzo = PlanFixture.plan(publisher, "abruzzo", "CONSULTATION", Proposals.PROBE);
            Proposals.awaitPhase(database, abruzzo, "CONSULTATION");
        }
    }

    @AfterAll
    void close() {
        publisher.close();
    }
}
