package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.coprogram.client.ApiClient;
import org.coprogram.client.ApiException;
import org.coprogram.client.api.PianiApi;
import org.coprogram.client.api.ProposteApi;
import org.coprogram.client.model.Kind;
import org.coprogram.client.model.NewPlan;
import org.coprogram.client.model.NewProposal;
import org.coprogram.client.model.Phase;
import org.coprogram.client.model.PhaseChange;
import org.coprogram.client.model.PlanView;
import org.coprogram.client.model.ProposalView;
import org.coprogram.client.model.Theme;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API through a Java client generated, as a partner would generate it (docs/partners.md), from the OpenAPI
 * document the running gateway serves (e2e/pom.xml, profile e2e: openapi-generator, library native): anonymous reads,
 * authenticated creates with a bearer token, and errors as the document describes them. The client's base URL is the
 * document's own server entry.
 */
@Tag("e2e")
class GeneratedClientE2ETest {

    @Test
    void aRegionCreatesAPlanThroughTheGeneratedClientAndAnyoneReadsItAnonymously() throws Exception {
        String title = "Piano di prova del client generato " + UUID.randomUUID();

        PlanView created = new PianiApi(client(Tokens.of("regione"))).createPlan(plan(title),
                UUID.randomUUID().toString());

        assertThat(created.getId()).isNotNull();
        assertThat(created.getPhase()).isEqualTo(Phase.DRAFT);
        PianiApi anonymous = new PianiApi(client(null));
        assertThat(anonymous.getPlan(created.getId().toString()).getTitle()).isEqualTo(title);
        assertThat(anonymous.listPlans(0, "puglia", 5).getItems()).isNotNull();
    }

    @Test
    void aCitizenSubmitsAProposalThroughTheGeneratedClient() throws Exception {
        PianiApi region = new PianiApi(client(Tokens.of("regione")));
        String planId = region.createPlan(plan("Piano di prova del client generato " + UUID.randomUUID()), null)
                .getId().toString();
        region.changePlanPhase(planId, new PhaseChange().phase(Phase.CONSULTATION));
        ProposteApi citizen = new ProposteApi(client(Tokens.of("cittadino")));
        NewProposal proposal = new NewProposal().kind(Kind.PROPOSAL).title("Trasporto sociale per le visite mediche")
                .theme("anziani").municipality("072006")
                .body("Un servizio di trasporto sociale per accompagnare gli anziani soli alle visite mediche.");

        // proposal-service learns that the plan is open from coprogram.plans: until then it answers 404 or 409.
        ProposalView submitted = await("plan " + planId + " open in proposal-service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).ignoreExceptionsMatching(e -> e instanceof ApiException api
                        && (api.getCode() == 404 || api.getCode() == 409))
                .until(() -> citizen.submitProposal(planId, proposal, null), p -> p != null);

        assertThat(new ProposteApi(client(null)).getProposal(submitted.getId().toString()).getTitle())
                .isEqualTo("Trasporto sociale per le visite mediche");
    }

    @Test
    void errorsReachTheGeneratedClientAsTheDocumentedProblems() {
        assertThatThrownBy(() -> new PianiApi(client(null)).getPlan(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                });
        assertThatThrownBy(() -> new PianiApi(client(null)).createPlan(plan("Piano senza token"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        assertThatThrownBy(() -> new PianiApi(client(Tokens.of("regione"))).createPlan(plan("x"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("violations").contains("title");
                });
    }

    /** A client as generated, pointed at the platform under test, sending {@code token} as a bearer when not null. */
    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Platform.GATEWAY);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static NewPlan plan(String title) {
        return new NewPlan().region("puglia").title(title).periodStart(LocalDate.of(2027, 1, 1))
                .periodEnd(LocalDate.of(2029, 12, 31))
                .themes(List.of(new Theme().code("anziani").label("Anziani e non autosufficienza")))
                .leps(List.of());
    }
}
