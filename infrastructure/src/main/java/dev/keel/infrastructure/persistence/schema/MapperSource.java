package dev.keel.infrastructure.persistence.schema;

/** One mapper XML document and where it came from (a classpath resource, or {@code ref:path} in git). */
public record MapperSource(String location, String xml) {
}
