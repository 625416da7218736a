package io.hoptrace.proxy.internal.stats;

import io.hoptrace.proxy.StatsSocketConfig;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Binds a stats socket's Unix path the safe way.
 *
 * <p>The socket is bound inside a fresh directory of mode 0700 next to the target, given its {@code mode},
 * {@code user} and {@code group} there, and only then renamed onto the target path (rename(2) is atomic and
 * replaces a stale socket file). So there is never a moment when the socket is reachable with wider
 * permissions than configured, whatever the umask. A path that a live process still listens on is refused
 * (probed with a connect), and so is a path that is not a socket; a dead socket file is replaced, as HAProxy
 * does on restart.
 */
final class UnixSocketBinder {
    /** sun_path is 108 bytes with the terminating NUL (unix(7)). */
    private static final int MAX_PATH_BYTES = 107;

    /** Binds a listening channel at {@code path}. */
    interface Binding {
        Channel bind(Path path) throws IOException;
    }

    /** A bound socket: its listening channel, its path, and the file's identity (to remove only our own). */
    record Bound(Channel channel, Path path, Object fileKey) {
        /** Removes the socket file unless another process has replaced it since. */
        void unlink() {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (Objects.equals(a.fileKey(), fileKey)) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // Already gone: nothing to remove.
            }
        }
    }

    private UnixSocketBinder() {
    }

    static Bound bind(StatsSocketConfig config, Binding binding) throws IOException {
        Path target = config.unixPath().toAbsolutePath().normalize();
        Path dir = target.getParent();
        refuseLiveOrForeign(target);
        Path privateDir = Files.createTempDirectory(dir, ".ht",
                PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
        Path staging = privateDir.resolve("s");
        Channel channel = null;
        try {
            if (staging.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
                throw new IOException("stats socket " + target + ": path too long for a Unix socket (the staging"
                        + " path " + staging + " is over " + MAX_PATH_BYTES + " bytes); use a shorter directory");
            }
            channel = binding.bind(staging);
            if (config.mode() >= 0) {
                Files.setPosixFilePermissions(staging, permissions(config.mode()));
            }
            UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
            if (config.user() != null) {
                Files.setOwner(staging, users.lookupPrincipalByName(config.user()));
            }
            if (config.group() != null) {
                Files.getFileAttributeView(staging, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setGroup(users.lookupPrincipalByGroupName(config.group()));
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            return new Bound(channel, target, key);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(staging);
            throw e;
        } finally {
            Files.deleteIfExists(privateDir);
        }
    }

    private static void refuseLiveOrForeign(Path target) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!a.isOther()) {
            throw new IOException("stats socket " + target + ": exists and is not a socket; refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(target));
        } catch (ConnectException e) {
            return; // nobody listens: a stale socket file, replaced by the rename
        }
        throw new IOException("stats socket " + target + ": another process is listening on it; refusing to take"
                + " it over");
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
