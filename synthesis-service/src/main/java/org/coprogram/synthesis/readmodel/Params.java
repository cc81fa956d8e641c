package org.coprogram.synthesis.readmodel;

import java.util.HashMap;
import java.util.Map;

/** Named parameters that, unlike {@link Map#of}, accept nulls (a missing theme or category is null). */
final class Params {

    private Params() {
    }

    static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }
}
