/** The services behind the widget use cases: plain classes, made beans by bootstrap. */
package dev.keel.application.widget.service;
