package io.weft.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.cli.CliException;
import io.weft.model.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KindsTest {
  @ParameterizedTest
  @ValueSource(strings = {"virtualnetworks", "virtualnetwork", "vn", "VirtualNetwork"})
  void resolvesPluralSingularAndShortNames(String typed) {
    assertThat(Kinds.resolve(typed)).isEqualTo(Kind.VIRTUAL_NETWORK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vnets", "network", ""})
  void unknownKindIsAUsageErrorListingTheKnownOnes(String typed) {
    assertThatThrownBy(() -> Kinds.resolve(typed))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("unknown kind '" + typed + "'")
        .hasMessageContaining("virtualnetworks (vn)")
        .hasMessageContaining("projects");
  }
}
