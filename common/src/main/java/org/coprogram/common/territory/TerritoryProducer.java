package org.coprogram.common.territory;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class TerritoryProducer {

    /** Read once, on first use, from the files each service ships under {@code territory/}. */
    @Produces
    @Singleton
    TerritoryCatalog territory() {
        return TerritoryCatalog.fromClasspath();
    }
}
