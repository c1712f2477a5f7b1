package dev.keel.tools.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.migrate.generate.SchemaChange.EnumValueAdded;
import dev.keel.tools.migrate.generate.SchemaChange.FunctionReplaced;
import dev.keel.tools.migrate.generate.SchemaChange.NotGeneratedYet;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerAdded;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerStateChanged;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.DeclaredSchema.EnumType;
import dev.keel.tools.migrate.schema.DeclaredSchema.Function;
import dev.keel.tools.migrate.schema.DeclaredSchema.Trigger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the diff says of the kinds it cannot write yet: each one by name, never left out. */
class SchemaDiffTest {

    private static final DeclaredSchema EMPTY = schema(List.of(), List.of(), List.of());

    @Test
    void equalSchemasHaveNoChangeAndAnEmptyPlan() {
        assertThat(SchemaDiff.between(EMPTY, EMPTY)).isEmpty();
        assertThat(Generator.plan(EMPTY, EMPTY, Set.of()).isEmpty()).isTrue();
    }

    @Test
    void reportsWhatItCannotGenerateByKindAndName() {
        DeclaredSchema with = schema(
                List.of(new Function("public.f()", "CREATE FUNCTION public.f() ...", false)),
                List.of(new EnumType("public.mood", List.of("happy", "sad"))),
                List.of());
        DeclaredSchema changed = schema(
                List.of(new Function("public.f()", "CREATE FUNCTION public.f() ... changed", false)),
                List.of(new EnumType("public.mood", List.of("sad", "happy"))),
                List.of());

        assertThat(SchemaDiff.between(with, changed))
                .containsExactly(
                        new NotGeneratedYet("enum value order", "public.mood"),
                        new FunctionReplaced(
                                with.functions().getFirst(), changed.functions().getFirst()));
        assertThatThrownBy(() -> Generator.plan(with, changed, Set.of(Allowance.values())))
                .isInstanceOf(GenerationRefused.class)
                .hasMessageContaining("not generated yet: enum value order public.mood");
    }

    @Test
    void placesANewEnumValueBetweenItsNeighbours() {
        DeclaredSchema before =
                schema(List.of(), List.of(new EnumType("public.mood", List.of("sad", "happy"))), List.of());
        DeclaredSchema after = schema(
                List.of(), List.of(new EnumType("public.mood", List.of("glum", "sad", "ok", "happy"))), List.of());

        assertThat(SchemaDiff.between(before, after))
                .containsExactly(
                        new EnumValueAdded("public.mood", "glum", null, "sad"),
                        new EnumValueAdded("public.mood", "ok", "sad", null));
    }

    @Test
    void aTriggerWhoseStateAloneChangesIsEnabledOrDisabledNotCreatedAgain() {
        Trigger enabled = new Trigger("t_touch", "public.t", "CREATE TRIGGER t_touch ...", 'O');
        Trigger disabled = new Trigger("t_touch", "public.t", "CREATE TRIGGER t_touch ...", 'D');

        assertThat(SchemaDiff.between(EMPTY, schema(List.of(), List.of(), List.of(disabled))))
                .containsExactly(new TriggerAdded(disabled));
        assertThat(SchemaDiff.between(
                        schema(List.of(), List.of(), List.of(enabled)),
                        schema(List.of(), List.of(), List.of(disabled))))
                .containsExactly(new TriggerStateChanged(enabled, disabled));
    }

    private static DeclaredSchema schema(List<Function> functions, List<EnumType> enums, List<Trigger> triggers) {
        return new DeclaredSchema(
                List.of(), List.of(), enums, List.of(), List.of(), List.of(), functions, List.of(), List.of(),
                List.of(), List.of(), List.of(), triggers, List.of());
    }
}
