package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

class OverlayValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectMatchesTheSchemaOfItsKind(String overlay) {
        List<ObjectNode> objects = Kustomize.overlay(overlay).objects();

        assertThat(objects).hasSizeGreaterThan(40);
        assertThat(ManifestValidator.violations(objects)).isEmpty();
    }

    @Test
    void aMisspelledFieldInAnOverlayFailsValidation(@TempDir Path overlay) throws IOException {
        Path prod = Kustomize.K8S.resolve("overlays/prod");
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - target:
                      kind: Deployment
                      name: gateway
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/readinesProbe
                        value:
                          httpGet:
                            path: /q/health/ready
                            port: http
                """.formatted(overlay.relativize(prod)));

        List<String> violations = ManifestValidator.violations(Kustomize.render(overlay).objects());

        assertThat(violations).singleElement().asString().startsWith("Deployment/gateway: ").contains("readinesProbe");
    }

    /** One misspelling per schema source: the Kubernetes models, Strimzi's CRDs, the extracts, Keycloak's realm. */
    @ParameterizedTest
    @CsvSource({
            "Deployment, gateway, /spec/template/spec/containers/0, readinesProbe",
            "NetworkPolicy, synthesis-service, /spec, podselector",
            "HorizontalPodAutoscaler, survey-service, /spec, maxReplica",
            "Kafka, coprogram, /spec/kafka, replica",
            "KafkaNodePool, dual-role, /spec, role",
            "KafkaTopic, coprogram.surveys, /spec, partition",
            "KafkaUser, proposal-service, /spec/authorization, acl",
            "KafkaUser, partner-example, /spec/authorization/acls/0/resource, patterntype",
            "Cluster, coprogram-db, /spec, instance",
            "Cluster, coprogram-db, /spec/backup/barmanObjectStore, destinationpath",
            "Database, coprogram-db-survey, /spec, owners",
            "Keycloak, keycloak, /spec/hostname, hostnam",
            "KeycloakRealmImport, coprogram-realm, /spec/realm, displayNam"})
    void aMisspelledFieldIsNamedInTheViolation(String kind, String name, String parent, String misspelled) {
        ObjectNode object = Kustomize.overlay("prod").named(kind, name).deepCopy();
        assertThat(ManifestValidator.violations(object)).isEmpty();

        ((ObjectNode) object.at(parent)).put(misspelled, "x");

        assertThat(ManifestValidator.violations(object)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains(misspelled));
    }

    @Test
    void aValueOfTheWrongTypeFailsValidation() {
        ObjectNode pool = Kustomize.overlay("prod").named("KafkaNodePool", "dual-role").deepCopy();
        ((ObjectNode) pool.path("spec")).put("replicas", "three");
        ObjectNode cluster = Kustomize.overlay("prod").named("Cluster", "coprogram-db").deepCopy();
        ((ObjectNode) cluster.path("spec")).put("primaryUpdateStrategy", "whenever");
        ObjectNode user = Kustomize.overlay("prod").named("KafkaUser", "gateway").deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0")).putArray("operations").add("Reed");
        ObjectNode pattern = Kustomize.overlay("prod").named("KafkaUser", "gateway").deepCopy();
        ((ObjectNode) pattern.at("/spec/authorization/acls/0/resource")).put("patternType", "wildcard");

        assertThat(ManifestValidator.violations(pool)).anySatisfy(v -> assertThat(v).contains("replicas"));
        assertThat(ManifestValidator.violations(user)).anySatisfy(v -> assertThat(v).contains("operations"));
        assertThat(ManifestValidator.violations(pattern)).anySatisfy(v -> assertThat(v).contains("patternType"));
        assertThat(ManifestValidator.violations(cluster))
                .anySatisfy(v -> assertThat(v).contains("primaryUpdateStrategy"));
    }

    /** Strimzi's v1 API: v1beta2 has no schema here, ZooKeeper is gone, and an ACL lists its operations. */
    @Test
    void whatStrimziV1NoLongerAcceptsFailsValidation() {
        ObjectNode beta = Kustomize.overlay("prod").named("Kafka", "coprogram").deepCopy();
        beta.put("apiVersion", "kafka.strimzi.io/v1beta2");
        ObjectNode zookeeper = Kustomize.overlay("prod").named("Kafka", "coprogram").deepCopy();
        ((ObjectNode) zookeeper.path("spec")).putObject("zookeeper").put("replicas", 3);
        ObjectNode singular = Kustomize.overlay("prod").named("KafkaUser", "gateway").deepCopy();
        ObjectNode acl = (ObjectNode) singular.at("/spec/authorization/acls/0");
        acl.remove("operations");
        acl.put("operation", "Read");

        assertThat(ManifestValidator.violations(beta)).containsExactly("no schema for kafka.strimzi.io/v1beta2 Kafka");
        assertThat(ManifestValidator.violations(zookeeper)).anySatisfy(v -> assertThat(v).contains("zookeeper"));
        assertThat(ManifestValidator.violations(singular)).anySatisfy(v -> assertThat(v).contains("operations"))
                .anySatisfy(v -> assertThat(v).contains("operation"));
    }

    @Test
    void aKindWithoutASchemaFailsValidation() {
        ObjectNode unknown = Kustomize.YAML.createObjectNode().put("apiVersion", "example.org/v1").put("kind",
                "Widget");
        unknown.putObject("metadata").put("name", "w");

        assertThat(ManifestValidator.violations(unknown)).containsExactly("no schema for example.org/v1 Widget");
    }
}
