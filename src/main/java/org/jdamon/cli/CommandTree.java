package org.jdamon.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli command tree, either whole or only along the path the arguments name.
 *
 * <p>Why: picocli reflects over every registered command when a {@link CommandLine} is made, and its
 * classes (Java 5 bytecode) cannot be stored in the JDK's AOT cache, so building all of jdamon's
 * commands cost most of the start-up of a one-line report. A level whose next argument names one of
 * its subcommands gets only that one; a level where it does not (no argument, an option, a typo,
 * {@code help}) gets all of them, so usage listings and "did you mean" suggestions stay complete.
 */
final class CommandTree {
    private CommandTree() {}

    /** Commands whose subcommands are registered here instead of in their annotation. */
    private static final Map<Class<?>, List<Class<?>>> CHILDREN =
            Map.of(Main.class, Main.SUBCOMMANDS, ReportCommand.class, ReportCommand.TYPES);

    static CommandLine full() {
        return build(Main.class, new String[0], -1);
    }

    static CommandLine along(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return new CommandLine(create(Main.class));
        }
        return build(Main.class, args, 0);
    }

    /** {@code from} is where to look for the next subcommand name in {@code args}; -1 means add all. */
    private static CommandLine build(Class<?> command, String[] args, int from) {
        CommandLine cl = new CommandLine(create(command));
        List<Class<?>> children = CHILDREN.get(command);
        if (children == null) {
            return cl;
        }
        int at = from < 0 ? -1 : nextWord(args, from);
        Class<?> named = at < 0 ? null : named(children, args[at]);
        for (Class<?> child : children) {
            if (named == null || child == named) {
                cl.addSubcommand(build(child, args, named == null ? -1 : at + 1));
            }
        }
        return cl;
    }

    private static int nextWord(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /** The subcommand called {@code word}; null for none and for {@code help}, which needs the whole tree. */
    private static Class<?> named(List<Class<?>> children, String word) {
        for (Class<?> child : children) {
            Command c = child.getAnnotation(Command.class);
            if (child == CommandLine.HelpCommand.class) {
                continue;
            }
            if (c.name().equals(word) || List.of(c.aliases()).contains(word)) {
                return child;
            }
        }
        return null;
    }

    private static Object create(Class<?> command) {
        try {
            return CommandLine.defaultFactory().create(command);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create command " + command.getName(), e);
        }
    }
}
