package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree built along the arguments parses and runs exactly as the whole tree does. */
class CommandTreeTest {

    @Test
    void aNamedPathRegistersOnlyThatPath() {
        CommandLine cl = CommandTree.along("report", "wss", "-i", "x");
        assertThat(cl.getSubcommands().keySet()).containsExactly("report");
        assertThat(cl.getSubcommands().get("report").getSubcommands().keySet()).containsExactly("wss");
    }

    @Test
    void everyPathOfTheWholeTreeIsReachedByName() {
        CommandLine full = CommandTree.full();
        for (Map.Entry<String, CommandLine> top : full.getSubcommands().entrySet()) {
            CommandLine along = CommandTree.along(top.getKey()).getSubcommands().get(top.getKey());
            assertThat(along).as(top.getKey()).isNotNull();
            assertThat(along.getCommand().getClass()).isEqualTo(top.getValue().getCommand().getClass());
            for (String sub : top.getValue().getSubcommands().keySet()) {
                CommandLine deep = CommandTree.along(top.getKey(), sub).getSubcommands().get(top.getKey());
                assertThat(deep.getSubcommands()).as(top.getKey() + " " + sub).containsKey(sub);
            }
        }
        assertThat(full.getSubcommands()).hasSize(Main.SUBCOMMANDS.size());
        assertThat(full.getSubcommands().get("report").getSubcommands()).hasSize(ReportCommand.TYPES.size());
    }

    @Test
    void anAmbiguousLevelGetsAllItsSubcommands() {
        int all = CommandTree.full().getSubcommands().size();
        assertThat(CommandTree.along().getSubcommands()).hasSize(all);
        assertThat(CommandTree.along("--help").getSubcommands()).hasSize(all);
        assertThat(CommandTree.along("help", "report").getSubcommands()).hasSize(all);
        assertThat(CommandTree.along("reprot").getSubcommands()).hasSize(all);
        assertThat(CommandTree.along("report").getSubcommands().get("report").getSubcommands())
                .hasSize(ReportCommand.TYPES.size());
        assertThat(CommandTree.along("report", "wsss").getSubcommands().get("report").getSubcommands())
                .hasSize(ReportCommand.TYPES.size());
        assertThat(CommandTree.along("--version").getSubcommands()).isEmpty();
    }

    @Test
    void outputAndExitCodesMatchTheWholeTree() {
        List<String[]> cases = List.of(
                new String[] {"--version"},
                new String[] {"--help"},
                new String[] {},
                new String[] {"help", "report"},
                new String[] {"reprot"},
                new String[] {"report"},
                new String[] {"report", "wsss"},
                new String[] {"report", "wss", "--help"},
                new String[] {"report", "wss", "--bogus"},
                new String[] {"report", "wss", "-i", "/nonexistent/record"},
                new String[] {"args", "damon", "--bogus"},
                new String[] {"record", "--sim"});
        for (String[] args : cases) {
            assertThat(run(Main.commandLine(args), args))
                    .as(String.join(" ", args))
                    .isEqualTo(run(Main.commandLine(), args));
        }
    }

    private static String run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return code + "\n" + out + "\n--\n" + err;
    }
}
