package org.coprogram.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Renders a kustomization with kubectl's built-in kustomize, the way an operator applies it. */
final class Kustomize {

    static final Path ROOT = Path.of(System.getProperty("coprogram.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    private static final Map<String, Rendered> OVERLAYS = new ConcurrentHashMap<>();

    /** An overlay of the repository, rendered once per test run; tests copy an object before changing it. */
    static Rendered overlay(String name) {
        return OVERLAYS.computeIfAbsent(name, n -> render(K8S.resolve("overlays").resolve(n)));
    }

    static Rendered render(Path kustomization) {
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectOutput(output.toFile())
                    .redirectErrorStream(false)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish in 120 s");
            }
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + errors);
            }
            List<ObjectNode> objects = new ArrayList<>();
            try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(output.toFile())) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document instanceof ObjectNode object) {
                        objects.add(object);
                    }
                }
            }
            Files.delete(output);
            return new Rendered(List.copyOf(objects));
        } catch (IOException e) {
            throw new IllegalStateException("kubectl (with its built-in kustomize) is needed to render " + kustomization
                    + "; it ships with this machine image, see docs/operations.md", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The objects of one rendered overlay. */
    record Rendered(List<ObjectNode> objects) {

        List<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        ObjectNode named(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
        }
    }
}
