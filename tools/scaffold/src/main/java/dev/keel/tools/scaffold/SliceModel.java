package dev.keel.tools.scaffold;

import dev.keel.tools.migration.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the templates are filled with: every spelling of the aggregate's name, its fields with their
 * types and sample values, and the aggregates it refers to. Keys that name the aggregate (Name, kind,
 * path) never name a field, so a field section can still reach them.
 */
final class SliceModel {

    private SliceModel() {}

    static Map<String, Object> of(String basePackage, Words name, Words plural, List<Field> fields) {
        return of(
                basePackage, name, plural, fields, ref -> "/api/" + ref.plural().kebab());
    }

    /** {@code referencePath}: the collection path of an aggregate a field refers to, as its controller answers. */
    static Map<String, Object> of(
            String basePackage, Words name, Words plural, List<Field> fields, Function<Words, String> referencePath) {
        Map<String, Object> model = new LinkedHashMap<>();
        String aggregateName = name.camel();
        model.put("base", basePackage);
        model.put("Name", name.pascal());
        model.put("aggregateName", aggregateName);
        // Also "name", which a field section reads as the field's name.
        model.put("name", aggregateName);
        model.put("CONSTANT", name.constant());
        model.put("pkg", String.join("", name.words()));
        model.put("Names", plural.pascal());
        model.put("names", plural.camel());
        model.put("kind", name.human());
        model.put("kinds", plural.human());
        model.put("Kinds", capitalised(plural.human()));
        model.put("tableName", name.snake());
        String table = Templates.sqlIdentifier(name.snake());
        model.put("table", table);
        model.put("tableInJava", table.replace("\"", "\\\""));
        model.put("path", plural.kebab());

        List<Map<String, Object>> fieldModels = new ArrayList<>();
        for (Field field : fields) {
            fieldModels.add(field(field, aggregateName, referencePath));
        }
        for (Map<String, Object> field : fieldModels) {
            field.put("args", arguments(fieldModels, field, fieldModels));
            List<Map<String, Object>> refs = fieldModels.stream()
                    .filter(other -> (boolean) other.get("reference"))
                    .toList();
            field.put("refArgs", arguments(refs, field, refs));
        }
        model.put("fields", fieldModels);
        model.put("hasFields", !fieldModels.isEmpty());
        model.put("requiredFields", select(fieldModels, "required", true));
        model.put("optionalFields", select(fieldModels, "required", false));
        model.put("hasRequired", !select(fieldModels, "required", true).isEmpty());
        model.put("hasOptional", !select(fieldModels, "required", false).isEmpty());
        model.put("textFields", select(fieldModels, "text", true));
        model.put("hasText", !select(fieldModels, "text", true).isEmpty());
        model.put("refFields", select(fieldModels, "reference", true));
        model.put("changeableFields", select(fieldModels, "reference", false));
        model.put("references", references(fields));
        model.put("hasReferences", fields.stream().anyMatch(Field::isReference));

        Set<String> imports = new TreeSet<>();
        fields.stream()
                .filter(field -> field.type() != null && field.type().javaImport != null)
                .forEach(field -> imports.add(field.type().javaImport));
        model.put("imports", List.copyOf(imports));
        model.put(
                "rowImports",
                imports.stream()
                        .filter(i -> !i.equals("java.util.UUID") && !i.equals("java.time.Instant"))
                        .toList());
        // References are ids: UUIDs in the API, made-up ones in the samples.
        Set<String> withUuid = new TreeSet<>(imports);
        if (fields.stream().anyMatch(Field::isReference)) {
            withUuid.add("java.util.UUID");
        }
        model.put("apiImports", List.copyOf(withUuid));
        model.put("sampleImports", List.copyOf(withUuid));

        List<Field> plain =
                fields.stream().filter(field -> !field.isReference()).toList();
        model.put("createJsonInJava", inJava(json(fields, false, null)));
        model.put("changeJsonInJava", inJava(json(fields, true, null)));
        model.put("createJsonFormatInJava", inJava(json(fields, false, "%s")));
        model.put("changeJsonWithoutReferencesInJava", inJava(json(plain, true, null)));
        for (Map<String, Object> field : fieldModels) {
            List<Field> others = fields.stream()
                    .filter(other -> !other.name().equals(field.get("name")))
                    .toList();
            field.put("createJsonWithoutInJava", inJava(json(others, false, null)));
        }
        return model;
    }

