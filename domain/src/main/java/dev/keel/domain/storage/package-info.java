/** The object storage port and its value types. */
package dev.keel.domain.storage;
