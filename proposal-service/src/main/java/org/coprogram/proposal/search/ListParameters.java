package org.coprogram.proposal.search;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters shared by the list and the facet counts. */
public class ListParameters {

    @QueryParam("q")
    @Parameter(description = "Ricerca testuale in italiano su titolo e testo")
    public String q;

    @QueryParam("theme")
    public String theme;

    @QueryParam("municipality")
    @Parameter(description = "Codice ISTAT del comune")
    public String municipality;

    @QueryParam("district")
    @Parameter(description = "Codice dell'Ambito Territoriale Sociale, ad es. BA-BARI")
    public String district;

    @QueryParam("province")
    @Parameter(description = "Sigla della provincia, ad es. BA")
    public String province;

    @QueryParam("category")
    public String category;

    @QueryParam("kind")
    public String kind;

    @QueryParam("status")
    @Parameter(description = "Stato; senza filtro le proposte ritirate non sono elencate")
    public String status;

    @QueryParam("sort")
    @Parameter(description = "recent (predefinito), supports, relevance (predefinito con q)")
    public String sort;

    Map<String, String> asMap() {
        Map<String, String> map = new HashMap<>();
        map.put("q", q);
        map.put("theme", theme);
        map.put("municipality", municipality);
        map.put("district", district);
        map.put("province", province);
        map.put("category", category);
        map.put("kind", kind);
        map.put("status", status);
        map.put("sort", sort);
        return map;
    }
}
