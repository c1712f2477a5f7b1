package dev.keel.tools.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.migrate.generate.RenameHint.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a hint may stand, what it names, and the line a misplaced one is refused at. */
class RenameHintTest {

    @Test
    void readsAHintOnTheLineBeforeOrAtTheEndOfTheDeclaration() {
        String schema = """
                -- keel:renamed-from gadget
                CREATE TABLE public.gizmo (
                    id uuid NOT NULL,
                    title text NOT NULL, -- keel:renamed-from label
                    -- keel:renamed-from gadget_size_check
                    CONSTRAINT gizmo_size_check CHECK (size > 0)
                );

                CREATE INDEX gizmo_title_idx ON public.gizmo USING btree (title); -- keel:renamed-from gadget_label_idx
                ALTER TABLE ONLY "Sales".gizmo ADD CONSTRAINT gizmo_pkey PRIMARY KEY (id); -- keel:renamed-from "Old_pkey"
                """;

        assertThat(RenameHint.in(schema))
                .containsExactly(
                        new RenameHint(Kind.TABLE, null, "gadget", "public.gizmo", 1),
                        new RenameHint(Kind.COLUMN, "public.gizmo", "label", "title", 4),
                        new RenameHint(Kind.CONSTRAINT, "public.gizmo", "gadget_size_check", "gizmo_size_check", 5),
                        new RenameHint(Kind.INDEX, "public.gizmo", "gadget_label_idx", "gizmo_title_idx", 9),
                        new RenameHint(Kind.CONSTRAINT, "\"Sales\".gizmo", "\"Old_pkey\"", "gizmo_pkey", 10));
    }

    @Test
    void aFileWithoutHintsHasNone() {
        assertThat(RenameHint.in("CREATE TABLE public.t (\n    id uuid\n);\n")).isEmpty();
    }

    @Test
    void refusesAHintBeforeWhatCannotBeRenamedOnAHintOrBeforeNothing() {
        String schema = """
                CREATE TABLE public.t (
                    id uuid,
                    -- keel:renamed-from old_check
                    CHECK (id IS NOT NULL)
                );
                -- keel:renamed-from old_view
                CREATE VIEW public.v AS SELECT 1;
                -- keel:renamed-from
                CREATE TABLE public.u (id uuid);
                -- keel:renamed-from dangling
                """;

        assertThatThrownBy(() -> RenameHint.in(schema))
                .isInstanceOfSatisfying(GenerationRefused.class, refused -> assertThat(refused.reasons())
                        .containsExactly(
                                "db/schema.sql line 3: -- keel:renamed-from old_check stands before no declaration,"
                                        + " and only tables, columns, indexes and constraints are renamed on a hint:"
                                        + " put it on the line before the object's declaration, or at the end of that"
                                        + " line",
                                "db/schema.sql line 6: -- keel:renamed-from old_view stands before 'CREATE VIEW"
                                        + " public.v AS SELECT 1;...', and only tables, columns, indexes and"
                                        + " constraints are renamed on a hint: put it on the line before the object's"
                                        + " declaration, or at the end of that line",
                                "db/schema.sql line 8: -- keel:renamed-from needs the old name of the object, such as"
                                        + " -- keel:renamed-from old_name",
                                "db/schema.sql line 10: -- keel:renamed-from dangling stands before nothing"));
    }

    @Test
    void namesAreComparedAsPostgresqlStoresThem() {
        assertThat(RenameHint.parts("Public.\"Gadget\"")).isEqualTo(List.of("public", "Gadget"));
        assertThat(RenameHint.parts("\"a.b\"\"c\"")).isEqualTo(List.of("a.b\"c"));
        assertThat(Renames.unqualified("\"my.schema\".\"Gizmo\"")).isEqualTo("\"Gizmo\"");
        assertThat(Renames.unqualified("public.gizmo")).isEqualTo("gizmo");
    }
}
