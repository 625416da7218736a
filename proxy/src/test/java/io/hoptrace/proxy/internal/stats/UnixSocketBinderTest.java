package io.hoptrace.proxy.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketBinderTest {
    @TempDir
    Path dir;

    @Test
    void modesMapToPosixPermissions() {
        assertEquals("rw-------", PosixFilePermissions.toString(UnixSocketBinder.permissions(0600)));
        assertEquals("rw-rw----", PosixFilePermissions.toString(UnixSocketBinder.permissions(0660)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(UnixSocketBinder.permissions(0755)));
        assertEquals("---------", PosixFilePermissions.toString(UnixSocketBinder.permissions(0)));
    }

    @Test
    void unlinkLeavesAFileThatReplacedOurs() throws Exception {
        Path path = dir.resolve("s");
        Files.writeString(path, "ours");
        Object ours = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        Path newer = Files.writeString(dir.resolve("newer"), "another process's"); // exists alongside: a new inode
        Files.move(newer, path, StandardCopyOption.ATOMIC_MOVE);
        new UnixSocketBinder.Bound(null, path, ours).unlink();
        assertTrue(Files.exists(path), "a newer process's socket is not removed");
        Object theirs = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        new UnixSocketBinder.Bound(null, path, theirs).unlink();
        assertTrue(Files.notExists(path));
    }
}
