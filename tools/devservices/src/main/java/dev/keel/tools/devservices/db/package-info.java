/** The development server and one database per git branch, on embedded, compose or your own PostgreSQL. */
@NullMarked
package dev.keel.tools.devservices.db;

import org.jspecify.annotations.NullMarked;
