/** The widget REST API: requests, responses and the controller calling the use cases. */
@NullMarked
package dev.keel.bootstrap.web.widget;

import org.jspecify.annotations.NullMarked;
