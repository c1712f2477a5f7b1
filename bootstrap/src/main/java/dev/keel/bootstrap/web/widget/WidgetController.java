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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/**
 * The widget resource: HTTP in, use cases out. No business rule lives here. The annotations
 * describe what is particular to each operation; what every operation answers (401, 403, 400,
 * 404, 406, 413, 415, 503) is added by rule (ApiDocumentRules).
 */
@RestController
@RequestMapping("/api/widgets")
@Tag(name = "Widgets", description = "The example aggregate: create, read, change, archive, attach a file")
class WidgetController {

    private static final String ETAG = "The widget's version, for If-Match and If-None-Match: \"3\" for version 3.";

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

    @Operation(operationId = "createWidget", summary = "Create a widget, as a draft")
    @ApiResponse(
            responseCode = "201",
            description = "Created.",
            useReturnTypeSchema = true,
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "The new widget's URL.",
                        schema = @Schema(type = "string", format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string"))
            })
    @ApiResponse(responseCode = "409", description = "A live widget already has this name.")
    @ApiResponse(
            responseCode = "422",
            description = "The name breaks a rule: blank, blanks around it, too long, control characters.")
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

    @Operation(operationId = "getWidget", summary = "Read a widget")
    @Parameter(
            in = ParameterIn.HEADER,
            name = HttpHeaders.IF_NONE_MATCH,
            description = "The ETag of the version you hold: 304 without a body while it is current.",
            schema = @Schema(type = "string"))
    @ApiResponse(
            responseCode = "200",
            description = "The widget.",
            useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: If-None-Match names the current version.",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @GetMapping("/{id}")
    ResponseEntity<WidgetResponse> get(@PathVariable UUID id) {
        return withEtag(get.get(new WidgetId(id)));
    }

    @Operation(
            operationId = "listWidgets",
            summary = "List live widgets, newest first, a page at a time",
            description = "Follow `nextCursor` (or the Link header) for the next page; it is absent on the last.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of widgets.",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = HttpHeaders.LINK,
                            description = "`<url>; rel=\"next\"`: the next page, when there is one (RFC 8288).",
                            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "422", description = "limit is out of range.")
    @GetMapping
    ResponseEntity<WidgetPageResponse> list(
            @Parameter(description = "Only widgets in this status.") @RequestParam Optional<WidgetStatus> status,
            @Parameter(
                            description = "At most this many widgets.",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "20"))
                    @RequestParam(defaultValue = "20")
                    int limit,
            @Parameter(description = "Where the page starts: a `nextCursor` this API handed out.")
                    @RequestParam(Cursors.PARAMETER)
                    Optional<String> cursor) {
        KeysetPage<Widget> page =
                list.list(new ListWidgetsQuery(status, new PageRequest(cursor.map(Cursors::decode), limit)));
        Optional<String> next = page.next().map(Cursors::encode);
        var response = ResponseEntity.ok();
        next.ifPresent(nextCursor -> response.header(HttpHeaders.LINK, Links.nextPage(nextCursor)));
        return response.body(new WidgetPageResponse(
                page.items().stream().map(WidgetResponse::from).toList(), next.orElse(null)));
    }

    @Operation(
            operationId = "updateWidget",
            summary = "Change a widget's name or status",
            description = "A merge patch: the fields sent change, absent ones stay as they are.")
    @ApiResponse(
            responseCode = "200",
            description = "The changed widget.",
            useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "409", description = "A live widget already has this name.")
    @ApiResponse(
            responseCode = "412",
            description = "If-Match names a version that is no longer current (the ETag header has the current"
                    + " one: read it again), or is not an ETag this API handed out.",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "422",
            description = "The change breaks a rule: the name's, or a status change that is not allowed.")
    @ApiResponse(responseCode = "428", description = "If-Match is missing.")
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ResponseEntity<WidgetResponse> update(
            @PathVariable UUID id,
            @Parameter(
                            required = true,
                            description =
                                    "The ETag of the version you changed (`\"3\"`), or `*` for whichever is current.")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
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

    @Operation(
            operationId = "archiveWidget",
            summary = "Archive a widget",
            description = "A soft delete: reads answer 404 until it is restored.")
    @ApiResponse(responseCode = "204", description = "Archived, now or before: archiving again changes nothing.")
    @ApiResponse(responseCode = "404", description = "There is no widget with this id, live or archived.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> archive(@PathVariable UUID id, Actor actor) {
        archive.archive(new WidgetId(id), actor);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "restoreWidget", summary = "Bring an archived widget back")
    @ApiResponse(
            responseCode = "200",
            description = "The widget, live again (or still).",
            useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "404",
            description = "There is no widget with this id, archived or live (a live one is answered as it is).")
    @ApiResponse(responseCode = "409", description = "A live widget has taken its name meanwhile.")
    @PostMapping("/{id}/restore")
    ResponseEntity<WidgetResponse> restore(@PathVariable UUID id, Actor actor) {
        return withEtag(restore.restore(new WidgetId(id), actor));
    }

    /** The body is streamed straight to storage; it is never held in memory whole. */
    @Operation(
            operationId = "attachWidgetFile",
            summary = "Attach a file to a widget, replacing the one it had",
            description = "The body is the file, with its Content-Length and Content-Type.")
    @ApiResponse(
            responseCode = "200",
            description = "The widget, describing its new file.",
            useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "408",
            description = "The body stopped arriving for longer than the server's read timeout; nothing is attached.")
    @ApiResponse(responseCode = "411", description = "Content-Length is missing.")
    @ApiResponse(
            responseCode = "412",
            description =
                    "The widget changed while the file was uploading; nothing is attached. Read it and" + " try again.")
    @ApiResponse(
            responseCode = "413",
            description = "The file is larger than attachments may be, or the request has more query parameters"
                    + " than the server accepts.")
    @ApiResponse(responseCode = "415", description = "Content-Type is not one of the types attachments may have.")
    @ApiResponse(responseCode = "422", description = "The body ended before its Content-Length; nothing is attached.")
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
    @Operation(operationId = "downloadWidgetFile", summary = "Download a widget's file")
    @ApiResponse(
            responseCode = "302",
            description = "Found: the file is at a short-lived URL.",
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "A presigned URL of the file, valid for a few minutes.",
                        schema = @Schema(type = "string", format = "uri")),
                @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store", schema = @Schema(type = "string"))
            })
    @ApiResponse(responseCode = "404", description = "There is no such widget, or it has no file.")
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
