package org.coprogram.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import javax.sql.DataSource;

/** What a test reads straight from a service's database, with bound parameters: one place for it. */
public final class Jdbc {

    private Jdbc() {
    }

    /** The first column of the first row of {@code sql} (a {@code count(*)}, say), with {@code parameters} bound. */
    public static long count(DataSource database, String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String text(DataSource database, String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs an update (a test's setup or its simulated fault); the rows changed. */
    public static int update(DataSource database, String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof String text) {
                // Untyped, so the server reads it as the column's type: a uuid column compares with an id's text.
                statement.setObject(i + 1, text, Types.OTHER);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }
}
