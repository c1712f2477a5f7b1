package dev.keel.tools.migrate;

import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import dev.keel.tools.migrate.schema.SchemaWriter;
import java.util.Comparator;

/** Schemas compared after undo scripts ran, which cannot always put things back in place. */
final class UndoneSchema {

    private UndoneSchema() {}

    /** The schema's text with each table's columns by name: an undo re-adds a dropped column last. */
    static String comparable(DeclaredSchema schema) {
        return SchemaWriter.write(new DeclaredSchema(
                schema.schemas(),
                schema.extensions(),
                schema.enums(),
                schema.domains(),
                schema.composites(),
                schema.sequences(),
                schema.functions(),
                schema.tables().stream()
                        .map(table -> new Table(
                                table.name(),
                                table.unlogged(),
                                table.options(),
                                table.columns().stream()
                                        .sorted(Comparator.comparing(Column::name))
                                        .toList()))
                        .toList(),
                schema.sequenceOwners(),
                schema.constraints(),
                schema.indexes(),
                schema.views(),
                schema.triggers(),
                schema.comments()));
    }
}
