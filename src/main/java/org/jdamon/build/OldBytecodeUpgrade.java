package org.jdamon.build;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the Java 5 (class-file version 49) classes of a jar as version 50 with stack maps, the same
 * code otherwise; run by the build on the shaded jar.
 *
 * <p>Why: the JDK's AOT cache (JEP 483) skips every class older than version 50 ("Old class has been
 * linked"), and the classes that link against them. picocli ships as version 49, so without this its
 * classes (228 in the jar, about 180 loaded by a report) are read from the jar and checked by the old
 * type-inferring verifier on every start. Version 50 is the first with the stack maps the AOT cache needs;
 * nothing else differs between 49 and 50. A class the stack map generator cannot handle (code with the
 * {@code jsr}/{@code ret} subroutines that javac stopped emitting) is left as it was and named.
 */
public final class OldBytecodeUpgrade {
    /** The first class-file version whose classes the AOT cache stores. */
    public static final int TARGET_MAJOR = ClassFile.JAVA_6_VERSION;

    /** What one jar's rewrite did. */
    public record Result(int upgraded, List<String> leftAsTheyWere) {}

    private OldBytecodeUpgrade() {}

    /** Usage: {@code OldBytecodeUpgrade JAR...}; each jar is rewritten in place. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: OldBytecodeUpgrade JAR...");
        }
        for (String arg : args) {
            Path jar = Path.of(arg);
            Result r = upgradeInPlace(jar);
            System.out.printf("%s: %d classes raised to class-file version %d%n", jar, r.upgraded(), TARGET_MAJOR);
            for (String name : r.leftAsTheyWere()) {
                System.out.printf("%s: %s left at its old version (stack maps cannot be made for it)%n", jar, name);
            }
        }
    }

    /** Rewrites {@code jar} through a temporary file beside it, keeping entry order, names and times. */
    public static Result upgradeInPlace(Path jar) throws IOException {
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        try {
            Result r;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                r = upgrade(jar, out);
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return r;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code jar} to {@code out} with its old classes raised to {@link #TARGET_MAJOR}. */
    public static Result upgrade(Path jar, OutputStream out) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Map<String, byte[]> classes = new HashMap<>();
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                entries.add(entry);
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
            ClassFile classFile = classFileOver(classes);
            int upgraded = 0;
            List<String> left = new ArrayList<>();
            try (ZipOutputStream zout = new ZipOutputStream(out)) {
                for (ZipEntry entry : entries) {
                    byte[] bytes = classes.get(entry.getName());
                    if (bytes == null) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            bytes = in.readAllBytes();
                        }
                    } else if (majorVersion(bytes) < TARGET_MAJOR) {
                        byte[] raised = raise(classFile, bytes);
                        if (raised == null) {
                            left.add(entry.getName());
                        } else {
                            bytes = raised;
                            upgraded++;
                        }
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    if (entry.getComment() != null) {
                        copy.setComment(entry.getComment());
                    }
                    zout.putNextEntry(copy);
                    zout.write(bytes);
                    zout.closeEntry();
                }
            }
            return new Result(upgraded, List.copyOf(left));
        }
    }

    /** The class-file major version of {@code bytes}: big-endian u2 at offset 6. */
    public static int majorVersion(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("not a class file: " + bytes.length + " bytes");
        }
        return ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    }

    /**
     * The same class at {@link #TARGET_MAJOR}, its method bodies re-emitted so that stack maps are
     * generated; null when they cannot be.
     */
    static byte[] raise(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        ClassTransform version = (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(TARGET_MAJOR, 0);
            } else {
                builder.with(element);
            }
        };
        // A pass-through code transform of our own, not CodeTransform.ACCEPT_ALL: the library copies
        // bodies under ACCEPT_ALL as they are, without making stack maps.
        ClassTransform rebuildBodies = ClassTransform.transformingMethodBodies((code, element) -> code.with(element));
        try {
            return classFile.transformClass(model, version.andThen(rebuildBodies));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    /** Stack maps need the superclass chain of every type they merge: found in the jar, then in the JDK. */
    private static ClassFile classFileOver(Map<String, byte[]> classes) {
        ClassHierarchyResolver inJar = ClassHierarchyResolver.ofResourceParsing((ClassDesc desc) -> {
            String d = desc.descriptorString();
            byte[] b = classes.get(d.substring(1, d.length() - 1) + ".class");
            return b == null ? null : new ByteArrayInputStream(b);
        });
        return ClassFile.of(
                ClassFile.ClassHierarchyResolverOption.of(inJar.orElse(ClassHierarchyResolver.defaultResolver())),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
    }
}
