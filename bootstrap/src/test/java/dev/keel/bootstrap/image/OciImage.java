package dev.keel.bootstrap.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image as jib:buildTar writes it (an OCI image layout in a tar: index.json, the manifest, the config and the
 * gzipped layers as blobs), opened into a directory: its config, the entries of its layers, and its file system.
 */
final class OciImage {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One file, directory or link of a layer, as the tar records it. */
    record Entry(String path, boolean directory, boolean link, int mode, long uid, long gid) {}

    private final JsonNode config;
    private final List<Path> layers;

    private OciImage(JsonNode config, List<Path> layers) {
        this.config = config;
        this.layers = layers;
    }

    /** Unpacks the image tarball's blobs into {@code directory} and reads its index, manifest and config. */
    static OciImage open(Path tarball, Path directory) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = inside(directory, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        JsonNode index = JSON.readTree(directory.resolve("index.json").toFile());
        JsonNode manifest = blob(directory, index.path("manifests").path(0).path("digest"));
        JsonNode config = blob(directory, manifest.path("config").path("digest"));
        List<Path> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            layers.add(blobPath(directory, layer.path("digest")));
        }
        return new OciImage(config, layers);
    }

    private static JsonNode blob(Path directory, JsonNode digest) {
        return JSON.readTree(blobPath(directory, digest).toFile());
    }

    private static Path blobPath(Path directory, JsonNode digest) {
        String[] parts = digest.asString().split(":", 2);
        return directory.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    /** The config's {@code config} object: Entrypoint, Cmd, Env, WorkingDir, User. */
    JsonNode runConfig() {
        return config.path("config");
    }

    String architecture() {
        return config.path("architecture").asString();
    }

    List<String> entrypoint() {
        return strings(runConfig().path("Entrypoint"));
    }

    List<String> cmd() {
        return strings(runConfig().path("Cmd"));
    }

    /** Env as NAME=value lines. */
    List<String> env() {
        return strings(runConfig().path("Env"));
    }

    String workingDir() {
        String dir = runConfig().path("WorkingDir").asString("");
        return dir.isEmpty() ? "/" : dir;
    }

    String user() {
        return runConfig().path("User").asString("");
    }

    int layerCount() {
        return layers.size();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /** Every entry of every layer, in order. */
    List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        forEachLayerEntry((entry, tar) -> entries.add(entryOf(entry)));
        return entries;
    }

    /**
     * Every path the image holds, and inside each jar each entry as {@code <jar>!/<entry>}: what the check for
     * development-only jars reads.
     */
    List<String> pathsAndJarEntries() throws IOException {
        List<String> paths = new ArrayList<>();
        forEachLayerEntry((entry, tar) -> {
            String path = normalised(entry.getName());
            paths.add(path);
            if (entry.isFile() && path.endsWith(".jar")) {
                ZipInputStream jar = new ZipInputStream(tar); // not closed: that would close the layer
                for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                    paths.add(path + "!/" + inner.getName());
                }
            }
        });
        return paths;
    }

    /**
     * The layers applied in order onto {@code root}, as a container engine does: whiteouts delete, modes and times
     * are kept, owners too when this JVM may set them (as root).
     */
    void unpack(Path root, boolean keepOwners) throws IOException {
        Files.createDirectories(root);
        forEachLayerEntry((entry, tar) -> {
            String path = normalised(entry.getName());
            if (path.isEmpty()) {
                return;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            Path target = inside(root, path);
            if (name.equals(".wh..wh..opq")) {
                try (var children = Files.list(target.getParent())) {
                    for (Path child : children.toList()) {
                        FileSystemUtils.deleteRecursively(child);
                    }
                }
                return;
            }
            if (name.startsWith(".wh.")) {
                FileSystemUtils.deleteRecursively(target.resolveSibling(name.substring(4)));
                return;
            }
            Files.createDirectories(target.getParent());
            if (!target.getParent().toRealPath().startsWith(root.toRealPath())) {
                throw new IOException("Entry through a link out of the image root: " + path);
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
                    Files.delete(target);
                }
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(target, inside(root, normalised(entry.getLinkName())));
                } else {
                    Files.copy(tar, target);
                }
            }
            if (!entry.isSymbolicLink()) {
                Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                // The JVM checks the jars' times against its AOT cache, as a container engine keeps them.
                Files.setLastModifiedTime(
                        target, FileTime.from(entry.getModTime().toInstant()));
            }
            if (keepOwners) {
                Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
            }
        });
    }

    @FunctionalInterface
    private interface LayerEntryVisitor {
        void visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    private void forEachLayerEntry(LayerEntryVisitor visitor) throws IOException {
        for (Path layer : layers) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer)), 1 << 16))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    visitor.visit(entry, tar);
                }
            }
        }
    }

    private static Entry entryOf(TarArchiveEntry entry) {
        return new Entry(
                normalised(entry.getName()),
                entry.isDirectory(),
                entry.isSymbolicLink() || entry.isLink(),
                entry.getMode(),
                entry.getLongUserId(),
                entry.getLongGroupId());
    }

    /** "./app/libs/" and "app/libs" alike: "app/libs". */
    static String normalised(String name) {
        String path = name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1) : name;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code name} under {@code root}, refusing a name that climbs out of it. */
    private static Path inside(Path root, String name) throws IOException {
        Path target = root.resolve(normalised(name)).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("Entry outside the image root: " + name);
        }
        return target;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }

    /** The env lines as a map, for a process. */
    Map<String, String> envMap() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : env()) {
            int equals = line.indexOf('=');
            env.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return env;
    }
}
