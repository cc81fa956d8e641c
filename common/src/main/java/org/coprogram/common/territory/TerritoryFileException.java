package org.coprogram.common.territory;

/** A territory file that cannot be used as it is; the message names the file, the line and what is wrong. */
public class TerritoryFileException extends RuntimeException {

    public TerritoryFileException(String message) {
        super(message);
    }
}
