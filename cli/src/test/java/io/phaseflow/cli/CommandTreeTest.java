package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command in the tree, found by walking it (a new command is checked without being listed
 * here): answers {@code --help} with its usage and exit 0, and has a one-line summary that is a
 * whole sentence, shown uncut in its parent's command list.
 */
class CommandTreeTest {
  /** Each command as the words that call it, e.g. [bench, memory]; the root is []. */
  static Stream<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    walk(PhaseflowCommand.commandLine(), new ArrayList<>(), all);
    return all.stream();
  }

  private static void walk(CommandLine cmd, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals(sub.getCommandName())) { // skip aliases
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, all);
              }
            });
  }

  @ParameterizedTest(name = "phaseflow {0} --help")
  @MethodSource("commands")
  void everyCommandAnswersHelpWithItsUsageAndExitZero(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        PhaseflowCommand.execute(
            new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith(("Usage: phaseflow " + String.join(" ", path)).trim() + " ");
    assertThat(err.toString()).isEmpty();
  }

  @ParameterizedTest(name = "phaseflow {0}: help text")
  @MethodSource("commands")
  void everyHelpTextIsAFormatString(List<String> path) {
    CommandLine cmd = PhaseflowCommand.commandLine();
    for (String name : path) {
      cmd = cmd.getSubcommands().get(name);
    }
    // picocli formats help text as written: a lone % makes it warn and print the raw text (%%)
    List<String> texts = new ArrayList<>();
    Class<?> type = cmd.getCommandSpec().userObject().getClass();
    texts.addAll(List.of(type.getAnnotation(CommandLine.Command.class).description()));
    cmd.getCommandSpec().mixins().values().stream()
        .map(m -> m.userObject().getClass())
        .forEach(c -> texts.addAll(optionTexts(c)));
    texts.addAll(optionTexts(type));

    for (String text : texts) {
      assertThatCode(() -> String.format(text)).as(text).doesNotThrowAnyException();
    }
  }

  private static List<String> optionTexts(Class<?> type) {
    List<String> texts = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
      CommandLine.Parameters p = f.getAnnotation(CommandLine.Parameters.class);
      texts.addAll(
          List.of(o != null ? o.description() : p != null ? p.description() : new String[0]));
    }
    return texts;
  }

  @ParameterizedTest(name = "phaseflow {0}: summary")
  @MethodSource("commands")
  void everyCommandsSummaryIsAWholeSentenceShownUncutByItsParent(List<String> path) {
    CommandLine cmd = PhaseflowCommand.commandLine();
    CommandLine parent = null;
    for (String name : path) {
      parent = cmd;
      cmd = cmd.getSubcommands().get(name);
    }
    String[] description = cmd.getCommandSpec().usageMessage().description();

    assertThat(description).as("description of phaseflow %s", path).isNotEmpty();
    String summary = description[0];
    assertThat(summary).as("first description line of phaseflow %s", path).endsWith(".");
    if (parent != null) {
      StringWriter help = new StringWriter();
      parent.usage(new PrintWriter(help)); // the default width: a long summary wraps, whole
      assertThat(help.toString().replaceAll("\\s+", " ")).contains(summary);
    }
  }
}
