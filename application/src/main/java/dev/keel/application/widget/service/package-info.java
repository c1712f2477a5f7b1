/** The services behind the widget use cases: plain classes, made beans by bootstrap. */
@NullMarked
package dev.keel.application.widget.service;

import org.jspecify.annotations.NullMarked;
