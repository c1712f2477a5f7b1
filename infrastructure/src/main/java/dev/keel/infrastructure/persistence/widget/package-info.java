/** The widget table through MyBatis: rows, statements, converters and the repository adapter. */
package dev.keel.infrastructure.persistence.widget;