    private static Map<String, Object> field(Field field, String aggregateName, Function<Words, String> referencePath) {
        Map<String, Object> model = new LinkedHashMap<>();
        String name = field.name();
        String column = Templates.sqlIdentifier(field.column());
        model.put("name", name);
        model.put("Field", Character.toUpperCase(name.charAt(0)) + name.substring(1));
        model.put("column", column);
        model.put("columnRaw", field.column());
        model.put("constant", field.words().constant());
        model.put("required", field.required());
        model.put("reference", field.isReference());
        model.put("text", field.type() == FieldType.TEXT);
        model.put("param", "#{" + name + "}");
        model.put("rowParam", "#{row." + name + "}");
        String getter = aggregateName + "." + name + "()";
        if (field.isReference()) {
            Words ref = field.reference();
            String id = ref.pascal() + "Id";
            model.put("refName", ref.pascal());
            model.put("refPkg", String.join("", ref.words()));
            model.put("refKind", ref.human());
            model.put("refKinds", ref.plural().human());
            model.put("refNames", ref.plural().camel());
            model.put("refTable", Templates.sqlIdentifier(ref.snake()));
            model.put("refPath", referencePath.apply(ref));
            model.put("javaType", id);
            model.put("rowType", "UUID");
            model.put("apiType", "UUID");
            model.put("sqlType", "uuid");
            model.put("mybatisType", "java.util.UUID");
            model.put("sample", "new " + id + "(UUID.fromString(\"019a8f2e-5c3b-7d10-8000-0000000000f1\"))");
            model.put("otherSample", "new " + id + "(UUID.fromString(\"019a8f2e-5c3b-7d10-8000-0000000000f2\"))");
            model.put(
                    "toApi",
                    field.required() ? getter + ".value()" : getter + " == null ? null : " + getter + ".value()");
            model.put(
                    "fromCreateRequest",
                    field.required()
                            ? "new " + id + "(request." + name + "())"
                            : "request." + name + "() == null ? null : new " + id + "(request." + name + "())");
            model.put("fromUpdateRequest", "Optional.ofNullable(request." + name + "()).map(" + id + "::new)");
        } else {
            FieldType type = field.type();
            String sample =
                    type == FieldType.TEXT ? type.sample.formatted(field.words().human()) : type.sample;
            String other = type == FieldType.TEXT
                    ? type.otherSample.formatted(field.words().human())
                    : type.otherSample;
            model.put("javaType", type.java);
            model.put("rowType", type.java);
            model.put("apiType", type.java);
            model.put("sqlType", type.sql);
            model.put("mybatisType", type.myBatis);
            model.put("sample", sample);
            model.put("otherSample", other);
            model.put("toApi", getter);
            model.put("fromCreateRequest", "request." + name + "()");
            model.put("fromUpdateRequest", "Optional.ofNullable(request." + name + "())");
        }
        return model;
    }

    /** The fields as arguments, one marked {@code is}: the one a test gives another value. */
    private static List<Map<String, Object>> arguments(
            List<Map<String, Object>> all, Map<String, Object> marked, List<Map<String, Object>> order) {
        List<Map<String, Object>> arguments = new ArrayList<>();
        for (Map<String, Object> field : order) {
            Map<String, Object> argument = new LinkedHashMap<>(field);
            argument.remove("args");
            argument.remove("refArgs");
            argument.put("is", field == marked);
            arguments.add(argument);
        }
        return arguments;
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> fields, String key, boolean value) {
        return fields.stream().filter(field -> field.get(key).equals(value)).toList();
    }

    /** Each aggregate referred to, once. */
    private static List<Map<String, Object>> references(List<Field> fields) {
        Set<String> seen = new LinkedHashSet<>();
        List<Map<String, Object>> references = new ArrayList<>();
        for (Field field : fields) {
            if (field.isReference() && seen.add(field.reference().pascal())) {
                Words ref = field.reference();
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("refName", ref.pascal());
                model.put("refPkg", String.join("", ref.words()));
                model.put("refKind", ref.human());
                model.put("refKinds", ref.plural().human());
                model.put("refNames", ref.plural().camel());
                references.add(model);
            }
        }
        return references;
    }

    /** The fields' sample values as a JSON object; references as {@code referenceValue} when given. */
    private static String json(List<Field> fields, boolean other, String referenceValue) {
        return fields.stream()
                .map(field -> "\"" + field.name() + "\":" + jsonValue(field, other, referenceValue))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String jsonValue(Field field, boolean other, String referenceValue) {
        if (field.isReference()) {
            return "\""
                    + (referenceValue != null
                            ? referenceValue
                            : other ? "019a8f2e-5c3b-7d10-8000-0000000000f2" : "019a8f2e-5c3b-7d10-8000-0000000000f1")
                    + "\"";
        }
        FieldType type = field.type();
        String sample = other ? type.otherSample : type.sample;
        return type.json(type == FieldType.TEXT ? sample.formatted(field.words().human()) : sample);
    }

    private static String inJava(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
