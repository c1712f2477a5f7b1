/** A PostgreSQL lexer and a model of what each migration statement does, as Flyway splits and runs a file. */
@NullMarked
package dev.keel.tools.sql;

import org.jspecify.annotations.NullMarked;
