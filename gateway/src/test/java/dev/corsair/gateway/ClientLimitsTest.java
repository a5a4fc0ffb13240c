package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientLimitsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "client-header-timeout, 0, '--client-header-timeout 0: not a number of seconds'",
    "client-body-timeout, soon, '--client-body-timeout soon: not a number of seconds'",
    "keepalive-timeout, 90000, '--keepalive-timeout 90000: not a number of seconds'",
    "max-connections, 0, '--max-connections 0: not a whole number from 1 to 1000000'",
    "max-requests-per-connection, 1.5, '--max-requests-per-connection 1.5: not a whole number'",
    "max-conections, 5, '--max-conections: unknown limit; the limits are client-header-timeout'"
  })
  void badValueNamesTheSettingAndTheFix(String key, String value, String message) {
    assertThatThrownBy(() -> ClientLimits.DEFAULTS.with(Map.of(key, value), "--"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void flagsOverrideTheFileWhichOverridesTheDefaults() throws IOException {
    Path yaml =
        Files.writeString(
            dir.resolve("g.yaml"),
            "limits:\n  client-header-timeout: 5\n  max-connections: 100\n"
                + "policies:\n  - allowed-origins: https://a.example\n");
    ClientLimits l =
        ClientLimits.DEFAULTS
            .with(ClientLimits.fromYaml(yaml), "g.yaml limits.")
            .with(Map.of("max-connections", "7"), "--");
    assertThat(l)
        .isEqualTo(
            new ClientLimits(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(75), 10_000, 7));
  }

  @Test
  void aSinglePolicyFileMayCarryLimits() throws IOException {
    Path yaml =
        Files.writeString(
            dir.resolve("one.yaml"),
            "allowed-origins: https://a.example\nlimits:\n  keepalive-timeout: 2.5\n");
    assertThat(PolicyConfig.load(yaml, Map.of()).engine().policies()).hasSize(1);
    assertThat(ClientLimits.DEFAULTS.with(ClientLimits.fromYaml(yaml), "").keepAliveTimeout())
        .isEqualTo(Duration.ofMillis(2500));
  }
}
