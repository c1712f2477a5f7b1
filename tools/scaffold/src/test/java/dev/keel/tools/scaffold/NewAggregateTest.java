package dev.keel.tools.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * new-aggregate on a team's tree renamed to com.acme.shop: where each file goes, what it refuses, and that a
 * refusal or a failure half-way leaves every file and directory as it was. That the slice compiles and its
 * tests pass is make check-fork's, on a whole fork.
 */
class NewAggregateTest {

    private static final String SCHEMA = "migrations/src/main/resources/db/schema.sql";

    @TempDir
    Path root;

    @BeforeEach
    void aRenamedTree() throws IOException {
        write("bootstrap/src/main/java/com/acme/shop/bootstrap/ShopApplication.java", """
                package com.acme.shop.bootstrap;

                @SpringBootApplication
                public class ShopApplication {}
                """);
        write(SCHEMA, "-- The schema\n\nCREATE TABLE public.customer (id uuid NOT NULL);\n");
        write("bootstrap/src/main/java/com/acme/shop/bootstrap/web/customer/CustomerController.java", """
                @RestController
                @RequestMapping("/api/customers")
                class CustomerController {}
                """);
    }

    @Test
    void writesTheWholeSliceInTheTeamsPackageAndItsTable() throws IOException {
        List<Path> written = NewAggregate.generate(root, "PurchaseOrder", "label:text! total:numeric", null);

        assertThat(written)
                .hasSize(39)
                .contains(
                        Path.of("domain/src/main/java/com/acme/shop/domain/purchaseorder/PurchaseOrder.java"),
                        Path.of(
                                "domain/src/test/java/com/acme/shop/domain/purchaseorder/PurchaseOrderRepositoryContract.java"),
                        Path.of("application/src/main/java/com/acme/shop/application/purchaseorder/port/in/"
                                + "ListPurchaseOrdersUseCase.java"),
                        Path.of(
                                "infrastructure/src/main/resources/com/acme/shop/infrastructure/persistence/purchaseorder/"
                                        + "PurchaseOrderMapper.xml"),
                        Path.of(
                                "bootstrap/src/main/java/com/acme/shop/bootstrap/config/PurchaseOrderConfiguration.java"),
                        Path.of("bootstrap/src/test/java/com/acme/shop/bootstrap/web/purchaseorder/"
                                + "PurchaseOrderApiIntegrationTest.java"),
                        Path.of(SCHEMA));
        String controller = read(
                "bootstrap/src/main/java/com/acme/shop/bootstrap/web/purchaseorder/" + "PurchaseOrderController.java");
        assertThat(controller)
                .startsWith("package com.acme.shop.bootstrap.web.purchaseorder;")
                .contains("@RequestMapping(\"/api/purchase-orders\")", "operationId = \"listPurchaseOrders\"")
                .doesNotContain("{{", "dev.keel");
        String schema = read(SCHEMA);
        assertThat(schema)
                .startsWith("-- The schema")
                .contains(
                        "CREATE TABLE public.purchase_order (",
                        "label text NOT NULL CHECK (char_length(label) <= 1000),",
                        "total numeric,",
                        "created_by text NOT NULL,",
                        "purchase_order_touch_updated_at BEFORE UPDATE",
                        "purchase_order_forbid_delete BEFORE DELETE");
        assertThat(read("infrastructure/src/main/resources/com/acme/shop/infrastructure/persistence/purchaseorder/"
                        + "PurchaseOrderMapper.xml"))
                .contains("VALUES (#{id}, #{label}, #{total}, 0,", "SET label = #{row.label},");
    }

    @Test
    void aReferenceNeedsAnAggregateMadeHereAndGetsAForeignKeyAndAnIndex() throws IOException {
        assertThatThrownBy(() -> NewAggregate.generate(root, "Part", "gadget:Gadget!", null))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("make new-aggregate NAME=Gadget first");

        NewAggregate.generate(root, "Gadget", "label:text!", null);
        NewAggregate.generate(root, "Part", "gadget:Gadget! spare:Gadget", null);

        assertThat(read(SCHEMA))
                .contains(
                        "gadget_id uuid NOT NULL REFERENCES public.gadget (id),",
                        "spare_id uuid REFERENCES public.gadget (id),",
                        "CREATE INDEX part_gadget_id_idx ON public.part USING btree (gadget_id);");
        assertThat(read("application/src/main/java/com/acme/shop/application/part/service/PartService.java"))
                .contains("private final GadgetRepository gadgets;", "requireLive(\"gadgetId\", part.gadgetId());");
    }

