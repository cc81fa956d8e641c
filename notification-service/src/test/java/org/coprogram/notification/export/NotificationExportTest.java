package org.coprogram.notification.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.coprogram.notification.Accounts;
import org.coprogram.testing.Jdbc;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/me/export/notifications}: the caller's follows, preference, notifications and mails, and none of
 * another person's. The notifications and mails are stored rows (already sent), as the consumer would leave them.
 */
@Tag("service")
@QuarkusTest
class NotificationExportTest {

    @Inject
    AgroalDataSource database;

    @Test
    void theExportHoldsTheCallersFollowsPreferenceNotificationsAndMailsOnly() {
        String myPlan = UUID.randomUUID().toString();
        String theirPlan = UUID.randomUUID().toString();
        given().auth().oauth2(Accounts.token("cittadino")).put("/api/me/follows/plan/" + myPlan).then()
                .statusCode(204);
        given().auth().oauth2(Accounts.token("ets")).put("/api/me/follows/plan/" + theirPlan).then().statusCode(204);
        given().auth().oauth2(Accounts.token("cittadino")).contentType(ContentType.JSON)
                .body("{\"email\":\"DAILY_DIGEST\"}").put("/api/me/notification-preferences").then().statusCode(200);
        UUID mine = notification("cittadino", "Notifica della cittadina");
        UUID theirs = notification("ets", "Notifica dell'ente");

        String body = given().auth().oauth2(Accounts.token("cittadino")).get("/api/me/export/notifications").then()
                .statusCode(200).contentType("application/json")
                .header("Transfer-Encoding", "chunked").extract().asString();
        JsonPath export = JsonPath.from(body);
        assertThat(export.getString("service")).isEqualTo("notification-service");
        assertThat(export.getString("account")).isEqualTo(Accounts.id("cittadino"));
        assertThat(export.getList("follows.targetId")).contains(myPlan).doesNotContain(theirPlan);
        assertThat(export.getList("preferences.mode")).containsExactly("DAILY_DIGEST");
        assertThat(export.getList("notifications.id")).contains(mine.toString()).doesNotContain(theirs.toString());
        assertThat(export.getString("notifications.find { it.id == '" + mine + "' }.data.code")).isEqualTo("A1");
        assertThat(export.getList("mails.notificationId")).contains(mine.toString())
                .doesNotContain(theirs.toString());
        assertThat(body).doesNotContain(Accounts.id("ets"), "Notifica dell'ente", theirPlan);
        given().get("/api/me/export/notifications").then().statusCode(401);
    }

    private UUID notification(String username, String title) {
        UUID id = UUID.randomUUID();
        String account = Accounts.id(username);
        Jdbc.update(database, """
                INSERT INTO notification (id, notification_key, account_id, kind, subject_type, subject_id, title,
                                          data, delivery, created_at)
                VALUES (?::uuid, ?, ?, 'REGISTRATION_CONFIRMED', 'MEETING', ?, ?, '{"code":"A1"}', 'EMAIL', now())""",
                id.toString(), "export-" + id, account, UUID.randomUUID().toString(), title);
        Jdbc.update(database, """
                INSERT INTO mail_outbox (id, dedupe_key, account_id, channel, notification_id, status,
                                         next_attempt_at, created_at, sent_at)
                VALUES (gen_random_uuid(), ?, ?, 'EMAIL', ?::uuid, 'SENT', now(), now(), now())""",
                "export-" + id, account, id.toString());
        return id;
    }
}
