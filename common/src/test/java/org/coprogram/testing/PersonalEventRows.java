package org.coprogram.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.coprogram.contracts.Topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

/**
 * The personal events a service's outbox holds (docs/dialogue-participation.md), checked against the catalogue's
 * schemas closed to undocumented fields, as the e2e contract test checks the published ones.
 */
public final class PersonalEventRows {

    private PersonalEventRows() {
    }

    /** Every personal event's type and payload that does not conform to its schema, with the reasons; empty if all do. */
    public static List<String> nonConforming(DataSource database) {
        Map<String, JsonNode> schemas = EventSchemas.read(EventSchemas.CURRENT);
        List<String> problems = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection
                        .prepareStatement("SELECT type, payload FROM outbox_event WHERE topic = ?")) {
            statement.setString(1, Topics.PERSONAL);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    JsonNode schema = schemas.get(type);
                    if (schema == null) {
                        problems.add(type + ": no schema");
                        continue;
                    }
                    JsonSchema strict = EventSchemas.strict(schema);
                    Set<ValidationMessage> messages = strict.validate(EventSchemas.JSON.readTree(rows.getString(2)));
                    if (!messages.isEmpty()) {
                        problems.add(type + ": " + messages);
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }
}
