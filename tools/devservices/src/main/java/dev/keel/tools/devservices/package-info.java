/** What the development services share: endpoints, ports, directories, child processes and Docker Compose. */
@NullMarked
package dev.keel.tools.devservices;

import org.jspecify.annotations.NullMarked;
