/** RFC 9457 problem details for every error, from one advice, with stable type URIs. */
@NullMarked
package dev.keel.bootstrap.web.error;

import org.jspecify.annotations.NullMarked;
