package dev.keel.tools.scaffold;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One field of a new aggregate, from {@code FIELDS="label:text! weight:numeric gadget:Gadget"}: a name, a
 * type (or another aggregate, whose id it holds), and {@code !} when it is required (NOT NULL).
 */
record Field(
        Words words, @Nullable FieldType type, @Nullable Words reference, boolean required) {

    private static final Pattern SPEC = Pattern.compile("([A-Za-z][A-Za-z0-9_]*):([A-Za-z][A-Za-z0-9]*)(!?)");
    private static final Pattern AGGREGATE = Pattern.compile("[A-Z][A-Za-z0-9]*");

    /** The columns every aggregate has already: no field may take their names. */
    private static final Set<String> MODEL_COLUMNS =
            Set.of("id", "version", "created_at", "updated_at", "archived_at", "created_by", "updated_by");

    /** The fields of a FIELDS value: separated by blanks or commas, in order, none twice. */
    static List<Field> parseAll(String spec) {
        List<Field> fields = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        for (String one : spec.trim().split("[\\s,]+")) {
            if (one.isEmpty()) {
                continue;
            }
            Field field = parse(one);
            if (!columns.add(field.column())) {
                throw new ScaffoldException("FIELDS names " + field.column() + " twice");
            }
            fields.add(field);
        }
        return fields;
    }

    static Field parse(String spec) {
        Matcher matcher = SPEC.matcher(spec);
        if (!matcher.matches()) {
            throw new ScaffoldException("FIELDS: '" + spec + "' is not name:type or name:type! (a required field);"
                    + " types: " + FieldType.spellings() + ", or an aggregate's name such as Gadget for its id");
        }
        Words words = Words.of(matcher.group(1));
        String type = matcher.group(2);
        boolean required = !matcher.group(3).isEmpty();
        Field field;
        if (FieldType.named(type).isPresent()) {
            field = new Field(words, FieldType.named(type).get(), null, required);
        } else if (AGGREGATE.matcher(type).matches()) {
            // gadget:Gadget and gadgetId:Gadget both hold gadget_id.
            List<String> name = new ArrayList<>(words.words());
            if (name.size() > 1 && name.getLast().equals("id")) {
                name.removeLast();
            }
            field = new Field(new Words(name), null, Words.of(type), required);
        } else {
            throw new ScaffoldException("FIELDS: '" + type + "' in '" + spec + "' is no type; types: "
                    + FieldType.spellings() + ", or an aggregate's name (capitalised, such as Gadget) for its id");
        }
        if (MODEL_COLUMNS.contains(field.column())) {
            throw new ScaffoldException("FIELDS: " + field.column() + " is one of the columns every aggregate has ("
                    + String.join(", ", MODEL_COLUMNS.stream().sorted().toList()) + "); choose another name");
        }
        if (Words.JAVA_KEYWORDS.contains(field.name())) {
            throw new ScaffoldException("FIELDS: " + field.name() + " is a Java keyword; choose another name");
        }
        return field;
    }

    boolean isReference() {
        return reference != null;
    }

    /** The Java and JSON name: label, or gadgetId for a reference to a Gadget. */
    String name() {
        return isReference() ? words.camel() + "Id" : words.camel();
    }

    /** The column: label, or gadget_id for a reference. */
    String column() {
        return isReference() ? words.snake() + "_id" : words.snake();
    }
}
