package dev.keel.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.storage.StorageKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WidgetTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final WidgetId ID = new WidgetId(UUID.fromString("019a8f2e-5c3b-7d10-8000-000000000001"));
    private static final String SHA = "a".repeat(64);
    private static final Actor ALICE = new Actor("alice");
    private static final Actor BOB = new Actor("bob");

    private static Widget draft() {
        return Widget.create(ID, new WidgetName("Sprocket"), NOW, ALICE);
    }

    @Test
    void startsAsALiveDraftWithoutAttachment() {
        Widget widget = draft();

        assertThat(widget.status()).isEqualTo(WidgetStatus.DRAFT);
        assertThat(widget.isArchived()).isFalse();
        assertThat(widget.currentAttachment()).isEmpty();
        assertThat(widget.createdAt()).isEqualTo(NOW);
        assertThat(widget.version()).isZero();
        assertThat(widget.createdBy()).isEqualTo(ALICE);
        assertThat(widget.updatedBy()).isEqualTo(ALICE);
    }

    @Test
    void everyChangeRecordsItsActorAsTheLastUpdaterAndKeepsTheCreator() {
        UUID upload = UUID.fromString("019a8f2e-5c3b-7d10-8000-0000000000aa");
        Attachment file = new Attachment(draft().attachmentKey(upload), "text/plain", 5, SHA);

        assertThat(List.of(
                        draft().rename(new WidgetName("Cog"), BOB),
                        draft().moveTo(WidgetStatus.ACTIVE, BOB),
                        draft().attach(file, BOB),
                        draft().touchedBy(BOB)))
                .allSatisfy(changed -> {
                    assertThat(changed.createdBy()).isEqualTo(ALICE);
                    assertThat(changed.updatedBy()).isEqualTo(BOB);
                });
    }

    @Test
    void aWidgetNeedsBothActors() {
        Widget widget = draft();
        assertThatThrownBy(() -> new Widget(ID, widget.name(), widget.status(), null, NOW, NOW, null, ALICE, null, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("createdBy");
    }

    @Test
    void changesReturnNewWidgetsAndLeaveTheOriginalAlone() {
        Widget original = draft();
        Widget renamed = original.rename(new WidgetName("Cog"), BOB);

        assertThat(renamed.name().value()).isEqualTo("Cog");
        assertThat(original.name().value()).isEqualTo("Sprocket");
    }

    @ParameterizedTest
    @CsvSource({"DRAFT,ACTIVE", "DRAFT,RETIRED", "ACTIVE,RETIRED", "ACTIVE,ACTIVE"})
    void allowsForwardMoves(WidgetStatus from, WidgetStatus to) {
        Widget widget = from == WidgetStatus.DRAFT ? draft() : draft().moveTo(from, ALICE);
        assertThat(widget.moveTo(to, ALICE).status()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({"ACTIVE,DRAFT", "RETIRED,ACTIVE", "RETIRED,DRAFT"})
    void refusesBackwardMoves(WidgetStatus from, WidgetStatus to) {
        Widget widget = draft().moveTo(from, ALICE);
        assertThatThrownBy(() -> widget.moveTo(to, ALICE))
                .isInstanceOf(RuleViolationException.class)
                .hasMessage("status cannot change from " + from + " to " + to);
    }

    @Test
    void attachmentKeysDeriveFromTheIdAndTheUpload() {
        UUID upload = UUID.fromString("019a8f2e-5c3b-7d10-8000-0000000000aa");
        assertThat(draft().attachmentKey(upload).value()).isEqualTo("widgets/" + ID + "/attachments/" + upload);
        Widget attached = draft().attach(new Attachment(draft().attachmentKey(upload), "text/plain", 5, SHA), ALICE);
        assertThat(attached.currentAttachment())
                .get()
                .extracting(Attachment::size)
                .isEqualTo(5L);
    }

    @Test
    void refusesAnAttachmentStoredElsewhere() {
        Attachment elsewhere = new Attachment(StorageKey.of("somewhere", "else"), "text/plain", 5, SHA);
        assertThatThrownBy(() -> draft().attach(elsewhere, ALICE)).isInstanceOf(RuleViolationException.class);
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
