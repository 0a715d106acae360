package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RepoFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the README's command examples that promise an exit code, so the text cannot drift: every
 * {@code ./phaseflow ...} line in a {@code ```sh} block whose comment says {@code exit N} (or
 * {@code exits N}) runs in-process and must exit N, and print each {@code "quoted"} text of its
 * comment. Such examples need no server (those that do carry no exit comment).
 */
class ReadmeExamplesTest {
  private static final Pattern EXIT = Pattern.compile("\\bexits? (\\d)\\b");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  record Example(int line, String command, int exit, List<String> prints) {
    @Override
    public String toString() {
      return "README.md:" + line + " " + command;
    }
  }

  static List<Example> examples() throws IOException {
    List<String> lines = Files.readAllLines(RepoFiles.root().resolve("README.md"));
    List<Example> examples = new ArrayList<>();
    boolean sh = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("```")) {
        sh = !sh && line.equals("```sh");
        continue;
      }
      if (!sh || !line.startsWith("./phaseflow ")) {
        continue;
      }
      int hash = commentStart(line);
      String comment = hash < 0 ? "" : line.substring(hash + 1);
      Matcher exit = EXIT.matcher(comment);
      if (!exit.find()) {
        continue;
      }
      List<String> prints = new ArrayList<>();
      Matcher quoted = QUOTED.matcher(comment);
      while (quoted.find()) {
        prints.add(quoted.group(1));
      }
      examples.add(
          new Example(
              i + 1, line.substring(0, hash).strip(), Integer.parseInt(exit.group(1)), prints));
    }
    return examples;
  }

  static Stream<Example> readmeExamples() throws IOException {
    return examples().stream();
  }

  @Test
  void theReadmeHasExamplesOfEveryExitCodeThatNeedsNoServer() throws IOException {
    assertThat(examples()).extracting(Example::exit).contains(0, 1, 2, 3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readmeExamples")
  void exitsAndPrintsAsTheReadmeSays(Example example) throws IOException {
    List<String> args = new ArrayList<>();
    for (String word : words(example.command()).subList(1, words(example.command()).size())) {
      args.addAll(expand(word));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        PhaseflowCommand.execute(
            new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));

    String printed = out + "\n" + err;
    assertThat(code).as(printed).isEqualTo(example.exit());
    for (String text : example.prints()) {
      assertThat(printed).contains(text);
    }
  }

  /** Where the comment begins: the first # outside quotes, or -1. */
  private static int commentStart(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  /** The words of a shell command line without a comment, with quotes removed. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (c == ' ') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** A path under definitions/ resolved from the repository root, a glob expanded as sh does. */
  private static List<String> expand(String word) throws IOException {
    if (!word.startsWith("definitions/")) {
      return List.of(word);
    }
    Path path = RepoFiles.root().resolve(word);
    if (!word.contains("*")) {
      return List.of(path.toString());
    }
    List<String> matches = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
      dir.forEach(p -> matches.add(p.toString()));
    }
    matches.sort(null);
    assertThat(matches).as("files matching %s", word).isNotEmpty();
    return matches;
  }
}
