/** Object storage adapters. */
package dev.keel.infrastructure.storage;
