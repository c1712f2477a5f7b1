package dev.keel.tools.scaffold;

/** Input the generator refuses, or a tree it cannot write into: the message says what and how to fix it. */
public final class ScaffoldException extends RuntimeException {

    public ScaffoldException(String message) {
        super(message);
    }
}
