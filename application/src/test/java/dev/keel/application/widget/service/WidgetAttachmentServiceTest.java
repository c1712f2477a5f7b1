package dev.keel.application.widget.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.application.widget.port.in.AttachFileCommand;
import dev.keel.application.widget.port.in.CreateWidgetCommand;
import dev.keel.application.widget.port.in.UpdateWidgetCommand;
import dev.keel.domain.common.Actor;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.common.UuidV7Generator;
import dev.keel.domain.storage.StorageUnavailableException;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WidgetAttachmentServiceTest {

    static final Actor ALICE = new Actor("alice");
    static final Actor BOB = new Actor("bob");

    private final InMemoryWidgetRepository repository = new InMemoryWidgetRepository();
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage();
    private final WidgetServiceTest.CountingTransactions transactions = new WidgetServiceTest.CountingTransactions();
    private final UuidV7Generator ids = new UuidV7Generator(Clock.systemUTC());
    private final WidgetService widgets = new WidgetService(repository, transactions, ids, Clock.systemUTC());
    private final WidgetAttachmentService attachments =
            new WidgetAttachmentService(repository, storage, transactions, ids, Duration.ofMinutes(5));

    private static AttachFileCommand file(Widget widget, String text, long announced) {
        return file(widget, text, announced, ALICE);
    }

    private static AttachFileCommand file(Widget widget, String text, long announced, Actor actor) {
        return new AttachFileCommand(
                widget.id(),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                announced,
                "text/plain",
                actor);
    }

    @Test
    void storesTheFileAndRecordsItsSizeTypeAndChecksum() throws Exception {
        Widget widget = widgets.create(CreateWidgetCommand.of("Attached", ALICE));

        Widget attached = attachments.attach(file(widget, "hello", 5, BOB));

        assertThat(attached.createdBy()).isEqualTo(ALICE);
        assertThat(attached.updatedBy()).isEqualTo(BOB);

        var attachment = attached.currentAttachment().orElseThrow();
        assertThat(attachment.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest("hello".getBytes(StandardCharsets.UTF_8))));
        assertThat(attachment.key().value()).startsWith("widgets/" + widget.id() + "/attachments/");
        assertThat(storage.objects.get(attachment.key()))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("hello");
        assertThat(attachments.downloadUrl(widget.id()).toString()).startsWith("memory://" + attachment.key());
    }

    @Test
    void aNewFileReplacesTheOldOneInStorageToo() {
        Widget widget = widgets.create(CreateWidgetCommand.of("Replaced", ALICE));
        var first =
                attachments.attach(file(widget, "first", 5)).currentAttachment().orElseThrow();

        var second = attachments
                .attach(file(widget, "second", 6))
                .currentAttachment()
                .orElseThrow();

        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(storage.objects).containsOnlyKeys(second.key());
    }

    @Test
    void aBodyShorterThanAnnouncedIsRefusedAndLeavesNothing() {
        Widget widget = widgets.create(CreateWidgetCommand.of("Short", ALICE));

        assertThatThrownBy(() -> attachments.attach(file(widget, "abc", 10)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessage("content ended after 3 of the 10 bytes announced");
        assertThat(storage.objects).isEmpty();
        assertThat(widgets.get(widget.id()).currentAttachment()).isEmpty();
    }

    @Test
    void storageFailingMidStreamIsAnOutageNotAShortBody() {
        Widget widget = widgets.create(CreateWidgetCommand.of("Outage", ALICE));
        storage.afterFirstByte = () -> {
            throw new StorageUnavailableException("S3 did not answer", new IOException("reset"));
        };

        assertThatThrownBy(() -> attachments.attach(file(widget, "complete", 8)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(storage.objects).isEmpty();
        assertThat(widgets.get(widget.id()).currentAttachment()).isEmpty();
    }

    @Test
    void aChangeDuringTheUploadWinsAndTheUploadLeavesNothing() {
        Widget widget = widgets.create(CreateWidgetCommand.of("Raced", ALICE));
        storage.duringPut = () -> widgets.update(new UpdateWidgetCommand(
                widget.id(), 0, Optional.of(new WidgetName("Renamed meanwhile")), Optional.empty(), BOB));

        assertThatThrownBy(() -> attachments.attach(file(widget, "late", 4))).isInstanceOf(StaleVersionException.class);

        assertThat(storage.objects).isEmpty();
        assertThat(widgets.get(widget.id()).name().value()).isEqualTo("Renamed meanwhile");
        assertThat(widgets.get(widget.id()).currentAttachment()).isEmpty();
    }

    @Test
    void archivedWidgetsTakeNoFilesAndAWidgetWithoutOneHasNothingToDownload() {
        Widget widget = widgets.create(CreateWidgetCommand.of("Plain", ALICE));
        assertThatThrownBy(() -> attachments.downloadUrl(widget.id())).isInstanceOf(NotFoundException.class);

        widgets.archive(widget.id(), ALICE);

        assertThatThrownBy(() -> attachments.attach(file(widget, "x", 1))).isInstanceOf(NotFoundException.class);
        assertThat(storage.objects).isEmpty();
    }
}
