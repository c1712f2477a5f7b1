package dev.keel.tools.devservices.run;

/** The program ClassCacheTest trains and starts from an AOT cache: a JVM that ran it answers with its greeting. */
public final class TrainingMain {

    static final String GREETING = "trained and started";

    private TrainingMain() {}

    /**
     * With {@code -Dtraining.sleep=true}, a training that never ends by itself, for the test that stops one; with
     * {@code -Dtraining.fail=true}, a start that fails.
     */
    public static void main(String[] args) throws InterruptedException {
        if (Boolean.getBoolean("training.sleep")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (Boolean.getBoolean("training.fail")) {
            System.exit(3);
        }
        System.out.println(GREETING);
    }
}
