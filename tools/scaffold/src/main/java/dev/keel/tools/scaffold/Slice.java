package dev.keel.tools.scaffold;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one aggregate's slice, template by template, where each goes in the team's tree: the
 * same files, in the same packages, as the Widget example has (less its attachments and status).
 */
final class Slice {

    /** A template and the file it becomes: ring module, source set, sub-package and file name. */
    private record Part(String template, String module, String sourceSet, String subPackage, String file) {}

    private static final List<Part> PARTS = List.of(
            new Part("Aggregate", "domain", "main/java", "domain.{pkg}", "{Name}.java"),
            new Part("AggregateId", "domain", "main/java", "domain.{pkg}", "{Name}Id.java"),
            new Part("AggregateRepository", "domain", "main/java", "domain.{pkg}", "{Name}Repository.java"),
            new Part("domain-package-info", "domain", "main/java", "domain.{pkg}", "package-info.java"),
            new Part("AggregateTest", "domain", "test/java", "domain.{pkg}", "{Name}Test.java"),
            new Part("AggregateSamples", "domain", "test/java", "domain.{pkg}", "{Name}Samples.java"),
            new Part(
                    "AggregateRepositoryContract",
                    "domain",
                    "test/java",
                    "domain.{pkg}",
                    "{Name}RepositoryContract.java"),
            new Part(
                    "CreateCommand",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "Create{Name}Command.java"),
            new Part(
                    "CreateUseCase",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "Create{Name}UseCase.java"),
            new Part("GetUseCase", "application", "main/java", "application.{pkg}.port.in", "Get{Name}UseCase.java"),
            new Part("ListUseCase", "application", "main/java", "application.{pkg}.port.in", "List{Names}UseCase.java"),
            new Part(
                    "UpdateCommand",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "Update{Name}Command.java"),
            new Part(
                    "UpdateUseCase",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "Update{Name}UseCase.java"),
            new Part(
                    "ArchiveUseCase",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "Archive{Name}UseCase.java"),
            new Part(
                    "RestoreUseCase",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "Restore{Name}UseCase.java"),
            new Part(
                    "port-in-package-info",
                    "application",
                    "main/java",
                    "application.{pkg}.port.in",
                    "package-info.java"),
            new Part("Service", "application", "main/java", "application.{pkg}.service", "{Name}Service.java"),
            new Part(
                    "service-package-info",
                    "application",
                    "main/java",
                    "application.{pkg}.service",
                    "package-info.java"),
            new Part(
                    "InMemoryRepository",
                    "application",
                    "test/java",
                    "application.{pkg}.service",
                    "InMemory{Name}Repository.java"),
            new Part(
                    "InMemoryRepositoryTest",
                    "application",
                    "test/java",
                    "application.{pkg}.service",
                    "InMemory{Name}RepositoryTest.java"),
            new Part("ServiceTest", "application", "test/java", "application.{pkg}.service", "{Name}ServiceTest.java"),
            new Part("Row", "infrastructure", "main/java", "infrastructure.persistence.{pkg}", "{Name}Row.java"),
            new Part("Mapper", "infrastructure", "main/java", "infrastructure.persistence.{pkg}", "{Name}Mapper.java"),
            new Part(
                    "Mapper.xml",
                    "infrastructure",
                    "main/resources",
                    "infrastructure.persistence.{pkg}",
                    "{Name}Mapper.xml"),
            new Part(
                    "Converter",
                    "infrastructure",
                    "main/java",
                    "infrastructure.persistence.{pkg}",
                    "{Name}Converter.java"),
            new Part(
                    "MyBatisRepository",
                    "infrastructure",
                    "main/java",
                    "infrastructure.persistence.{pkg}",
                    "MyBatis{Name}Repository.java"),
            new Part(
                    "infrastructure-package-info",
                    "infrastructure",
                    "main/java",
                    "infrastructure.persistence.{pkg}",
                    "package-info.java"),
            new Part(
                    "MyBatisRepositoryTest",
                    "infrastructure",
                    "test/java",
                    "infrastructure.persistence.{pkg}",
                    "MyBatis{Name}RepositoryTest.java"),
            new Part("Rows", "infrastructure", "test/java", "infrastructure.persistence.{pkg}", "{Name}Rows.java"),
            new Part("Configuration", "bootstrap", "main/java", "bootstrap.config", "{Name}Configuration.java"),
            new Part("Controller", "bootstrap", "main/java", "bootstrap.web.{pkg}", "{Name}Controller.java"),
            new Part("CreateRequest", "bootstrap", "main/java", "bootstrap.web.{pkg}", "Create{Name}Request.java"),
            new Part("UpdateRequest", "bootstrap", "main/java", "bootstrap.web.{pkg}", "Update{Name}Request.java"),
            new Part("Response", "bootstrap", "main/java", "bootstrap.web.{pkg}", "{Name}Response.java"),
            new Part("PageResponse", "bootstrap", "main/java", "bootstrap.web.{pkg}", "{Name}PageResponse.java"),
            new Part("web-package-info", "bootstrap", "main/java", "bootstrap.web.{pkg}", "package-info.java"),
            new Part("ControllerTest", "bootstrap", "test/java", "bootstrap.web.{pkg}", "{Name}ControllerTest.java"),
            new Part(
                    "ApiIntegrationTest",
                    "bootstrap",
                    "test/java",
                    "bootstrap.web.{pkg}",
                    "{Name}ApiIntegrationTest.java"));

    private static final Mustache.Compiler MUSTACHE =
            Mustache.compiler().escapeHTML(false).strictSections(false);

    private Slice() {}

    /** Every file of the slice, by its path relative to the tree's root, rendered from {@code model}. */
    static Map<Path, String> render(TeamTree tree, Map<String, Object> model) {
        Map<Path, String> files = new LinkedHashMap<>();
        for (Part part : PARTS) {
            String subPackage = fill(part.subPackage(), model);
            Path file =
                    tree.packageDir(part.module(), part.sourceSet(), subPackage).resolve(fill(part.file(), model));
            files.put(tree.root().relativize(file), template(part.template()).execute(model));
        }
        return files;
    }

    /** The table's SQL, to append to db/schema.sql. */
    static String schema(Map<String, Object> model) {
        return template("schema.sql").execute(model);
    }

    private static String fill(String pattern, Map<String, Object> model) {
        return pattern.replace("{pkg}", (String) model.get("pkg"))
                .replace("{Names}", (String) model.get("Names"))
                .replace("{Name}", (String) model.get("Name"));
    }

    private static Template template(String name) {
        String resource =
                "aggregate/" + name + (name.endsWith(".xml") || name.endsWith(".sql") ? "" : ".java") + ".mustache";
        try (InputStream in = Slice.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the jar: " + resource);
            }
            return MUSTACHE.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
