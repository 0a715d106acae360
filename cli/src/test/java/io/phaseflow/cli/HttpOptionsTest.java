package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where the HTTP token and allowed names come from: options, files, the environment. */
class HttpOptionsTest {
  @TempDir Path dir;

  @Test
  void theTokenComesFromItsFileElseFromTheEnvironment() throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "  s3cret\n");
    Map<String, String> env = Map.of(HttpOptions.TOKEN_ENV, "from-env");

    assertThat(HttpOptions.token(file, env)).isEqualTo("s3cret");
    assertThat(HttpOptions.token(null, env)).isEqualTo("from-env");
    assertThat(HttpOptions.token(null, Map.of())).isNull();
    assertThat(HttpOptions.token(null, Map.of(HttpOptions.TOKEN_ENV, " "))).isNull();
  }

  @Test
  void aTokenFileThatHoldsNoSingleTokenIsRefusedByName() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Path twoLines = Files.writeString(dir.resolve("two"), "a\nb\n");

    assertThatThrownBy(() -> HttpOptions.token(empty, Map.of()))
        .isInstanceOf(PhaseflowException.class)
        .hasMessage("--http-token-file " + empty + " is empty; write the token alone on one line");
    assertThatThrownBy(() -> HttpOptions.token(twoLines, Map.of()))
        .hasMessageContaining("has more than one line");
    assertThatThrownBy(() -> HttpOptions.token(dir.resolve("missing"), Map.of()))
        .hasMessageStartingWith("cannot read --http-token-file " + dir.resolve("missing"));
    assertThatThrownBy(() -> HttpOptions.token(dir, Map.of()))
        .hasMessageContaining("is not a token file");
  }

  @Test
  void allowedHostsComeFromTheOptionsAndTheEnvironment() {
    HttpOptions options = new HttpOptions();
    new CommandLine(new Holder(options))
        .parseArgs(
            "--http", "0", "--http-allow-host", "a.example,b.example:8080", "--http-allow-host=c");

    assertThat(
            HttpOptions.allowedHosts(
                options.allowHosts, Map.of(HttpOptions.ALLOW_HOSTS_ENV, " d.example , ,e:1")))
        .isEqualTo(List.of("a.example", "b.example:8080", "c", "d.example", "e:1"));
    assertThat(options.readTimeout).hasSeconds(10);
    assertThat(options.threads).isEqualTo(32);
  }

  @CommandLine.Command(name = "x")
  static final class Holder {
    @CommandLine.Mixin HttpOptions http;

    Holder(HttpOptions http) {
      this.http = http;
    }
  }
}
