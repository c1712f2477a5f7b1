package dev.keel.bootstrap.fuzz;

/** One request header, sent as written: its value may be anything, including bytes no client would send. */
record Header(String name, String value) {}
