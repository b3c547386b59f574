package org.jdamon.cli;

import picocli.CommandLine.IVersionProvider;

/** The tool version, from the jar manifest when packaged. */
public final class Version implements IVersionProvider {
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"jdamon " + get()};
    }
}
