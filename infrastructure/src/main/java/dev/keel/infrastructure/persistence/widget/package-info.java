/** The widget table through MyBatis: rows, statements, converters and the repository adapter. */
@NullMarked
package dev.keel.infrastructure.persistence.widget;

import org.jspecify.annotations.NullMarked;
