package org.jdamon.record.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import org.jdamon.record.Recording;
import org.jdamon.record.RecordSource;
import org.jdamon.record.damo.DamoFileType;

/**
 * Writes a recording as one of damo's record files, as {@code damo adjust} writes them:
 * {@code json_compressed} (damo's default: the JSON text zlib-compressed) or {@code json}, with damo's
 * octal {@code --output_permission} (600 by default).
 */
public final class DamoRecordFiles {
    private DamoRecordFiles() {}

    /** The damo file types jdamon writes. */
    public enum Type {
        JSON_COMPRESSED, JSON;

        public static Type parse(String name) {
            for (Type t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unsupported --output_type '" + name
                    + "' (expected json_compressed or json)");
        }
    }

    /** damo's {@code parse_file_permission_str}: an octal number in [0, 777]. */
    public static Set<PosixFilePermission> permission(String octal) {
        int mode;
        try {
            mode = Integer.parseInt(octal, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--output_permission: not an octal number: '" + octal + "'");
        }
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("--output_permission: out of the range 000-777: '" + octal + "'");
        }
        StringBuilder rwx = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            rwx.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(rwx.toString());
    }

    public static void write(Recording r, Path path, Type type, Set<PosixFilePermission> permission)
            throws IOException {
        DamoFileType.of(type.name().toLowerCase(Locale.ROOT)).write(RecordSource.of(r), path);
        if (permission != null) {
            try {
                Files.setPosixFilePermissions(path, permission);
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions keeps its default
            }
        }
    }
}
