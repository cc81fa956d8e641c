package org.coprogram.synthesis.clusteredit;

/** What the region did to the clusters; the name is the wire and database representation. */
public enum EditKind {
    /** A cluster gets a label of the region's choosing. */
    RENAME,
    /** Two or more clusters become one. */
    MERGE,
    /** Some contributions of a cluster move out into a cluster of their own. */
    SPLIT
}
