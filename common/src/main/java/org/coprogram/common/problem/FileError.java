package org.coprogram.common.problem;

/**
 * One fault of an uploaded file: the line it is on (1 is the header; null for the file as a whole, such as a row that
 * is missing), the column it concerns (null for the whole line) and the reason, in Italian.
 */
public record FileError(Integer line, String column, String reason) {
}
