package org.coprogram.common.paging;

import java.util.ArrayList;
import java.util.List;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;

/** {@code page} from 0, {@code size} from 1 to 100 (default 20), starting at most {@link #MAX_OFFSET} rows in. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    /** How far a page may start: deeper offsets are refused, not overflowed into a negative OFFSET (a 500). */
    public static final long MAX_OFFSET = 1_000_000;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        List<Violation> violations = new ArrayList<>();
        if (p < 0) {
            violations.add(new Violation("page", "deve essere maggiore o uguale a 0"));
        }
        if (s < 1 || s > MAX_SIZE) {
            violations.add(new Violation("size", "deve essere compreso tra 1 e " + MAX_SIZE));
        }
        if (violations.isEmpty() && (long) p * s > MAX_OFFSET) {
            violations.add(new Violation("page", "troppo avanti: una pagina può iniziare al massimo dal risultato "
                    + MAX_OFFSET + "; restringi la ricerca"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Paginazione non valida", violations);
        }
        return new PageRequest(p, s);
    }
}
