package org.coprogram.common.problem;

import java.util.List;

/** A refusal the caller can act on; mapped to problem+json by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;
    private final List<FileError> errors;
    private final Integer errorCount;

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        this(status, title, detail, violations, List.of(), null);
    }

    private ProblemException(int status, String title, String detail, List<Violation> violations,
            List<FileError> errors, Integer errorCount) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.errors = List.copyOf(errors);
        this.errorCount = errorCount;
    }

    /**
     * A file refused as a whole: 422 with every fault found (up to the bound the reader keeps) and how many there are,
     * so that one upload tells the whole story and nothing of the file is applied.
     */
    public static ProblemException invalidFile(String detail, List<FileError> errors, int errorCount) {
        return new ProblemException(422, "File non valido", detail, List.of(), errors, errorCount);
    }

    public static ProblemException badRequest(String detail, List<Violation> violations) {
        return new ProblemException(400, "Richiesta non valida", detail, violations);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(422, "Dati non validi", message, List.of(new Violation(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Risorsa non trovata", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Operazione non consentita nello stato attuale", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Operazione non autorizzata", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    public List<FileError> errors() {
        return errors;
    }

    public Integer errorCount() {
        return errorCount;
    }
}
