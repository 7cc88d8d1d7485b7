package dev.tributary.adapter.distributorfiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * The layout of a watched folder: files arrive in it, go to {@code done/} or {@code error/}; what
 * the hub writes there itself (reject reports, uploads being stored) is never read as input.
 */
final class FileFolders {

    static final String DONE = "done";
    static final String ERROR = "error";
    static final String REJECTS_SUFFIX = ".rejects.csv";
    static final String ERROR_SUFFIX = ".error.txt";
    /** Hidden files (uploads being stored start with a dot) and these names are not input. */
    static final String EXCLUDE = "(?i).*(\\.rejects\\.csv|\\.error\\.txt|\\.tmp|\\.part)";
    private static final Pattern EXCLUDED = Pattern.compile(EXCLUDE);

    private FileFolders() {
    }

    static boolean isInput(String name) {
        return !name.startsWith(".") && !EXCLUDED.matcher(name).matches();
    }

    static void create(Path folder) throws IOException {
        Files.createDirectories(folder.resolve(DONE));
        Files.createDirectories(folder.resolve(ERROR));
    }

    /** Moves {@code file} into {@code sub/} of its folder under a free name (an earlier file of that name stays). */
    static Path moveInto(Path file, String sub, long id) throws IOException {
        Path dir = file.getParent().resolve(sub);
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName());
        if (Files.exists(target)) {
            target = dir.resolve(id + "-" + file.getFileName());
        }
        moveAtomically(file, target);
        return target;
    }

    /** Writes {@code content} under {@code target} whole or not at all: a temp file, fsync, rename. */
    static void writeDurably(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            channel.force(true);
        }
        moveAtomically(temp, target);
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(to.getParent());
    }

    /** Makes a rename durable; a file system that cannot sync a directory (Windows) is left as it is. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // nothing more can be done for the rename's durability here
        }
    }
}
