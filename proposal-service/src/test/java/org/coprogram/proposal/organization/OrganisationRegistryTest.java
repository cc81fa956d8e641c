package org.coprogram.proposal.organization;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.coprogram.proposal.Proposals;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The registry of verified organisations (issue #25): who registers and verifies them, who is made their
 * representative (which sets the account's {@code organization} claim in Keycloak), and that a contribution speaks for
 * exactly the representative's verified organisation of the plan's region, shown by its verified name.
 */
@Tag("service")
@QuarkusTest
class OrganisationRegistryTest extends PlansOfTwoRegions {

    static final String TEXT = "Servizi di assistenza domiciliare per anziani soli nei quartieri periferici.";
    static final String PESCARA = "068028";

    @Test
    void representativeSpeaksForExactlyTheirVerifiedOrganisationByItsVerifiedName() {
        String own = verified("puglia", "Cooperativa Sociale Il Ponte " + UUID.randomUUID());
        String other = verified("puglia", "Associazione Altra Voce " + UUID.randomUUID());
        String rep = RegistryAccounts.newPerson("rappresentante");
        addRepresentative(Tokens.of("regione"), own, rep).statusCode(201).body("username", equalTo(rep));

        String token = RegistryAccounts.freshToken(rep);
        assertThat(RegistryAccounts.claims(token).path("organization").asText()).isEqualTo(own);
        assertThat(RegistryAccounts.claims(token).path("stakeholder_category").asText()).isEqualTo("THIRD_SECTOR");
        String ownName = name(own);

        submit(token, puglia, null).statusCode(201).body("organization", equalTo(ownName))
                .body("category", equalTo("THIRD_SECTOR"));
        submit(token, puglia, own).statusCode(201).body("organization", equalTo(ownName));
        submit(token, puglia, ownName).statusCode(201).body("organization", equalTo(ownName));
        submit(token, puglia, name(other)).statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("organization"));
        submit(token, puglia, other).statusCode(422);
        // A Puglia organisation does not speak in Abruzzo's plan.
        submit(token, abruzzo, null).statusCode(201).body("organization", nullValue());
        submit(token, abruzzo, own).statusCode(422).body("violations[0].field", equalTo("organization"));
    }

    @Test
    void withoutTheClaimOfAVerifiedOrganisationNobodySpeaksForAny() {
        String verified = verified("puglia", "Sindacato Pensionati Bari " + UUID.randomUUID());
        // No claim at all: neither a demo citizen nor a district operator can name one.
        submit(Tokens.of("cittadino"), puglia, verified).statusCode(422)
                .body("violations[0].field", equalTo("organization"));
        submit(Tokens.of("ambito"), puglia, name(verified)).statusCode(422);
        submit(Tokens.of("ambito"), puglia, null).statusCode(201).body("organization", nullValue());

        // A claim for an organisation that is registered but not verified.
        String pending = registered("puglia", "Comitato In Attesa " + UUID.randomUUID(), "THIRD_SECTOR");
        String rep = RegistryAccounts.newPerson("in-attesa");
        addRepresentative(Tokens.of("regione"), pending, rep).statusCode(201);
        String token = RegistryAccounts.freshToken(rep);
        assertThat(RegistryAccounts.claims(token).path("organization").asText()).isEqualTo(pending);
        submit(token, puglia, null).statusCode(201).body("organization", nullValue());
        submit(token, puglia, pending).statusCode(422).body("violations[0].field", equalTo("organization"));
        submit(token, puglia, verified).statusCode(422);
    }

    @Test
    void removingARepresentativeEndsTheirVoiceAtOnceEvenWithAnOlderToken() {
        String org = verified("puglia", "Ordine degli Assistenti Sociali " + UUID.randomUUID());
        String first = RegistryAccounts.newPerson("primo");
        String second = RegistryAccounts.newPerson("secondo");
        addRepresentative(Tokens.of("regione"), org, first).statusCode(201);
        String firstToken = RegistryAccounts.freshToken(first);
        // The existing representative adds and lists the organisation's representatives.
        addRepresentative(firstToken, org, second).statusCode(201);
        given().auth().oauth2(firstToken).get("/api/organizations/" + org + "/representatives").then()
                .statusCode(200).body("username", hasItem(second));
        String secondToken = RegistryAccounts.freshToken(second);
        submit(secondToken, puglia, null).statusCode(201).body("organization", equalTo(name(org)));

        given().auth().oauth2(firstToken).delete("/api/organizations/" + org + "/representatives/" + second).then()
                .statusCode(204);
        // The token issued before still carries the claim; the registry no longer agrees.
        submit(secondToken, puglia, null).statusCode(201).body("organization", nullValue());
        submit(secondToken, puglia, org).statusCode(422);
        assertThat(RegistryAccounts.claims(RegistryAccounts.freshToken(second)).has("organization")).isFalse();
        // Nor may they manage it any longer.
        addRepresentative(secondToken, org, second).statusCode(403);
        // The audit names the representative by account, with the user name beside it: an erasure of that account,
        // which clears every audit detail naming it, takes the user name away too.
        String secondAccount = RegistryAccounts.claims(secondToken).path("sub").asText();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_id = ? AND action LIKE"
                + " 'organization.representative.%' AND details LIKE ? AND details LIKE ?", org,
                "%" + secondAccount + "%", "%" + second + "%")).isEqualTo(2);
    }

    @Test
    void aRepresentativeOfOneOrganisationCannotManageAnother() {
        String own = verified("puglia", "Fondazione Prima " + UUID.randomUUID());
        String other = verified("puglia", "Fondazione Seconda " + UUID.randomUUID());
        String rep = RegistryAccounts.newPerson("fondazione");
        addRepresentative(Tokens.of("regione"), own, rep).statusCode(201);
        String token = RegistryAccounts.freshToken(rep);
        String outsider = RegistryAccounts.newPerson("estraneo");
        addRepresentative(token, other, outsider).statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).post("/api/organizations/" + other + "/verification").then().statusCode(403);
        // One organisation per person: the claim holds one.
        addRepresentative(Tokens.of("regione"), other, rep).statusCode(409);
        assertThat(representatives(other)).isZero();
    }

    @Test
    void regionStaffOfAbruzzoCannotRegisterVerifyOrManagePugliasOrganisations() {
        String org = registered("puglia", "Associazione Pugliese " + UUID.randomUUID(), "THIRD_SECTOR");
        String abruzzoStaff = Tokens.of("regione-abruzzo");
        long before = organisations();
        create(abruzzoStaff, "puglia", organisation("Intrusa " + UUID.randomUUID(), "THIRD_SECTOR")).statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(abruzzoStaff).post("/api/organizations/" + org + "/verification").then()
                .statusCode(403).contentType("application/problem+json");
        addRepresentative(abruzzoStaff, org, RegistryAccounts.newPerson("abruzzese")).statusCode(403);
        given().auth().oauth2(abruzzoStaff).get("/api/organizations/" + org + "/representatives").then()
                .statusCode(403);
        assertThat(organisations()).isEqualTo(before);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM organization WHERE id::text = ? AND verified", org))
                .isZero();
        // Abruzzo's staff manage Abruzzo's registry.
        create(abruzzoStaff, "abruzzo", organisation("Ente Abruzzese " + UUID.randomUUID(), "TRADE_UNION"))
                .statusCode(201);
    }

    @Test
    void districtOperatorsCitizensPartnersAndAnonymousCannotRegisterOrVerify() {
        String org = registered("puglia", "Rete Civica " + UUID.randomUUID(), "OTHER_PUBLIC_BODY");
        long before = organisations();
        String partner = Tokens.ofClient("partner-demo", "partner-demo-secret");
        for (String token : new String[]{Tokens.of("ambito"), Tokens.of("cittadino"), Tokens.of("moderatore"),
                partner}) {
            create(token, "puglia", organisation("Non Ammessa " + UUID.randomUUID(), "THIRD_SECTOR"))
                    .statusCode(403);
            given().auth().oauth2(token).post("/api/organizations/" + org + "/verification").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(organisation("Anonima", "THIRD_SECTOR"))
                .post("/api/regions/puglia/organizations").then().statusCode(401);
        given().post("/api/organizations/" + org + "/verification").then().statusCode(401);
        assertThat(organisations()).isEqualTo(before);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM organization WHERE id::text = ? AND verified", org))
                .isZero();
    }

    @Test
    void thePublicListShowsVerifiedOrganisationsAndStaffAlsoPendingOnes() {
        String shown = verified("puglia", "Elenco Verificata " + UUID.randomUUID());
        String pending = registered("puglia", "Elenco In Attesa " + UUID.randomUUID(), "THIRD_SECTOR");
        given().get("/api/regions/puglia/organizations?size=100").then().statusCode(200)
                .body("items.id", hasItem(shown)).body("items.id", not(hasItem(pending)))
                .body("size", equalTo(100));
        given().get("/api/organizations/" + pending).then().statusCode(404);
        given().get("/api/organizations/" + shown).then().statusCode(200).body("verified", equalTo(true))
                .body("kind", equalTo("THIRD_SECTOR"));
        given().auth().oauth2(Tokens.of("regione")).get("/api/regions/puglia/organizations?size=100").then()
                .statusCode(200).body("items.id", hasItem(pending));
        given().get("/api/regions/puglia/organizations?size=101").then().statusCode(400);
        given().get("/api/regions/lombardia/organizations").then().statusCode(404);
    }

    @Test
    void aRetriedCreateWithTheSameKeyRegistersOnce() {
        String body = organisation("Idempotente " + UUID.randomUUID(), "THIRD_SECTOR");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/regions/puglia/organizations").then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/regions/puglia/organizations").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }

    static Stream<Arguments> badOrganisations() {
        return Stream.of(
                Arguments.of("no name", "{\"kind\":\"THIRD_SECTOR\"}", 400, "name"),
                Arguments.of("no kind", "{\"name\":\"Senza Tipo\"}", 400, "kind"),
                Arguments.of("unknown kind", "{\"name\":\"Tipo Ignoto\",\"kind\":\"CLUB\"}", 400, "kind"),
                Arguments.of("citizens are no organisation", "{\"name\":\"Cittadini\",\"kind\":\"CITIZEN\"}", 422,
                        "kind"),
                Arguments.of("fiscal code of 10 digits",
                        "{\"name\":\"Codice Corto\",\"kind\":\"THIRD_SECTOR\",\"fiscalCode\":\"1234567890\"}", 400,
                        "fiscalCode"),
                Arguments.of("malformed personal fiscal code",
                        "{\"name\":\"Codice Storto\",\"kind\":\"THIRD_SECTOR\",\"fiscalCode\":\"RSSMRA85X01A662Z\"}",
                        400, "fiscalCode"),
                Arguments.of("RUNTS number with letters",
                        "{\"name\":\"Runts Storto\",\"kind\":\"THIRD_SECTOR\",\"runtsNumber\":\"AB-12\"}", 400,
                        "runtsNumber"),
                Arguments.of("RUNTS number of a trade union",
                        "{\"name\":\"Sindacato Runts\",\"kind\":\"TRADE_UNION\",\"runtsNumber\":\"12345\"}", 422,
                        "runtsNumber"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrganisations")
    void badInputIsRefusedInItalianAndRegistersNothing(String what, String body, int status, String field) {
        long before = organisations();
        create(Tokens.of("regione"), "puglia", body).statusCode(status).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
        assertThat(organisations()).isEqualTo(before);
    }

    @Test
    void noAccountThatRunsTheProcessCanBeMadeARepresentativeNotEvenByRegionStaff() {
        String org = verified("puglia", "Associazione Terza " + UUID.randomUUID());
        String rep = RegistryAccounts.newPerson("associazione");
        addRepresentative(Tokens.of("regione"), org, rep).statusCode(201);
        String token = RegistryAccounts.freshToken(rep);
        for (String institutional : List.of("regione", "regione-abruzzo", "moderatore", "ambito")) {
            addRepresentative(token, org, institutional).statusCode(422).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("username"));
        }
        addRepresentative(Tokens.of("regione"), org, "ambito-foggia").statusCode(422);
        assertThat(representatives(org)).isEqualTo(1);
    }

    @Test
    void anUnknownUserNameOrADuplicateFiscalCodeChangesNothing() {
        String org = verified("puglia", "Codice Unico " + UUID.randomUUID());
        addRepresentative(Tokens.of("regione"), org, "nessuno-" + UUID.randomUUID()).statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("username"));
        assertThat(representatives(org)).isZero();
        String code = String.valueOf(10_000_000_000L + (long) (Math.random() * 89_999_999_999L));
        String body = "{\"name\":\"Con Codice\",\"kind\":\"THIRD_SECTOR\",\"fiscalCode\":\"" + code + "\"}";
        create(Tokens.of("regione"), "puglia", body).statusCode(201).body("fiscalCode", equalTo(code));
        long before = organisations();
        create(Tokens.of("regione"), "puglia", body).statusCode(409).contentType("application/problem+json");
        assertThat(organisations()).isEqualTo(before);
    }

    // --- helpers

    static String organisation(String name, String kind) {
        return "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"}";
    }

    static ValidatableResponse create(String token, String region, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/regions/" + region + "/organizations").then();
    }

    static String registered(String region, String name, String kind) {
        return create(Tokens.of("regione"), region, organisation(name, kind)).statusCode(201)
                .body("verified", equalTo(false)).extract().path("id");
    }

    static String verified(String region, String name) {
        String id = registered(region, name, "THIRD_SECTOR");
        given().auth().oauth2(Tokens.of("regione")).post("/api/organizations/" + id + "/verification").then()
                .statusCode(200).body("verified", equalTo(true));
        return id;
    }

    static String name(String id) {
        return given().get("/api/organizations/" + id).then().statusCode(200).extract().path("name");
    }

    static ValidatableResponse addRepresentative(String token, String org, String username) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\"}").post("/api/organizations/" + org + "/representatives")
                .then();
    }

    /** A proposal to {@code plan}, naming {@code organization} in the body unless it is null. */
    ValidatableResponse submit(String token, UUID plan, String organization) {
        String body = Proposals.body("Assistenza domiciliare " + UUID.randomUUID().toString().substring(0, 8),
                "anziani", plan.equals(abruzzo) ? PESCARA : Proposals.BARI, TEXT);
        if (organization != null) {
            body = body.replace("{", "{\"organization\":\"" + organization + "\",");
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + plan + "/proposals").then();
    }

    long organisations() {
        return Jdbc.count(database, "SELECT count(*) FROM organization");
    }

    long representatives(String org) {
        return Jdbc.count(database,
                "SELECT count(*) FROM organization_representative WHERE organization_id::text = ?", org);
    }
}
