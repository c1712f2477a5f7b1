package dev.keel.tools.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldTest {

    @Test
    void fieldsHaveATypeOrReferToAnAggregateAndMayBeRequired() {
        List<Field> fields = Field.parseAll("label:text!, weight:numeric  dueDate:date owner:Gadget! gadget_id:Gadget");

        assertThat(fields).extracting(Field::name).containsExactly("label", "weight", "dueDate", "ownerId", "gadgetId");
        assertThat(fields)
                .extracting(Field::column)
                .containsExactly("label", "weight", "due_date", "owner_id", "gadget_id");
        assertThat(fields).extracting(Field::required).containsExactly(true, false, false, true, false);
        assertThat(fields.get(1).type()).isEqualTo(FieldType.NUMERIC);
        assertThat(fields.get(3).reference().pascal()).isEqualTo("Gadget");
        assertThat(Field.parseAll("  ")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "label|is not name:type",
                "label:varchar|is no type",
                "label:text!!|is not name:type",
                "created_at:timestamptz|one of the columns every aggregate has",
                "id:uuid|one of the columns every aggregate has",
                "class:text|is a Java keyword",
                "label:text label:integer|names label twice",
                "owner:Gadget owner_id:Gadget|names owner_id twice"
            })
    void refusesWhatItCannotGenerate(String spec, String reason) {
        assertThatThrownBy(() -> Field.parseAll(spec))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining(reason);
    }
}
