package dev.keel.tools.scaffold;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code make new-aggregate NAME=Gadget [FIELDS="label:text! weight:numeric"] [PLURAL=gadgets]}: writes
 * the whole slice into the team's package and appends its table to db/schema.sql, or refuses with the
 * reason and writes nothing.
 */
public final class NewAggregate {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final int MAX_IDENTIFIER = 63;

    /** Names that would hide a class the slice uses (java.lang's, or one a template imports). */
    private static final Set<String> TAKEN_NAMES = Set.of(
            "Object",
            "String",
            "Record",
            "Enum",
            "Class",
            "Integer",
            "Long",
            "Boolean",
            "Byte",
            "Short",
            "Double",
            "Float",
            "Character",
            "Number",
            "Void",
            "Math",
            "System",
            "Thread",
            "Runtime",
            "Process",
            "Module",
            "Package",
            "Error",
            "Exception",
            "Override",
            "Iterable",
            "Comparable",
            "Runnable",
            "Throwable",
            "Deprecated",
            "Actor",
            "KeysetPage",
            "PageRequest",
            "IdGenerator",
            "Transactions",
            "Optional",
            "List",
            "Map",
            "Objects",
            "Instant",
            "Clock",
            "UUID",
            "URI",
            "Test",
            "Tag",
            "Operation",
            "Parameter",
            "Header",
            "Schema",
            "ApiResponse",
            "Valid",
            "Bean",
            "Configuration",
            "Mapper",
            "Mapping",
            "Param",
            "Nullable",
            "Cursors",
            "ETags",
            "Links",
            "Supplier",
            "Comparator",
            "BigDecimal",
            "LocalDate",
            "Field",
            "Common");

