package org.coprogram.common.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** 201 with a relative {@code Location}: behind the gateway a service must not name its own host. */
public final class Created {

    private Created() {
    }

    public static Response at(String path, Object entity) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path).entity(entity).build();
    }
}
