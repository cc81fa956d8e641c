package org.coprogram.synthesis.territory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "territory")
public interface TerritoryConfig {

    /**
     * The largest file an upload takes: a region's full composition with a source per row is about 100 KB, so this
     * leaves room without letting one request hold much memory.
     */
    @WithDefault("524288")
    int uploadMaxBytes();

    /**
     * The note of each region's first version, the composition shipped under {@code territory/}; {@code %d} are the
     * municipalities placed, the region's municipalities and the districts. The default describes the demo's sourced
     * partial composition; a deployment that ships its official composition says so here.
     */
    @WithDefault("Composizione parziale, da fonti pubbliche; non ufficiale. Compilata a mano da pagine pubbliche"
            + " (piani sociali di zona, relazioni sociali, notizie): ogni comune collocato ha la sua fonte, nessuno è"
            + " dedotto. Collocati %d comuni su %d, in %d ambiti; i comuni non collocati non appartengono ad alcun ambito"
            + " in questi dati. La Regione la sostituisce caricando la composizione ufficiale.")
    String shippedNote();
}
