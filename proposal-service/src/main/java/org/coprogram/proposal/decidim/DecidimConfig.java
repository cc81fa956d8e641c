package org.coprogram.proposal.decidim;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Decidim interoperability (docs/decidim.md). */
@ConfigMapping(prefix = "coprogram.decidim")
public interface DecidimConfig {

    /** The portal's public address, before {@code /proposte/<id>}: the {@code url} of our proposals in an export. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** At most this many bytes per file, a zip's entries once decompressed included. */
    @WithDefault("20971520")
    long maxFileBytes();

    /** At most this many bytes of CSV in one import, decompressed. */
    @WithDefault("52428800")
    long maxTotalBytes();

    /** At most this many entries in a zip. */
    @WithDefault("64")
    int maxEntries();

    /** At most this many rows in one import, all files together. */
    @WithDefault("50000")
    int maxRows();

    /** How often each replica looks for a pending import (the {@code @Scheduled} worker reads the property). */
    @WithDefault("2s")
    String pollInterval();

    /** At most this many files in one request. */
    @WithDefault("20")
    int maxParts();

    default DecidimOpenData.Limits limits() {
        return new DecidimOpenData.Limits(maxFileBytes(), maxTotalBytes(), maxEntries(), maxRows(), 100_000);
    }
}
