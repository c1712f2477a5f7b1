package dev.keel.bootstrap.web.widget;

import dev.keel.application.widget.port.in.ArchiveWidgetUseCase;
import dev.keel.application.widget.port.in.AttachFileCommand;
import dev.keel.application.widget.port.in.AttachFileUseCase;
import dev.keel.application.widget.port.in.CreateWidgetCommand;
import dev.keel.application.widget.port.in.CreateWidgetUseCase;
import dev.keel.application.widget.port.in.DownloadFileUseCase;
import dev.keel.application.widget.port.in.GetWidgetUseCase;
import dev.keel.application.widget.port.in.ListWidgetsQuery;
import dev.keel.application.widget.port.in.ListWidgetsUseCase;
import dev.keel.application.widget.port.in.RestoreWidgetUseCase;
import dev.keel.application.widget.port.in.UpdateWidgetCommand;
import dev.keel.application.widget.port.in.UpdateWidgetUseCase;
import dev.keel.bootstrap.config.AttachmentProperties;
import dev.keel.bootstrap.web.common.Cursors;
import dev.keel.bootstrap.web.common.ETags;
import dev.keel.bootstrap.web.common.Links;
import dev.keel.bootstrap.web.error.ApiException;
import dev.keel.bootstrap.web.error.ProblemTypes;
import dev.keel.domain.common.Actor;
import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.common.PageRequest;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetName;
import dev.keel.domain.widget.WidgetStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The widget resource: HTTP in, use cases out. No business rule lives here. */
@RestController
@RequestMapping("/api/widgets")
class WidgetController {

    private final CreateWidgetUseCase create;
    private final GetWidgetUseCase get;
    private final ListWidgetsUseCase list;
    private final UpdateWidgetUseCase update;
    private final ArchiveWidgetUseCase archive;
    private final RestoreWidgetUseCase restore;
    private final AttachFileUseCase attach;
    private final DownloadFileUseCase download;
    private final AttachmentProperties attachments;

    WidgetController(
            CreateWidgetUseCase create,
            GetWidgetUseCase get,
            ListWidgetsUseCase list,
            UpdateWidgetUseCase update,
            ArchiveWidgetUseCase archive,
            RestoreWidgetUseCase restore,
            AttachFileUseCase attach,
            DownloadFileUseCase download,
            AttachmentProperties attachments) {
        this.create = create;
        this.get = get;
        this.list = list;
        this.update = update;
        this.archive = archive;
        this.restore = restore;
        this.attach = attach;
        this.download = download;
        this.attachments = attachments;
    }

    @PostMapping
    ResponseEntity<WidgetResponse> create(@Valid @RequestBody CreateWidgetRequest request, Actor actor) {
        Widget widget = create.create(CreateWidgetCommand.of(request.name(), actor));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(widget.id().value())
                .toUri();
        return ResponseEntity.created(location)
                .eTag(ETags.forVersion(widget.version()))
                .body(WidgetResponse.from(widget));
    }

    @GetMapping("/{id}")
    ResponseEntity<WidgetResponse> get(@PathVariable UUID id) {
        return withEtag(get.get(new WidgetId(id)));
    }

    @GetMapping
    ResponseEntity<WidgetPageResponse> list(
            @RequestParam Optional<WidgetStatus> status,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(Cursors.PARAMETER) Optional<String> cursor) {
        KeysetPage<Widget> page =
                list.list(new ListWidgetsQuery(status, new PageRequest(cursor.map(Cursors::decode), limit)));
        Optional<String> next = page.next().map(Cursors::encode);
        var response = ResponseEntity.ok();
        next.ifPresent(nextCursor -> response.header(HttpHeaders.LINK, Links.nextPage(nextCursor)));
        return response.body(new WidgetPageResponse(
                page.items().stream().map(WidgetResponse::from).toList(), next.orElse(null)));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ResponseEntity<WidgetResponse> update(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateWidgetRequest request,
            Actor actor) {
        // "*": whichever version is current (404 when there is none); a change racing this one still gets 412.
        long expectedVersion = ETags.versionFromIfMatch(ifMatch)
                .orElseGet(() -> get.get(new WidgetId(id)).version());
        Widget widget = update.update(new UpdateWidgetCommand(
                new WidgetId(id),
                expectedVersion,
                Optional.ofNullable(request.name()).map(WidgetName::new),
                Optional.ofNullable(request.status()),
                actor));
        return withEtag(widget);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> archive(@PathVariable UUID id, Actor actor) {
        archive.archive(new WidgetId(id), actor);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/restore")
    ResponseEntity<WidgetResponse> restore(@PathVariable UUID id, Actor actor) {
        return withEtag(restore.restore(new WidgetId(id), actor));
    }

    /** The body is streamed straight to storage; it is never held in memory whole. */
    @PutMapping("/{id}/attachment")
    ResponseEntity<WidgetResponse> attach(@PathVariable UUID id, HttpServletRequest request, Actor actor)
            throws IOException {
        String contentType = typeAndSubtype(request.getContentType());
        if (!attachments.allowedContentTypes().contains(contentType)) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                    "Attachments may be of these types: "
                            + String.join(
                                    ", ",
                                    attachments.allowedContentTypes().stream()
                                            .sorted()
                                            .toList()) + ".");
        }
        long size = request.getContentLengthLong();
        if (size < 0) {
            throw new ApiException(
                    HttpStatus.LENGTH_REQUIRED,
                    ProblemTypes.LENGTH_REQUIRED,
                    "Send the attachment with a Content-Length header.");
        }
        if (size > attachments.maxSize().toBytes()) {
            throw new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Attachments may be at most " + attachments.maxSize().toBytes() + " bytes; this one has " + size
                            + ".");
        }
        return withEtag(attach.attach(
                new AttachFileCommand(new WidgetId(id), request.getInputStream(), size, contentType, actor)));
    }

    /** A redirect to a short-lived presigned URL: the file never passes through the application. */
    @GetMapping("/{id}/attachment")
    ResponseEntity<Void> download(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(download.downloadUrl(new WidgetId(id)))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /** "text/plain" from "text/plain;charset=UTF-8"; empty when absent or malformed (then refused as 415). */
    private static String typeAndSubtype(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType() + "/" + type.getSubtype();
        } catch (InvalidMediaTypeException e) {
            return "";
        }
    }

    private static ResponseEntity<WidgetResponse> withEtag(Widget widget) {
        return ResponseEntity.ok().eTag(ETags.forVersion(widget.version())).body(WidgetResponse.from(widget));
    }
}
