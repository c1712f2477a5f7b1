package dev.keel.tools.devservices.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCacheTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path directory;

    @Test
    void aJdkBefore25GetsAClassDataArchiveTheJvmWritesItself() {
        ClassCache cache = new ClassCache(directory, Runtime.Version.parse("21.0.5"), "/opt/jdk-21");

        assertThat(cache.training()).isFalse();
        assertThat(cache.jvmOptions())
                .contains("-XX:SharedArchiveFile=" + cache.cacheFile(), "-XX:+AutoCreateSharedArchive")
                .noneMatch(option -> option.startsWith("-XX:AOT"));
        assertThat(cache.cacheFile().getFileName().toString()).endsWith(".jsa");
    }

    @Test
    void everyJdkHasACacheOfItsOwn() {
        Path jdk25 = new ClassCache(directory, Runtime.Version.parse("25.0.3"), "/opt/jdk-25").cacheFile();

        assertThat(new ClassCache(directory, Runtime.Version.parse("25.0.2"), "/opt/jdk-25").cacheFile())
                .isNotEqualTo(jdk25);
        assertThat(new ClassCache(directory, Runtime.Version.parse("25.0.3"), "/usr/lib/jvm/25").cacheFile())
                .isNotEqualTo(jdk25);
        assertThat(new ClassCache(directory, Runtime.Version.parse("25.0.3"), "/opt/jdk-25").cacheFile())
                .isEqualTo(jdk25);
    }

    @Test
    void withoutACacheARunStartsPlainATrainingWritesItAndLaterRunsStartFromIt() throws IOException {
        assumeTrue(Runtime.version().feature() >= ClassCache.AOT_CACHE_SINCE, "the AOT cache needs JDK 25");
        Path jar = helloJar();
        ClassCache cache = ClassCache.forThisJdk(directory);

        assertThat(cache.training()).isTrue();
        assertThat(cache.jvmOptions()).noneMatch(option -> option.startsWith("-XX:AOT"));
        assertThat(run(cache, jar).output()).isEqualTo(TrainingMain.GREETING);
        assertThat(cache.configuration()).doesNotExist();

        assertThat(cache.train(List.of(), List.of("-jar", jar.toString()), System.getenv(), TIMEOUT))
                .isTrue();

        assertThat(cache.cacheFile()).isNotEmptyFile();
        assertThat(cache.configuration()).doesNotExist();
        assertThat(cache.trainingLog()).content().contains(TrainingMain.GREETING);
        assertThat(cache.training()).isFalse();
        assertThat(cache.jvmOptions()).contains("-XX:AOTCache=" + cache.cacheFile(), "-XX:+VerifySharedSpaces");
        Processes.Result fromCache = run(cache, jar);
        assertThat(fromCache.succeeded()).isTrue();
        assertThat(fromCache.output()).isEqualTo(TrainingMain.GREETING);
    }

    @Test
    void aStoppedTrainingLeavesNoProcessNoRecordAndNoCache() throws Exception {
        assumeTrue(Runtime.version().feature() >= ClassCache.AOT_CACHE_SINCE, "the AOT cache needs JDK 25");
        Path jar = helloJar();
        ClassCache cache = ClassCache.forThisJdk(directory);
        AtomicBoolean written = new AtomicBoolean(true);
        Thread training = Thread.ofPlatform()
                .start(() -> written.set(cache.train(
                        List.of("-Dtraining.sleep=true"), List.of("-jar", jar.toString()), System.getenv(), TIMEOUT)));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (trainingJvms(jar).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(trainingJvms(jar)).hasSize(1);

        training.interrupt();
        training.join(TIMEOUT);

        assertThat(training.isAlive()).isFalse();
        assertThat(written).isFalse();
        assertThat(trainingJvms(jar)).isEmpty();
        assertThat(cache.configuration()).doesNotExist();
        assertThat(cache.cacheFile()).doesNotExist();
        assertThat(cache.training()).isTrue();
    }

    @Test
    void aTrainingWhoseStartFailsWritesNoCache() throws IOException {
        assumeTrue(Runtime.version().feature() >= ClassCache.AOT_CACHE_SINCE, "the AOT cache needs JDK 25");
        Path jar = helloJar();
        ClassCache cache = ClassCache.forThisJdk(directory);

        assertThat(cache.train(
                        List.of("-Dtraining.fail=true"), List.of("-jar", jar.toString()), System.getenv(), TIMEOUT))
                .isFalse();

        assertThat(cache.cacheFile()).doesNotExist();
        assertThat(cache.configuration()).doesNotExist();
        assertThat(cache.training()).isTrue();
    }

    private static List<ProcessHandle> trainingJvms(Path jar) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains(jar.toString()))
                        .orElse(false))
                .toList();
    }

    @Test
    void aDamagedCacheNeverFailsAStart() throws IOException {
        assumeTrue(Runtime.version().feature() >= ClassCache.AOT_CACHE_SINCE, "the AOT cache needs JDK 25");
        Path jar = helloJar();
        ClassCache cache = ClassCache.forThisJdk(directory);
        assertThat(cache.train(List.of(), List.of("-jar", jar.toString()), System.getenv(), TIMEOUT))
                .isTrue();
        try (RandomAccessFile file = new RandomAccessFile(cache.cacheFile().toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write(new byte[4096]); // a stretch of zeros in the middle, as a torn write leaves
        }

        Processes.Result result = run(cache, jar);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo(TrainingMain.GREETING);
    }

    @Test
    void aCacheThatIsNotOneAtAllNeverFailsAStart() throws IOException {
        assumeTrue(Runtime.version().feature() >= ClassCache.AOT_CACHE_SINCE, "the AOT cache needs JDK 25");
        Path jar = helloJar();
        ClassCache cache = ClassCache.forThisJdk(directory);
        Files.writeString(cache.cacheFile(), "not an AOT cache");

        Processes.Result result = run(cache, jar);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo(TrainingMain.GREETING);
    }

    @Test
    void aCacheTheJvmStoppedOnIsDiscardedSoTheNextRunTrainsAgain() throws IOException {
        ClassCache cache = new ClassCache(directory, Runtime.Version.parse("25.0.3"), "/opt/jdk-25");
        Files.writeString(cache.cacheFile(), "a cache");
        Files.writeString(
                cache.errorLog(), "[error][aot] An error has occurred while processing the AOT cache: unrecoverable");

        assertThat(cache.discardIfBroken()).isTrue();

        assertThat(cache.cacheFile()).doesNotExist();
        assertThat(cache.training()).isTrue();
    }

    @Test
    void aStartThatFailedForItsOwnReasonsKeepsTheCache() throws IOException {
        ClassCache cache = new ClassCache(directory, Runtime.Version.parse("25.0.3"), "/opt/jdk-25");
        Files.writeString(cache.cacheFile(), "a cache");
        Files.writeString(cache.errorLog(), "");

        assertThat(cache.discardIfBroken()).isFalse();

        assertThat(cache.cacheFile()).exists();
    }

    @Test
    void aRecordThatIsDiscardedIsNotMadeACache() throws IOException {
        ClassCache cache = new ClassCache(directory, Runtime.Version.parse("25.0.3"), "/opt/jdk-25");
        Files.writeString(cache.configuration(), "a record");

        cache.discardRecord();

        assertThat(cache.configuration()).doesNotExist();
        assertThat(cache.create(List.of(), List.of("-version"), TIMEOUT)).isFalse();
        assertThat(cache.cacheFile()).doesNotExist();
    }

    private static Processes.Result run(ClassCache cache, Path jar) {
        List<String> command = new ArrayList<>(List.of(Processes.currentJava()));
        command.addAll(cache.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        return Processes.run(command, TIMEOUT);
    }

    /** A runnable jar of {@link TrainingMain}: the AOT cache takes classes from jars only. */
    private Path helloJar() throws IOException {
        Path jar = directory.resolve("hello.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TrainingMain.class.getName());
        String entry = TrainingMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream classFile = TrainingMain.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }
}
