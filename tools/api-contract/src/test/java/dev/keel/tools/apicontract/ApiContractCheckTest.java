package dev.keel.tools.apicontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make check-api on real git repositories: a release tagged with a document, then changed. */
class ApiContractCheckTest {

    /** Release 1: list and create things; a thing has an id, a name and a status. */
    private static final String RELEASE_1 = """
            {
              "openapi": "3.0.1",
              "info": {"title": "Things API", "version": "1"},
              "paths": {
                "/api/things": {
                  "get": {
                    "operationId": "listThings",
                    "parameters": [
                      {"name": "status", "in": "query", "required": false,
                       "schema": {"type": "string", "enum": ["NEW", "OLD"]}},
                      {"name": "limit", "in": "query", "required": false,
                       "schema": {"type": "integer", "format": "int32"}}
                    ],
                    "responses": {
                      "200": {"description": "OK", "content": {"application/json": {"schema": {
                        "type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}},
                      "400": {"description": "Malformed"}
                    }
                  },
                  "post": {
                    "operationId": "createThing",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {
                      "$ref": "#/components/schemas/NewThing"}}}},
                    "responses": {
                      "201": {"description": "Created", "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/Thing"}}}},
                      "409": {"description": "Taken"}
                    }
                  }
                },
                "/api/things/{id}": {
                  "delete": {
                    "operationId": "archiveThing",
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"204": {"description": "Archived"}}
                  }
                }
              },
              "components": {"schemas": {
                "NewThing": {"type": "object", "required": ["name"], "properties": {
                  "name": {"type": "string"},
                  "status": {"type": "string", "enum": ["NEW", "OLD"]}}},
                "Thing": {"type": "object", "required": ["id", "name", "status"], "properties": {
                  "id": {"type": "string", "format": "uuid"},
                  "name": {"type": "string"},
                  "status": {"type": "string", "enum": ["NEW", "OLD"]}}}
              }}
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repository;

    private Path document;
    private Path acceptedBreaks;

    @BeforeEach
    void aRepository() throws Exception {
        git("init", "-q", "-b", "main");
        document = repository.resolve("docs/openapi.json");
        acceptedBreaks = repository.resolve("docs/api-breaks.md");
        Files.createDirectories(document.getParent());
    }

    @Test
    void withNoReleaseTagNothingCanBreakAndItSaysSo() throws Exception {
        commit(RELEASE_1, "first");

        Result result = check();

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("no release to compare with", "no tag matching v*");
    }

    @Test
    void aReleaseWithoutADocumentHasNothingToCompare() throws Exception {
        Files.writeString(repository.resolve("README.md"), "before the contract\n");
        git("add", "-A");
        git("commit", "-qm", "no document yet");
        git("tag", "v0.9.0");
        commit(RELEASE_1, "the contract");

        Result result = check();

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("v0.9.0 has no docs/openapi.json");
    }

    @Test
    void addingOperationsOptionalInputsAndResponseFieldsIsCompatible() throws Exception {
        release(RELEASE_1, "v1.0.0");
        ObjectNode compatible = parse(RELEASE_1);
        ((ArrayNode) compatible.at("/paths/~1api~1things~1{id}/delete/parameters"))
                .add(JSON.readTree("{\"name\": \"reason\", \"in\": \"query\", \"schema\": {\"type\": \"string\"}}"));
        ((ObjectNode) compatible.at("/components/schemas/Thing/properties"))
                .set("size", JSON.readTree("{\"type\": \"integer\"}"));
        ((ObjectNode) compatible.at("/paths")).set("/api/things/{id}/restore", JSON.readTree("""
                                {"post": {"operationId": "restoreThing",
                                  "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                                  "responses": {"200": {"description": "OK"}}}}
                                """));
        commit(compatible.toString(), "compatible");

        Result result = check();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("docs/openapi.json against v1.0.0: no breaking change");
    }

    @Test
    void eachBreakingChangeIsNamedAndFailsTheCheck() throws Exception {
        release(RELEASE_1, "v1.0.0");
        commit(breakingEverything(), "breaking");

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains(
                        "docs/openapi.json against v1.0.0: 7 breaking changes",
                        "BREAKING  DELETE /api/things/{id}: operation removed",
                        "BREAKING  POST /api/things: response 201: application/json: field name removed",
                        "BREAKING  GET /api/things: response 200: application/json: field [].name removed",
                        "BREAKING  GET /api/things: new required query parameter owner",
                        "BREAKING  GET /api/things: query parameter limit: type changed from integer (int32) to"
                                + " string",
                        "BREAKING  POST /api/things: response 409 removed",
                        "BREAKING  POST /api/things: request body: application/json: field status: enum values no"
                                + " longer accepted: OLD",
                        "check-api: FAILED: 7 changes would break clients built against v1.0.0",
                        "docs/api-breaks.md");
    }

    @Test
    void aBreakListedWithAReasonIsAcceptedAndOneWithoutIsNot() throws Exception {
        release(RELEASE_1, "v1.0.0");
        commit(
                RELEASE_1.replace("\"409\": {\"description\": \"Taken\"}", "\"422\": {\"description\": \"Bad\"}"),
                "409 becomes 422");
        Files.writeString(acceptedBreaks, """
                # Accepted API breaks

                - `POST /api/things: response 409 removed`
                """);

        Result withoutReason = check();

        assertThat(withoutReason.exitCode()).isEqualTo(1);
        assertThat(withoutReason.output())
                .contains("BREAKING  POST /api/things: response 409 removed  (api-breaks.md:3 lists it without a"
                        + " reason, so it is not accepted)");

        Files.writeString(acceptedBreaks, """
                # Accepted API breaks

                - `POST /api/things: response 409 removed`: a taken name is a rule violation now; clients handle 422
                - `DELETE /api/things/{id}: operation removed`: kept by mistake
                """);

        Result withReason = check();

        assertThat(withReason.exitCode()).as(withReason.output()).isZero();
        assertThat(withReason.output())
                .contains(
                        "accepted  POST /api/things: response 409 removed  (api-breaks.md:3: a taken name is a rule"
                                + " violation now; clients handle 422)",
                        "note: api-breaks.md:4 accepts `DELETE /api/things/{id}: operation removed`, which is not a"
                                + " break against v1.0.0: remove it");
    }

    @Test
    void aTagOnHeadIsThisReleaseSoTheOneBeforeItIsCompared() throws Exception {
        release(RELEASE_1, "v1.0.0");
        commit(
                RELEASE_1.replace("\"409\": {\"description\": \"Taken\"}", "\"422\": {\"description\": \"Bad\"}"),
                "409 becomes 422");
        git("tag", "v2.0.0");

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("against v1.0.0: 1 breaking change", "BREAKING  POST /api/things: response 409 removed");
    }

    @Test
    void aMissingDocumentCannotBeChecked() throws Exception {
        Result result = check();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("make openapi");
    }

    /** Release 1 with one break of each kind. */
    private static String breakingEverything() throws IOException {
        ObjectNode document = parse(RELEASE_1);
        // a removed operation
        ((ObjectNode) document.at("/paths")).remove("/api/things/{id}");
        // a removed response field
        ((ObjectNode) document.at("/components/schemas/Thing/properties")).remove("name");
        ((ObjectNode) document.at("/components/schemas/Thing")).set("required", JSON.readTree("[\"id\", \"status\"]"));
        // a new required input and a narrowed type
        ArrayNode parameters = (ArrayNode) document.at("/paths/~1api~1things/get/parameters");
        ((ObjectNode) parameters.get(1)).set("schema", JSON.readTree("{\"type\": \"string\"}"));
        parameters.add(JSON.readTree(
                "{\"name\": \"owner\", \"in\": \"query\", \"required\": true, \"schema\": {\"type\": \"string\"}}"));
        // a removed status
        ((ObjectNode) document.at("/paths/~1api~1things/post/responses")).remove("409");
        // a removed enum value on input
        ((ObjectNode) document.at("/components/schemas/NewThing/properties/status"))
                .set("enum", JSON.readTree("[\"NEW\"]"));
        return document.toString();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(String openApi, String tag) throws Exception {
        commit(openApi, "release " + tag);
        git("tag", tag);
    }

    private void commit(String openApi, String message) throws Exception {
        Files.writeString(document, openApi);
        git("add", "-A");
        git("commit", "-qm", message);
    }

    private Result check() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exitCode = ApiContractCheck.run(repository, document, acceptedBreaks, "v*", out);
        return new Result(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {}

    private void git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("git", "-C", repository.toString(), "-c", "user.name=test", "-c", "user.email=test@localhost"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as("git %s: %s", String.join(" ", arguments), output)
                .isZero();
    }
}
