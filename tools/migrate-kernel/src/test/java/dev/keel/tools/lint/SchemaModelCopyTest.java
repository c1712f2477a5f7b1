package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A down script is checked against a copy of the schema: the copy must hold everything the model
 * knows (a field added to the model and forgotten in copy() fails here), and nothing done to the
 * copy may reach the original.
 */
class SchemaModelCopyTest {

    private static final SchemaModel.Origin HERE = new SchemaModel.Origin("V1__widget.sql", "v1");

    private static SchemaModel modelOf(String sql) {
        SchemaModel model = new SchemaModel();
        for (Operation operation : FlywayScript.parse(sql, Optional.empty()).operations()) {
            model.apply(operation, HERE);
        }
        return model;
    }

    @Test
    void theCopyHoldsEverythingTheModelKnowsAndChangesOnItsOwn() {
        SchemaModel model = modelOf("""
                CREATE TABLE widget (
                    id uuid PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL DEFAULT '{}',
                    CONSTRAINT widget_name_check CHECK (name IS NOT NULL)) PARTITION BY RANGE (id);
                ALTER TABLE widget ADD CONSTRAINT widget_tags_check CHECK (tags IS NOT NULL) NOT VALID;
                CREATE INDEX widget_name_idx ON widget (name);
                CREATE UNIQUE INDEX widget_name_live_key ON widget (lower(name)) WHERE archived_at IS NULL;
                CREATE TRIGGER widget_touch BEFORE UPDATE ON widget FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
                """);

        SchemaModel copy = model.copy();

        assertThat(copy).usingRecursiveComparison().isEqualTo(model);
        copy.apply(
                FlywayScript.parse("DROP INDEX widget_name_idx;\nDROP TABLE widget;", Optional.empty())
                        .operations()
                        .getFirst(),
                HERE);
        copy.apply(
                FlywayScript.parse("DROP TABLE widget;", Optional.empty())
                        .operations()
                        .getFirst(),
                HERE);
        QualifiedName widget = new QualifiedName(null, "widget", null);
        assertThat(copy.table(widget)).isNull();
        assertThat(copy.tableOfIndex(new QualifiedName(null, "widget_name_idx", null)))
                .isEmpty();
        assertThat(model.table(widget)).isNotNull();
        assertThat(model.tableOfIndex(new QualifiedName(null, "widget_name_idx", null))
                        .map(QualifiedName::key))
                .contains("widget");
    }
}
