/** The Widget aggregate: the example every convention of Keel is shown on. */
@NullMarked
package dev.keel.domain.widget;

import org.jspecify.annotations.NullMarked;
