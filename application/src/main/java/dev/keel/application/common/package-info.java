/** What every use case shares: the transaction boundary. */
@NullMarked
package dev.keel.application.common;

import org.jspecify.annotations.NullMarked;
