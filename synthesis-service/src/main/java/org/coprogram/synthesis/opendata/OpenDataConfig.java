package org.coprogram.synthesis.opendata;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The open-data catalogue's settings (docs/open-data.md): where the platform is, the licence, who publishes. */
@ConfigMapping(prefix = "open-data")
public interface OpenDataConfig {

    /**
     * The platform's public address (the gateway's), without a trailing slash: the catalogue's URLs are built on it,
     * never on the request's Host header, which a client chooses.
     */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    License license();

    /** Each region's publisher and rights holder, by region code ({@code puglia}, {@code abruzzo}). */
    Map<String, Publisher> publishers();

    /** The licence of every open-data file; CC BY 4.0 unless the region chooses another. */
    interface License {

        @WithDefault("https://creativecommons.org/licenses/by/4.0/")
        String uri();

        @WithDefault("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)")
        String name();

        /** The licence's kind in the ADMS licence-type vocabulary (DCAT-AP_IT asks for it). */
        @WithDefault("http://purl.org/adms/licencetype/Attribution")
        String type();
    }

    /** An administration as DCAT-AP_IT names it: its name and its code in the IPA index (indicepa.gov.it). */
    interface Publisher {

        String name();

        String ipaCode();
    }
}
