package org.jamesclientid.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * The {@code [Definition]} section of a fail2ban filter file, read as fail2ban reads it: {@code key = value} lines,
 * indented continuation lines, {@code %(key)s} references and {@code %%}; {@code <HOST>} becomes a group named
 * {@code host}. Enough for the project's own filter, whose regular expressions are also valid Java ones.
 */
final class Fail2banFilter {
    private static final Pattern SECTION = Pattern.compile("^\\[(.+)]\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s?(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("%\\((\\w+)\\)s");
    private static final String HOST = "(?<host>[0-9A-Fa-f.:]+)";

    static Fail2banFilter read(Path file) throws IOException {
        Map<String, String> definition = new LinkedHashMap<>();
        Optional<String> section = Optional.empty();
        Optional<String> key = Optional.empty();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher sectionHeader = SECTION.matcher(line);
            if (sectionHeader.matches()) {
                section = Optional.of(sectionHeader.group(1));
                key = Optional.empty();
                continue;
            }
            if (!section.equals(Optional.of("Definition"))) {
                continue;
            }
            if (!line.isBlank() && Character.isWhitespace(line.charAt(0)) && key.isPresent()) {
                definition.merge(key.get(), "\n" + line.strip(), String::concat);
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                key = Optional.of(entry.group(1));
                definition.put(entry.group(1), entry.group(2).strip());
            } else {
                key = Optional.empty();
            }
        }
        return new Fail2banFilter(definition);
    }

    private final Map<String, String> definition;

    private Fail2banFilter(Map<String, String> definition) {
        this.definition = definition;
    }

    /**
     * The value of {@code key} with every reference resolved, as fail2ban passes it to Python's {@code re}.
     */
    String resolved(String key) {
        return resolve(key, 0).replace("%%", "%");
    }

    private String resolve(String key, int depth) {
        Preconditions.checkArgument(depth < 20, "fail2ban filter: reference loop at %s", key);
        String value = definition.get(key);
        Preconditions.checkArgument(value != null, "fail2ban filter: no %s in [Definition]", key);
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(result, Matcher.quoteReplacement(resolve(reference.group(1), depth + 1)));
        }
        reference.appendTail(result);
        return result.toString();
    }

    /**
     * One regular expression per line of the value (fail2ban's multi-line failregex), {@code <HOST>} as group {@code host}.
     */
    List<Pattern> patterns(String key) {
        return resolved(key).lines()
            .filter(line -> !line.isBlank())
            .map(line -> Pattern.compile(line.replace("<HOST>", HOST)))
            .collect(com.google.common.collect.ImmutableList.toImmutableList());
    }

    Pattern pattern(String key) {
        List<Pattern> patterns = patterns(key);
        Preconditions.checkState(patterns.size() == 1, "fail2ban filter: %s has %s lines, one expected", key, patterns.size());
        return patterns.get(0);
    }
}
