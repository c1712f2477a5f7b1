package dev.keel.tools.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The plain command lines the launcher answers without picocli ({@link StatusRequest}, {@link LintRequest}): known
 * flags and options, each given once, an option's value after {@code =} or as the next argument, and, where the
 * command takes them, operands (after {@code --} too). Anything else reads as empty, for picocli to answer.
 */
record PlainOptions(Set<String> flags, Map<String, String> values, List<String> operands) {

    static Optional<PlainOptions> parse(
            List<String> arguments, Set<String> flagNames, Set<String> valueNames, boolean takesOperands) {
        Set<String> flags = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (optionsEnded || !argument.startsWith("-")) {
                if (!takesOperands) return Optional.empty();
                operands.add(argument);
                continue;
            }
            if (argument.equals("--") && takesOperands) {
                optionsEnded = true;
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (flagNames.contains(name)) {
                if (equals >= 0 || !flags.add(name)) return Optional.empty();
            } else if (valueNames.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = argument.substring(equals + 1);
                } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("-")) {
                    value = arguments.get(++i);
                } else {
                    return Optional.empty();
                }
                if (values.putIfAbsent(name, value) != null) return Optional.empty();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new PlainOptions(Set.copyOf(flags), Map.copyOf(values), List.copyOf(operands)));
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    @Nullable
    String value(String option) {
        return values.get(option);
    }
}
