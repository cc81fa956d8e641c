package org.coprogram.k8s;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Validates built-in kinds against the Kubernetes API schema: the models of the official Java client
 * (client-java-api 27, generated from the OpenAPI document of Kubernetes 1.34) check every field name, required field
 * and JSON type recursively, and reject fields the API does not define, as the API server's strict field validation does.
 */
final class BuiltInKinds {

    private static final Set<String> GROUPS = Set.of("", "apps", "batch", "policy", "autoscaling", "networking.k8s.io",
            "rbac.authorization.k8s.io");
    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    private BuiltInKinds() {
    }

    static boolean covers(String apiVersion) {
        return GROUPS.contains(group(apiVersion));
    }

    /** The violations of one object, or empty when it is valid. */
    static List<String> violations(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        Optional<Class<?>> model = model(apiVersion, kind);
        if (model.isEmpty()) {
            return List.of("no Kubernetes " + apiVersion + " model for kind " + kind);
        }
        return validate(model.get(), object);
    }

    /** Validates a fragment, such as the metadata of a custom resource, against one model class. */
    static List<String> validate(Class<?> model, JsonNode json) {
        try {
            JsonElement element = JsonParser.parseString(json.toString());
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, element);
            return List.of();
        } catch (InvocationTargetException e) {
            // The client's message ends with the whole offending object: keep what names the field.
            String message = e.getCause().getMessage();
            int offending = message.indexOf(" JSON: ");
            return List.of(offending < 0 ? message : message.substring(0, offending));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Class<?>> model(String apiVersion, String kind) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String name = MODELS + version.substring(0, 1).toUpperCase(Locale.ROOT) + version.substring(1) + kind;
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
