package dev.keel.bootstrap.web.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keel.application.widget.port.in.ArchiveWidgetUseCase;
import dev.keel.application.widget.port.in.AttachFileUseCase;
import dev.keel.application.widget.port.in.CreateWidgetCommand;
import dev.keel.application.widget.port.in.CreateWidgetUseCase;
import dev.keel.application.widget.port.in.DownloadFileUseCase;
import dev.keel.application.widget.port.in.GetWidgetUseCase;
import dev.keel.application.widget.port.in.ListWidgetsUseCase;
import dev.keel.application.widget.port.in.RestoreWidgetUseCase;
import dev.keel.application.widget.port.in.UpdateWidgetCommand;
import dev.keel.application.widget.port.in.UpdateWidgetUseCase;
import dev.keel.bootstrap.config.AttachmentProperties;
import dev.keel.domain.common.Actor;
import dev.keel.domain.common.ConflictException;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetName;
import dev.keel.domain.widget.WidgetStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The web adapter alone: which command a request becomes, and the problem details each failure gets. */
@WebMvcTest(WidgetController.class)
// The controller alone: who may call it is SecurityIntegrationTest's, against a real issuer.
@AutoConfigureMockMvc(addFilters = false)
@Import(WidgetControllerTest.AttachmentSettings.class)
@TestPropertySource(
        properties = {
            "keel.attachments.max-size=16B",
            "keel.attachments.allowed-content-types=text/plain",
            "keel.attachments.download-lifetime=1m"
        })
class WidgetControllerTest {

    private static final Actor ALICE = new Actor("alice");
    private static final UUID ID = UUID.fromString("019a8f2e-5c3b-7d10-8000-000000000001");
    private static final Widget WIDGET =
            Widget.create(new WidgetId(ID), new WidgetName("Sprocket"), Instant.parse("2026-11-22T10:00:00Z"), ALICE);

    /** The slice scans no configuration properties: register the controller's own. */
    @TestConfiguration
    @EnableConfigurationProperties(AttachmentProperties.class)
    static class AttachmentSettings {}

    @Autowired
    MockMvc mvc;

