/** The make run launcher: services, the application jar, health, and a clean stop on Ctrl-C. */
@NullMarked
package dev.keel.tools.devservices.run;

import org.jspecify.annotations.NullMarked;
