package org.jdamon.build;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_String;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raising Java 5 classes in a jar: made with the ClassFile API at version 49, run after the rewrite. */
class OldBytecodeUpgradeTest {
    private static final ClassDesc OLD = ClassDesc.of("demo.Old");
    private static final ClassDesc MODERN = ClassDesc.of("demo.Modern");
    private static final long TIME = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void raisesVersion49ClassesWithStackMapsAndTheyStillRun() throws Exception {
        Path jar = jar();
        byte[] modernBefore = entry(jar, "demo/Modern.class");

        OldBytecodeUpgrade.Result result = OldBytecodeUpgrade.upgradeInPlace(jar);

        assertThat(result.upgraded()).isEqualTo(1);
        assertThat(result.leftAsTheyWere()).isEmpty();
        byte[] old = entry(jar, "demo/Old.class");
        assertThat(OldBytecodeUpgrade.majorVersion(old)).isEqualTo(50);
        ClassModel model = ClassFile.of().parse(old);
        MethodModel max = model.methods().stream().filter(m -> m.methodName().equalsString("max")).findFirst().orElseThrow();
        assertThat(max.code().orElseThrow().findAttribute(Attributes.stackMapTable()))
                .as("a branch needs a stack map frame at version 50").isPresent();
        assertThat(entry(jar, "demo/Modern.class")).as("a version-61 class is copied as it was").isEqualTo(modernBefore);
        assertThat(new String(entry(jar, "notes.txt"), StandardCharsets.UTF_8)).isEqualTo("kept\n");
        assertThat(names(jar)).containsExactly(JarFile.MANIFEST_NAME, "demo/Old.class", "notes.txt", "demo/Modern.class");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("notes.txt").getTime()).isEqualTo(TIME);
        }

        Class<?> loaded = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals("demo.Old")) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, old, 0, old.length);
            }
        }.loadClass("demo.Old");
        Method m = loaded.getMethod("max", int.class, int.class);
        assertThat(m.invoke(null, 3, 7)).isEqualTo(7);
        assertThat(m.invoke(null, 9, -2)).isEqualTo(9);
        assertThat(loaded.getMethod("label", Object.class).invoke(null, (Object) null)).isEqualTo("none");
        assertThat(loaded.getMethod("label", Object.class).invoke(null, 12)).isEqualTo("12");
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Path jar = jar();
        OldBytecodeUpgrade.upgradeInPlace(jar);
        byte[] once = entry(jar, "demo/Old.class");
        OldBytecodeUpgrade.Result again = OldBytecodeUpgrade.upgradeInPlace(jar);
        assertThat(again.upgraded()).isZero();
        assertThat(entry(jar, "demo/Old.class")).isEqualTo(once);
    }

    @Test
    void aClassWithSubroutinesIsLeftAsItWasAndNamed() throws Exception {
        Path jar = dir.resolve("jsr.jar");
        byte[] withJsr = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(ClassDesc.of("demo.Jsr"), cb -> cb
                .withVersion(49, 0)
                .withMethodBody("run", MethodTypeDesc.of(CD_int), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var sub = code.newLabel();
                    code.with(DiscontinuedInstruction.JsrInstruction.of(sub)).iconst_1().ireturn()
                            .labelBinding(sub).astore(0).with(DiscontinuedInstruction.RetInstruction.of(0));
                }));
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "demo/Jsr.class", withJsr);
        }
        OldBytecodeUpgrade.Result result = OldBytecodeUpgrade.upgradeInPlace(jar);
        assertThat(result.upgraded()).isZero();
        assertThat(result.leftAsTheyWere()).containsExactly("demo/Jsr.class");
        assertThat(entry(jar, "demo/Jsr.class")).isEqualTo(withJsr);
    }

    @Test
    void majorVersionReadsBytesSixAndSeven() {
        byte[] header = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 49};
        assertThat(OldBytecodeUpgrade.majorVersion(header)).isEqualTo(49);
        header[6] = 1;
        assertThat(OldBytecodeUpgrade.majorVersion(header)).isEqualTo(256 + 49);
    }

    /** A jar with a manifest, a version-49 class with a branch and a null check, a resource, a version-61 class. */
    private Path jar() throws IOException {
        Path jar = dir.resolve("lib.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, JarFile.MANIFEST_NAME, "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "demo/Old.class", oldClass());
            put(zip, "notes.txt", "kept\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "demo/Modern.class", ClassFile.of().build(MODERN, cb -> cb.withVersion(61, 0)));
        }
        return jar;
    }

    private static byte[] oldClass() {
        // Version 49 code has no stack maps; the builder must not make them, or the class would not be "old".
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(OLD, cb -> cb
                .withVersion(49, 0)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withMethodBody("max", MethodTypeDesc.of(CD_int, CD_int, CD_int),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                            var second = code.newLabel();
                            code.iload(0).iload(1).if_icmplt(second).iload(0).ireturn()
                                    .labelBinding(second).iload(1).ireturn();
                        })
                .withMethodBody("label", MethodTypeDesc.of(CD_String, CD_Object),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                            var present = code.newLabel();
                            code.aload(0).ifnonnull(present).ldc("none").areturn()
                                    .labelBinding(present).aload(0)
                                    .invokestatic(ClassDesc.of("java.lang.String"), "valueOf",
                                            MethodTypeDesc.of(CD_String, CD_Object))
                                    .areturn();
                        }));
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(TIME);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] entry(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static List<String> names(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
        }
        return names;
    }
}
