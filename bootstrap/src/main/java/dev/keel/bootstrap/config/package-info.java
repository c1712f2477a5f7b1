/** Wiring: the application ring's plain services made beans, and typed settings. */
@NullMarked
package dev.keel.bootstrap.config;

import org.jspecify.annotations.NullMarked;
