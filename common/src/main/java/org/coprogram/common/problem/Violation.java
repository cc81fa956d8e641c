package org.coprogram.common.problem;

/** One field error: the field's JSON path (e.g. {@code title}, {@code questions[2].label}) and an Italian message. */
public record Violation(String field, String message) {
}
