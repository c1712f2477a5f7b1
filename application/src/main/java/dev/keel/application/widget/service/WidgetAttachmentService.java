package dev.keel.application.widget.service;

import dev.keel.application.common.Transactions;
import dev.keel.application.widget.port.in.AttachFileCommand;
import dev.keel.application.widget.port.in.AttachFileUseCase;
import dev.keel.application.widget.port.in.DownloadFileUseCase;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.widget.Attachment;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetRepository;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Widget files. The upload streams to storage outside any database transaction (it may take
 * long); only recording the attachment is transactional. The checksum is computed while
 * streaming, so the file is read once.
 */
public final class WidgetAttachmentService implements AttachFileUseCase, DownloadFileUseCase {

    private final WidgetRepository widgets;
    private final ObjectStorage storage;
    private final Transactions transactions;
    private final Duration downloadLifetime;

    public WidgetAttachmentService(WidgetRepository widgets, ObjectStorage storage, Transactions transactions,
                                   Duration downloadLifetime) {
        this.widgets = widgets;
        this.storage = storage;
        this.transactions = transactions;
        this.downloadLifetime = downloadLifetime;
    }

    @Override
    public Widget attach(AttachFileCommand command) {
        Widget widget = live(command.id());
        MessageDigest sha256 = sha256();
        CountingInputStream counted = new CountingInputStream(new DigestInputStream(command.content(), sha256));
        storage.put(widget.attachmentKey(), counted, command.size(), command.contentType());
        if (counted.count() != command.size()) {
            throw new RuleViolationException("content", "was " + counted.count() + " bytes, not the "
                    + command.size() + " announced");
        }
        Attachment attachment = new Attachment(widget.attachmentKey(), command.contentType(), command.size(),
                HexFormat.of().formatHex(sha256.digest()));
        return transactions.inTransaction(() -> {
            Widget current = widgets.findLive(command.id())
                    .orElseThrow(() -> new NotFoundException(WidgetService.KIND, command.id()));
            return widgets.update(current.attach(attachment), current.version());
        });
    }

    @Override
    public URI downloadUrl(WidgetId id) {
        Attachment attachment = live(id).currentAttachment()
                .orElseThrow(() -> new NotFoundException("attachment of widget", id));
        return storage.presignGet(attachment.key(), downloadLifetime);
    }

    private Widget live(WidgetId id) {
        return transactions.readOnly(() -> widgets.findLive(id))
                .orElseThrow(() -> new NotFoundException(WidgetService.KIND, id));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Counts the bytes that pass, to catch a body shorter than its announced length. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
