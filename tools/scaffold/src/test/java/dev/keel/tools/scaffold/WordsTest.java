package dev.keel.tools.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {

    @Test
    void aNameIsSpeltAsEachPlaceNeedsIt() {
        Words words = Words.of("PurchaseOrder");

        assertThat(words.pascal()).isEqualTo("PurchaseOrder");
        assertThat(words.camel()).isEqualTo("purchaseOrder");
        assertThat(words.snake()).isEqualTo("purchase_order");
        assertThat(words.kebab()).isEqualTo("purchase-order");
        assertThat(words.constant()).isEqualTo("PURCHASE_ORDER");
        assertThat(words.human()).isEqualTo("purchase order");
        assertThat(words.plural().kebab()).isEqualTo("purchase-orders");
        assertThat(Words.of("due_date").camel()).isEqualTo("dueDate");
        assertThat(Words.of("sku2Code").snake()).isEqualTo("sku_2_code");
    }

    @ParameterizedTest
    @CsvSource({"gadget,gadgets", "category,categories", "day,days", "box,boxes", "batch,batches", "bus,buses"})
    void pluralsFollowEnglishRules(String singular, String plural) {
        assertThat(Words.pluralOf(singular)).isEqualTo(plural);
    }
}
