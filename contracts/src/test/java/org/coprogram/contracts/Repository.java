package org.coprogram.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The checkout these tests run in (Maven runs them from contracts/), and the constants a contract class declares. */
final class Repository {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private Repository() {
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(String glob) {
        try (Stream<Path> all = Files.walk(ROOT, 12)) {
            var matcher = ROOT.getFileSystem().getPathMatcher("glob:" + glob);
            return all.filter(p -> matcher.matches(ROOT.relativize(p))).filter(p -> !p.toString().contains("/target/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> stringConstants(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .filter(f -> Modifier.isPublic(f.getModifiers())).map(Repository::value).toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
