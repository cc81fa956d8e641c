package org.coprogram.proposal.decidim;

/**
 * Where a CSV that the parser refused goes wrong, for the message: Apache Commons CSV says that it failed, this scan
 * (the same RFC 4180 rules with {@code ;}) says at which line and in which field (1-based) of that record.
 */
final class Syntax {

    record Fault(Integer line, Integer field, String message) {
    }

    private Syntax() {
    }

    static Fault locate(String text) {
        int line = 1;
        int field = 1;
        int i = 0;
        int n = text.length();
        boolean fieldStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (fieldStart && c == '"') {
                int openLine = line;
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    i++;
                }
                if (!closed) {
                    return new Fault(openLine, field, "virgolette aperte e mai chiuse");
                }
                if (i < n && text.charAt(i) != ';' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    return new Fault(line, field, "testo dopo le virgolette di chiusura");
                }
                fieldStart = false;
                continue;
            }
            if (c == ';') {
                field++;
                fieldStart = true;
            } else if (c == '\n') {
                line++;
                field = 1;
                fieldStart = true;
            } else if (c != '\r') {
                fieldStart = false;
            }
            i++;
        }
        return new Fault(line, null, "struttura del file non riconosciuta");
    }
}