    private NewAggregate() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        try {
            List<Path> written = generate(
                    Path.of(options.getOrDefault("root", ".")),
                    options.getOrDefault("name", ""),
                    options.getOrDefault("fields", ""),
                    options.get("plural"));
            report(System.out, written);
            Words name = Words.of(options.getOrDefault("name", ""));
            Words plurals = plurals(name, options.get("plural"));
            System.out.println("Next:");
            System.out.println("  make migrate-create NAME=create_" + name.snake()
                    + "   # its migration and undo, from the table added to db/schema.sql");
            System.out.println("  make test                  # the new slice's tests run with the rest");
            System.out.println("  make run; make token SCOPES=\"" + plurals.kebab() + ":read " + plurals.kebab()
                    + ":write\"   # then curl /api/" + plurals.kebab());
        } catch (ScaffoldException e) {
            System.err.println("new-aggregate: " + e.getMessage());
            System.err.println("  nothing was written.");
            System.exit(2);
        } catch (UncheckedIOException e) {
            System.err.println(
                    "new-aggregate: could not write the slice: " + e.getCause().getMessage());
            System.err.println("  every file written was taken back: the tree is as it was.");
            System.exit(1);
        }
    }

    /** Writes the slice of {@code name} into the tree at {@code root}; returns the files written. */
    static List<Path> generate(Path root, String name, String fieldSpec, @Nullable String plural) {
        Words words = aggregateName(name);
        Words plurals = plurals(words, plural);
        List<Field> fields = Field.parseAll(fieldSpec);
        TeamTree tree = TeamTree.at(root);
        Map<String, Object> model = SliceModel.of(tree.basePackage(), words, plurals, fields, tree::apiPathOf);
        Map<Path, String> files = Slice.render(tree, model);
        refuseWhatExists(tree, words, plurals, model, files.keySet());
        refuseUnknownReferences(tree, words, fields);
        refuseLongIdentifiers(words, fields);

        StagedFiles staged = new StagedFiles(root);
        files.forEach(staged::put);
        staged.put(TeamTree.SCHEMA, tree.schema().stripTrailing() + "\n" + Slice.schema(model));
        staged.commit();
        return List.copyOf(staged.files().keySet().stream().sorted().toList());
    }

    private static Words aggregateName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ScaffoldException("NAME must be an aggregate's name in PascalCase, singular, such as Gadget or"
                    + " PurchaseOrder (got '" + name + "')");
        }
        Words words = Words.of(name);
        if (!words.pascal().equals(name)) {
            throw new ScaffoldException(
                    "NAME " + name + " has capitals Keel cannot split into words: write it " + words.pascal());
        }
        if (TAKEN_NAMES.contains(name)) {
            throw new ScaffoldException("NAME " + name + " would hide a class the slice uses; choose another name");
        }
        String pkg = String.join("", words.words());
        if (Words.JAVA_KEYWORDS.contains(words.camel()) || Words.JAVA_KEYWORDS.contains(pkg)) {
            throw new ScaffoldException("NAME " + name + " is a Java keyword in lower case; choose another name");
        }
        return words;
    }

    /** The plural of the aggregate's name: PLURAL when given (people, order-lines), else by English rules. */
    private static Words plurals(Words name, @Nullable String plural) {
        Words plurals = plural == null || plural.isBlank() ? name.plural() : Words.of(plural.replace('-', '_'));
        if (plurals.words().isEmpty()) {
            throw new ScaffoldException("PLURAL must be words, such as people (got '" + plural + "')");
        }
        return plurals;
    }

    private static void refuseWhatExists(
            TeamTree tree, Words name, Words plural, Map<String, Object> model, Set<Path> files) {
        Path domain = tree.packageDir("domain", "main/java", "domain." + model.get("pkg"));
        if (Files.exists(domain)) {
            throw new ScaffoldException(
                    name.pascal() + " exists already: " + tree.root().relativize(domain));
        }
        for (Path file : files) {
            if (Files.exists(tree.root().resolve(file))) {
                throw new ScaffoldException(file + " exists already");
            }
        }
        Pattern table = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(public\\.)?\"?"
                + Pattern.quote(name.snake()) + "\"?\\s*\\(");
        if (table.matcher(tree.schema()).find()) {
            throw new ScaffoldException("the table " + name.snake() + " exists already in " + TeamTree.SCHEMA);
        }
        if (tree.servesPath(plural.kebab())) {
            throw new ScaffoldException("a controller answers /api/" + plural.kebab() + " already");
        }
    }

    /** A reference needs the helpers new-aggregate writes for every aggregate: its samples, rows and API test. */
    private static void refuseUnknownReferences(TeamTree tree, Words name, List<Field> fields) {
        for (Field field : fields) {
            if (!field.isReference()) {
                continue;
            }
            Words ref = field.reference();
            if (ref.pascal().equals(name.pascal())) {
                throw new ScaffoldException("FIELDS: " + field.name() + " refers to " + name.pascal()
                        + " itself; references to the aggregate being made are not generated (add the column by hand)");
            }
            String pkg = String.join("", ref.words());
            List<Path> helpers = List.of(
                    tree.packageDir("domain", "test/java", "domain." + pkg).resolve(ref.pascal() + "Samples.java"),
                    tree.packageDir("infrastructure", "test/java", "infrastructure.persistence." + pkg)
                            .resolve(ref.pascal() + "Rows.java"),
                    tree.packageDir("bootstrap", "test/java", "bootstrap.web." + pkg)
                            .resolve(ref.pascal() + "ApiIntegrationTest.java"));
            if (!Files.isDirectory(tree.packageDir("domain", "main/java", "domain." + pkg))) {
                throw new ScaffoldException("FIELDS: " + field.name() + " refers to " + ref.pascal()
                        + ", which is no aggregate here: make new-aggregate NAME=" + ref.pascal() + " first");
            }
            for (Path helper : helpers) {
                if (!Files.isRegularFile(helper)) {
                    throw new ScaffoldException("FIELDS: " + field.name() + " refers to " + ref.pascal()
                            + ", which make new-aggregate did not write: the tests need "
                            + tree.root().relativize(helper) + " (write it as a generated aggregate has it)");
                }
            }
        }
    }

    private static void refuseLongIdentifiers(Words name, List<Field> fields) {
        String table = name.snake();
        String longest = table + "_touch_updated_at";
        for (Field field : fields) {
            String index = table + "_" + field.column() + "_idx";
            if (index.length() > longest.length()) {
                longest = index;
            }
        }
        if (longest.length() > MAX_IDENTIFIER) {
            throw new ScaffoldException("the name " + longest + " would be longer than PostgreSQL's " + MAX_IDENTIFIER
                    + " characters; choose a shorter NAME or field name");
        }
    }

    private static void report(PrintStream out, List<Path> written) {
        out.println("new-aggregate: wrote " + written.size() + " files:");
        written.forEach(file -> out.println("  " + file));
    }

    /** {@code --name Gadget --fields "..."}: each option once, every value after its name. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println(usage());
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String usage() {
        return "usage: make new-aggregate NAME=Gadget [FIELDS=\"label:text! weight:numeric owner:Widget\"] [PLURAL=gadgets]";
    }
}
