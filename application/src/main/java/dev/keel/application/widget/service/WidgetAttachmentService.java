package dev.keel.application.widget.service;

import dev.keel.application.common.Transactions;
import dev.keel.application.widget.port.in.AttachFileCommand;
import dev.keel.application.widget.port.in.AttachFileUseCase;
import dev.keel.application.widget.port.in.DownloadFileUseCase;
import dev.keel.domain.common.IdGenerator;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.storage.StorageKey;
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
 * Widget files. Each upload streams to a key of its own, outside any database transaction (it
 * may take long), with its checksum computed on the way; then one transaction records it,
 * guarded by the version the upload started from. The file the database describes and the
 * bytes in storage never disagree: a failed or outdated upload deletes its own object, and a
 * replaced file is deleted once nothing refers to it.
 */
public final class WidgetAttachmentService implements AttachFileUseCase, DownloadFileUseCase {

    private final WidgetRepository widgets;
    private final ObjectStorage storage;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Duration downloadLifetime;

    public WidgetAttachmentService(
            WidgetRepository widgets,
            ObjectStorage storage,
            Transactions transactions,
            IdGenerator ids,
            Duration downloadLifetime) {
        this.widgets = widgets;
        this.storage = storage;
        this.transactions = transactions;
        this.ids = ids;
        this.downloadLifetime = downloadLifetime;
    }

    @Override
    public Widget attach(AttachFileCommand command) {
        Widget widget = live(command.id());
        StorageKey key = widget.attachmentKey(ids.newId());
        MessageDigest sha256 = sha256();
        CountingInputStream counted = new CountingInputStream(new DigestInputStream(command.content(), sha256));
        try {
            storage.put(key, counted, command.size(), command.contentType());
        } catch (RuntimeException e) {
            deleteQuietly(key);
            // Blame the body only when it did end short: storage failing mid-stream also leaves bytes unread.
            if (counted.endedShort(command.size())) {
                throw new RuleViolationException(
                        "content", "ended after " + counted.count() + " of the " + command.size() + " bytes announced");
            }
            throw e;
        }
        Attachment attachment = new Attachment(
                key, command.contentType(), command.size(), HexFormat.of().formatHex(sha256.digest()));
        Widget stored;
        try {
            stored = transactions.inTransaction(
                    () -> widgets.update(widget.attach(attachment, command.actor()), widget.version()));
        } catch (RuntimeException e) {
            deleteQuietly(key); // nothing refers to it
            throw e;
        }
        widget.currentAttachment().ifPresent(replaced -> deleteQuietly(replaced.key()));
        return stored;
    }

    @Override
    public URI downloadUrl(WidgetId id) {
        Attachment attachment =
                live(id).currentAttachment().orElseThrow(() -> new NotFoundException("attachment of widget", id));
        return storage.presignGet(attachment.key(), downloadLifetime);
    }

    private Widget live(WidgetId id) {
        return transactions
                .readOnly(() -> widgets.findLive(id))
                .orElseThrow(() -> new NotFoundException(WidgetService.KIND, id));
    }

    /** Removes an object nothing refers to; a failure leaves an orphan, never a wrong reference. */
    private void deleteQuietly(StorageKey key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            // An unreferenced object costs storage, not correctness.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Counts the bytes that pass and remembers whether the body itself ended or broke, to tell a
     * body shorter than its announced length from a store that stopped reading it.
     */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;
        private boolean endedOrBroke;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = observed(() -> super.read());
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = observed(() -> super.read(buffer, offset, length));
            if (n > 0) {
                count += n;
            }
            return n;
        }

        private int observed(IoRead read) throws IOException {
            try {
                int result = read.read();
                if (result < 0) {
                    endedOrBroke = true;
                }
                return result;
            } catch (IOException e) {
                endedOrBroke = true;
                throw e;
            }
        }

        boolean endedShort(long announced) {
            return endedOrBroke && count < announced;
        }

        long count() {
            return count;
        }

        private interface IoRead {
            int read() throws IOException;
        }
    }
}