    @Test
    void aReferenceSaysInTheApiDocumentWhichCollectionItNames() throws IOException {
        NewAggregate.generate(root, "Person", "name:text!", "people");
        NewAggregate.generate(root, "Visit", "host:Person!", null);

        assertThat(read("bootstrap/src/main/java/com/acme/shop/bootstrap/web/person/PersonController.java"))
                .contains("@RequestMapping(\"/api/people\")");
        assertThat(read("bootstrap/src/main/java/com/acme/shop/bootstrap/web/visit/CreateVisitRequest.java"))
                .contains("name = \"refers-to\", value = \"/api/people\"", "@NotNull UUID hostId");
    }

    @Test
    void aReservedWordIsQuotedInTheSql() throws IOException {
        NewAggregate.generate(root, "Order", "user:text", null);

        assertThat(read(SCHEMA)).contains("CREATE TABLE public.\"order\" (", "\"user\" text");
        assertThat(read("infrastructure/src/main/resources/com/acme/shop/infrastructure/persistence/order/"
                        + "OrderMapper.xml"))
                .contains("FROM \"order\" WHERE id = #{id}");
        assertThat(read("infrastructure/src/test/java/com/acme/shop/infrastructure/persistence/order/"
                        + "MyBatisOrderRepositoryTest.java"))
                .contains("\"DELETE FROM \\\"order\\\" WHERE id = ?\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gadget|label:text|PascalCase",
                "Gadget_Box|label:text|PascalCase",
                "HTTPThing|label:text|write it HttpThing",
                "String|label:text|would hide a class",
                "Case|label:text|Java keyword",
                "Customer|label:text|Customer exists already",
                "Gadget|label:stuff|is no type",
                "Gadget|me:Gadget|refers to Gadget itself",
                "Gadget|unknown:Sprocket|make new-aggregate NAME=Sprocket first",
                "ThisIsAVeryLongAggregateNameThatGoesOnAndOn|aFieldWithAnEquallyLongName:text|longer than PostgreSQL"
            })
    void refusesAndWritesNothing(String name, String fields, String reason) throws IOException {
        if (name.equals("Customer")) {
            write("domain/src/main/java/com/acme/shop/domain/customer/Customer.java", "package x;\n");
        }
        Map<String, String> before = tree();

        assertThatThrownBy(() -> NewAggregate.generate(root, name, fields, null))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining(reason);
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void refusesATableOrAPathThatExists() throws IOException {
        Map<String, String> before = tree();

        assertThatThrownBy(() -> NewAggregate.generate(root, "Shelf", "", "customers"))
                .hasMessageContaining("a controller answers /api/customers already");
        write(SCHEMA, read(SCHEMA) + "CREATE TABLE IF NOT EXISTS shelf (id uuid);\n");
        before = tree();
        assertThatThrownBy(() -> NewAggregate.generate(root, "Shelf", "", null))
                .hasMessageContaining("the table shelf exists already");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void aFailureHalfWayLeavesTheTreeAsItWas() throws IOException {
        // A file where the adapter's package directory must go: the moves fail after the domain's are done.
        write("infrastructure/src/main/java/com/acme/shop/infrastructure/persistence/gadget", "in the way\n");
        Map<String, String> before = tree();

        assertThatThrownBy(() -> NewAggregate.generate(root, "Gadget", "label:text!", null))
                .isInstanceOf(RuntimeException.class);

        assertThat(tree()).isEqualTo(before);
    }

    /** Every file and directory under the root (directories as "/"), with its content. */
    private Map<String, String> tree() throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                tree.put(root.relativize(path).toString(), Files.isDirectory(path) ? "/" : Files.readString(path));
            }
        }
        return tree;
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private String read(String file) throws IOException {
        return Files.readString(root.resolve(file));
    }
}