    /** What the security filters leave for the controller: a verified token for alice. */
    @BeforeEach
    void signInAsAlice() {
        Jwt token = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("alice")
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @MockitoBean
    CreateWidgetUseCase create;

    @MockitoBean
    GetWidgetUseCase getWidget;

    @MockitoBean
    ListWidgetsUseCase list;

    @MockitoBean
    UpdateWidgetUseCase update;

    @MockitoBean
    ArchiveWidgetUseCase archive;

    @MockitoBean
    RestoreWidgetUseCase restore;

    @MockitoBean
    AttachFileUseCase attach;

    @MockitoBean
    DownloadFileUseCase download;

    @Test
    void aCreateRequestBecomesACreateCommand() throws Exception {
        given(create.create(any())).willReturn(WIDGET);

        mvc.perform(post("/api/widgets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Sprocket\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/widgets/" + ID))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.id").value(ID.toString()))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.createdBy").value("alice"))
                .andExpect(jsonPath("$.updatedBy").value("alice"));
        verify(create).create(CreateWidgetCommand.of("Sprocket", ALICE));
    }

    @Test
    void archiveAndRestoreNameTheTokensSubjectAsTheActor() throws Exception {
        given(restore.restore(new WidgetId(ID), ALICE)).willReturn(WIDGET);

        mvc.perform(delete("/api/widgets/" + ID)).andExpect(status().isNoContent());
        mvc.perform(post("/api/widgets/" + ID + "/restore")).andExpect(status().isOk());

        verify(archive).archive(new WidgetId(ID), ALICE);
        verify(restore).restore(new WidgetId(ID), ALICE);
    }

    @Test
    void aPatchBecomesAnUpdateCommandWithTheVersionFromIfMatch() throws Exception {
        given(update.update(any())).willReturn(WIDGET);

        mvc.perform(patch("/api/widgets/" + ID)
                        .header("If-Match", "\"3\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"status\":\"ACTIVE\"}"))
                .andExpect(status().isOk());

        ArgumentCaptor<UpdateWidgetCommand> command = ArgumentCaptor.forClass(UpdateWidgetCommand.class);
        verify(update).update(command.capture());
        assertThat(command.getValue().expectedVersion()).isEqualTo(3);
        assertThat(command.getValue().status()).contains(WidgetStatus.ACTIVE);
        assertThat(command.getValue().name()).isEmpty();
        assertThat(command.getValue().actor()).isEqualTo(ALICE);
    }

    @Test
    void aPatchWithoutIfMatchIsRefusedBeforeAnyUseCase() throws Exception {
        mvc.perform(patch("/api/widgets/" + ID)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"X\"}"))
                .andExpect(status().is(428))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/precondition-required"))
                .andExpect(jsonPath("$.title").value("Precondition required"))
                .andExpect(jsonPath("$.status").value(428))
                .andExpect(jsonPath("$.instance").value("/api/widgets/" + ID));
        verifyNoInteractions(update);
    }

    @Test
    void aStaleVersionIs412WithTheCurrentETag() throws Exception {
        given(update.update(any())).willThrow(new StaleVersionException("widget", ID, 3, 5));

        mvc.perform(patch("/api/widgets/" + ID)
                        .header("If-Match", "\"3\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"X\"}"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(header().string("ETag", "\"5\""))
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/stale-version"))
                .andExpect(jsonPath("$.detail").value(containsString("version 5")));
    }

    @Test
    void domainFailuresMapToTheirStatuses() throws Exception {
        given(getWidget.get(any())).willThrow(new NotFoundException("widget", ID));
        mvc.perform(get("/api/widgets/" + ID))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/not-found"))
                .andExpect(jsonPath("$.detail").value("widget " + ID + " was not found"));

        given(create.create(any())).willThrow(new ConflictException("a live widget is already named 'Sprocket'"));
        mvc.perform(post("/api/widgets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Sprocket\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Conflict"));
    }

    @Test
    void domainRuleViolationsAre422WithTheField() throws Exception {
        mvc.perform(post("/api/widgets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" padded\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/rule-violation"))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("must not start or end with blanks"));
    }

    @Test
    void malformedAndInvalidBodiesAre400WithTheirFields() throws Exception {
        mvc.perform(post("/api/widgets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"A\",\"size\":3}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(post("/api/widgets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":null}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/api/widgets").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(create);
    }

    @Test
    void attachmentsOverTheLimitAre413AndOfOtherTypes415() throws Exception {
        mvc.perform(put("/api/widgets/" + ID + "/attachment")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x".repeat(17)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/payload-too-large"));
        mvc.perform(put("/api/widgets/" + ID + "/attachment")
                        .contentType(MediaType.IMAGE_GIF)
                        .content("GIF89a"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value("Attachments may be of these types: text/plain."));
        verifyNoInteractions(attach);
    }

    @Test
    void anAllowedTypeWithACharsetIsAcceptedAndStreamedToTheUseCase() throws Exception {
        given(attach.attach(any())).willReturn(WIDGET);

        mvc.perform(put("/api/widgets/" + ID + "/attachment")
                        .contentType("text/plain;charset=UTF-8")
                        .content("hello"))
                .andExpect(status().isOk());

        ArgumentCaptor<dev.keel.application.widget.port.in.AttachFileCommand> command =
                ArgumentCaptor.forClass(dev.keel.application.widget.port.in.AttachFileCommand.class);
        verify(attach).attach(command.capture());
        assertThat(command.getValue().contentType()).isEqualTo("text/plain");
        assertThat(command.getValue().size()).isEqualTo(5);
        assertThat(command.getValue().actor()).isEqualTo(ALICE);
    }

    @Test
    void anIfMatchThisApiNeverHandedOutIs412NotA500() throws Exception {
        mvc.perform(patch("/api/widgets/" + ID)
                        .header("If-Match", "\"99999999999999999999\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"X\"}"))
                .andExpect(status().isPreconditionFailed());
        verifyNoInteractions(update);
    }

    @Test
    void unexpectedFailuresSayNothingOfTheirInsides() throws Exception {
        given(getWidget.get(any())).willThrow(new IllegalStateException("secret table widget_internal is broken"));

        mvc.perform(get("/api/widgets/" + ID))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/internal"))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    @Test
    void frameworkErrorsGetTheSameStableTypes() throws Exception {
        mvc.perform(put("/api/widgets/" + ID)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("https://keel.dev/problems/method-not-allowed"))
                .andExpect(jsonPath("$.title").value("Method not allowed"));
    }
}
