package org.coprogram.proposal.erasure;

/** Where an erasure request, or one service's part of it, stands. */
public enum ErasureStatus {
    PENDING, COMPLETED
}
