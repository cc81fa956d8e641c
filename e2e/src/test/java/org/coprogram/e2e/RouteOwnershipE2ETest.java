package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.coprogram.gateway.proxy.ServiceRoutes;
import org.coprogram.gateway.proxy.ServiceRoutes.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every path a service publishes in its own OpenAPI document is routed by the gateway to that service: a new endpoint
 * whose path the routing table does not know would otherwise reach the synthesis service and answer 404 to the portal
 * (as the moderation queue once did).
 */
@Tag("e2e")
class RouteOwnershipE2ETest {

    private static final Map<Service, String> SERVICES = Map.of(Service.PROPOSAL,
            Platform.service("proposal-service"), Service.SURVEY, Platform.service("survey-service"), Service.MEETING,
            Platform.service("meeting-service"), Service.SYNTHESIS, Platform.service("synthesis-service"),
            Service.NOTIFICATION, Platform.service("notification-service"));

    @Test
    void everyPathOfEveryServiceIsRoutedToTheServiceThatServesIt() throws Exception {
        List<String> misrouted = new ArrayList<>();
        int paths = 0;
        for (Map.Entry<Service, String> service : SERVICES.entrySet()) {
            String document = given().baseUri(service.getValue()).queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200).extract().asString();
            Iterator<String> names = new ObjectMapper().readTree(document).path("paths").fieldNames();
            while (names.hasNext()) {
                String template = names.next();
                String path = template.replaceAll("\\{[^}]+}", "x");
                paths++;
                Service owner = ServiceRoutes.owner(path);
                if (owner != service.getKey()) {
                    misrouted.add(template + " is served by " + service.getKey() + " but routed to " + owner);
                }
            }
        }
        assertThat(paths).as("paths published by the five services").isGreaterThan(40);
        assertThat(misrouted).isEmpty();
    }
}
