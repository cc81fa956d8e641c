package org.coprogram.bridge;

import java.util.OptionalLong;

import io.vertx.core.http.HttpServerRequest;

/**
 * The request rate limit the bridge applies to opening a stream, the one every API request is under: the application
 * that hosts the bridge (the gateway) provides it.
 */
public interface RequestLimit {

    /**
     * Takes one request from the caller's allowance.
     *
     * @param account the authenticated account, or null when anonymous (then the client address counts)
     * @return empty when allowed, otherwise the seconds to wait before retrying
     */
    OptionalLong refuse(String account, HttpServerRequest request);
}
