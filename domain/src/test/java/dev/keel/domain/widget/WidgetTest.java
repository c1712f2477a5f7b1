package dev.keel.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.storage.StorageKey;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WidgetTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final WidgetId ID = new WidgetId(UUID.fromString("019a8f2e-5c3b-7d10-8000-000000000001"));
    private static final String SHA = "a".repeat(64);

    private static Widget draft() {
        return Widget.create(ID, new WidgetName("Sprocket"), NOW);
    }

    @Test
    void startsAsALiveDraftWithoutAttachment() {
        Widget widget = draft();

        assertThat(widget.status()).isEqualTo(WidgetStatus.DRAFT);
        assertThat(widget.isArchived()).isFalse();
        assertThat(widget.currentAttachment()).isEmpty();
        assertThat(widget.createdAt()).isEqualTo(NOW);
        assertThat(widget.version()).isZero();
    }

    @Test
    void changesReturnNewWidgetsAndLeaveTheOriginalAlone() {
        Widget original = draft();
        Widget renamed = original.rename(new WidgetName("Cog"));

        assertThat(renamed.name().value()).isEqualTo("Cog");
        assertThat(original.name().value()).isEqualTo("Sprocket");
    }

    @ParameterizedTest
    @CsvSource({"DRAFT,ACTIVE", "DRAFT,RETIRED", "ACTIVE,RETIRED", "ACTIVE,ACTIVE"})
    void allowsForwardMoves(WidgetStatus from, WidgetStatus to) {
        Widget widget = from == WidgetStatus.DRAFT ? draft() : draft().moveTo(from);
        assertThat(widget.moveTo(to).status()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({"ACTIVE,DRAFT", "RETIRED,ACTIVE", "RETIRED,DRAFT"})
    void refusesBackwardMoves(WidgetStatus from, WidgetStatus to) {
        Widget widget = draft().moveTo(from);
        assertThatThrownBy(() -> widget.moveTo(to))
                .isInstanceOf(RuleViolationException.class)
                .hasMessage("status cannot change from " + from + " to " + to);
    }

    @Test
    void attachmentKeysDeriveFromTheIdAndTheUpload() {
        UUID upload = UUID.fromString("019a8f2e-5c3b-7d10-8000-0000000000aa");
        assertThat(draft().attachmentKey(upload).value()).isEqualTo("widgets/" + ID + "/attachments/" + upload);
        Widget attached = draft().attach(new Attachment(draft().attachmentKey(upload), "text/plain", 5, SHA));
        assertThat(attached.currentAttachment())
                .get()
                .extracting(Attachment::size)
                .isEqualTo(5L);
    }

    @Test
    void refusesAnAttachmentStoredElsewhere() {
        Attachment elsewhere = new Attachment(StorageKey.of("somewhere", "else"), "text/plain", 5, SHA);
        assertThatThrownBy(() -> draft().attach(elsewhere)).isInstanceOf(RuleViolationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " padded", "padded ", "tab\tinside"})
    void refusesBadNames(String name) {
        assertThatThrownBy(() -> new WidgetName(name))
                .isInstanceOf(RuleViolationException.class)
                .extracting(e -> ((RuleViolationException) e).field())
                .isEqualTo("name");
    }

    @Test
    void namesMayBe200CharactersCountingCodePoints() {
        assertThat(new WidgetName("é".repeat(200)).value()).hasSize(200);
        assertThat(new WidgetName("😀".repeat(200)).value()).hasSize(400);
        assertThatThrownBy(() -> new WidgetName("x".repeat(201))).hasMessageContaining("at most 200");
    }

    @Test
    void checksumsMustBeSha256Hex() {
        assertThatThrownBy(() -> new Attachment(draft().attachmentKey(UUID.randomUUID()), "text/plain", 1, "ABC"))
                .isInstanceOf(RuleViolationException.class);
    }
}
