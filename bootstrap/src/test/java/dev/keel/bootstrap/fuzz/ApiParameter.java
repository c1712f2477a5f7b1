package dev.keel.bootstrap.fuzz;

import tools.jackson.databind.JsonNode;

/** One parameter of an operation as the OpenAPI document declares it; {@code in} is path, query or header. */
record ApiParameter(String name, String in, boolean required, JsonNode schema) {}
