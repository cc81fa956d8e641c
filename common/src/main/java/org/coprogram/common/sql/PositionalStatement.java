package org.coprogram.common.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coprogram.common.outbox.OutboxRepository;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A statement with positional parameters ({@code $1}, {@code $2}, …) that knows how many it has: a part appended to
 * it (the outbox insert of a single-statement write) numbers its parameters from the next one, and a tuple of the
 * wrong length fails here, naming the statement, instead of binding values to the wrong columns.
 */
public record PositionalStatement(String sql, int parameters) {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    public static PositionalStatement of(String sql) {
        Matcher matcher = PARAMETER.matcher(sql);
        int highest = 0;
        while (matcher.find()) {
            highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
        }
        return new PositionalStatement(sql, highest);
    }

    /** This statement, then {@link OutboxRepository#insertFrom} from {@code source}: its parameters follow this statement's. */
    public PositionalStatement withOutboxFrom(String source) {
        return of(sql + OutboxRepository.insertFrom(source, parameters + 1));
    }

    /** The values, if there is one for each parameter. */
    public Tuple bind(Tuple values) {
        if (values.size() != parameters) {
            throw new IllegalStateException(
                    "Statement takes " + parameters + " parameters, got " + values.size() + ": " + sql);
        }
        return values;
    }
}
