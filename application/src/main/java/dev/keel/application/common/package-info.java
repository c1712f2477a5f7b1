/** What every use case shares: the transaction boundary. */
package dev.keel.application.common;
