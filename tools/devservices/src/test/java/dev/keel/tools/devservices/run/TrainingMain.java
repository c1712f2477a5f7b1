package dev.keel.tools.devservices.run;

/** The program ClassCacheTest trains and starts from an AOT cache: a JVM that ran it answers with its greeting. */
public final class TrainingMain {

    static final String GREETING = "trained and started";

    private TrainingMain() {}

    public static void main(String[] args) {
        System.out.println(GREETING);
    }
}
