package dev.awb.runtime.experiment;

import dev.awb.api.ParamSpec;
import dev.awb.api.ParamType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 content hashes of the data files a trial reads: every {@link ParamType#PATH} parameter of its
 * nodes.
 *
 * <p>They are part of a trial's resolved configuration, and so of its id: changing a byte of a data file makes
 * new trials instead of silently reusing results trained on the old content (issue 13). A directory hashes as
 * the sorted list of its regular files' relative paths and content hashes; a path that does not exist is
 * recorded as {@code absent} (the dataset plugin reports it when the trial runs). Hashes are cached per path,
 * size and modification time for the life of this object, so a sweep of many points reads each file once.
 */
final class DataFingerprints {
    /** The value recorded for a path that does not exist. */
    static final String ABSENT = "absent";

    private record Key(Path path, long size, long modified) {
    }

    private final Map<Key, String> cache = new HashMap<>();

    /** A data file named by parameter {@code param} of node {@code node} exists but cannot be read. */
    static final class Unreadable extends RuntimeException {
        private final String node;
        private final String param;

        Unreadable(String node, String param, String message, Throwable cause) {
            super(message, cause);
            this.node = node;
            this.param = param;
        }

        String node() {
            return node;
        }

        String param() {
            return param;
        }
    }

    /**
     * For each non-empty path parameter of {@code nodes}: {@code NODE.PARAM} → {@code sha256:HEX} (or
     * {@link #ABSENT}), sorted by key; empty when the nodes read no files.
     *
     * @throws Unreadable naming the node and parameter whose file exists but cannot be read
     */
    Map<String, String> of(List<ResolvedNode> nodes) {
        Map<String, String> hashes = new TreeMap<>();
        for (ResolvedNode node : nodes) {
            for (ParamSpec spec : node.plugin().params()) {
                if (spec.type() != ParamType.PATH) {
                    continue;
                }
                Object value = node.params().asMap().get(spec.name());
                if (value != null && !value.toString().isEmpty()) {
                    try {
                        hashes.put(node.node() + "." + spec.name(), hash(Path.of(value.toString())));
                    } catch (UncheckedIOException e) {
                        throw new Unreadable(node.node(), spec.name(), e.getMessage(), e);
                    }
                }
            }
        }
        return hashes;
    }

    /** The content hash of a file or directory, {@code sha256:HEX}, or {@link #ABSENT}. */
    String hash(Path path) {
        try {
            if (!Files.exists(path)) {
                return ABSENT;
            }
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Key key = new Key(path.toAbsolutePath().normalize(), attributes.size(),
                    attributes.lastModifiedTime().toMillis());
            if (attributes.isDirectory()) {
                // A directory's own time does not change when a file in it is rewritten: never cached.
                return "sha256:" + directoryHash(path);
            }
            String known = cache.get(key);
            if (known == null) {
                known = "sha256:" + fileHash(path);
                cache.put(key, known);
            }
            return known;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + path + " to hash it: " + e.getMessage(), e);
        }
    }

    private String directoryHash(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                lines.add(dir.relativize(file).toString().replace('\\', '/') + " " + hash(file));
            }
        }
        MessageDigest digest = sha256();
        digest.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String fileHash(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
