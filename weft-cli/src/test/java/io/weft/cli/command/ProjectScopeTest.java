package io.weft.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.cli.CliException;
import io.weft.model.Kind;
import org.junit.jupiter.api.Test;

class ProjectScopeTest {
  @Test
  void projectKindTakesExplicitProjectOverEnvironment() {
    assertThat(ProjectScope.resolve(Kind.VIRTUAL_NETWORK, "finance", false, "hr", false))
        .isEqualTo(new ProjectScope("finance", false, false));
    assertThat(ProjectScope.resolve(Kind.VIRTUAL_NETWORK, null, false, "hr", true))
        .isEqualTo(new ProjectScope("hr", false, false));
  }

  @Test
  void projectKindWithoutProjectIsAnErrorNotEveryProject() {
    assertThatThrownBy(() -> ProjectScope.resolve(Kind.VIRTUAL_NETWORK, null, false, null, false))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("-n PROJECT")
        .hasMessageContaining("-A");
  }

  @Test
  void allProjectsListsEverywhereButCannotNameOne() {
    assertThat(ProjectScope.resolve(Kind.VIRTUAL_NETWORK, null, true, "hr", false).everywhere()).isTrue();
    assertThatThrownBy(() -> ProjectScope.resolve(Kind.VIRTUAL_NETWORK, null, true, null, true))
        .isInstanceOf(CliException.class);
  }

  @Test
  void clusterKindRefusesProject() {
    assertThat(ProjectScope.resolve(Kind.PROJECT, null, false, "hr", true)).isEqualTo(new ProjectScope(null, false, false));
    assertThatThrownBy(() -> ProjectScope.resolve(Kind.PROJECT, "finance", false, null, true))
        .hasMessageContaining("cluster-wide");
  }

  @Test
  void projectOrGlobalKindWithoutProjectMeansGlobal() {
    assertThat(ProjectScope.resolve(Kind.TAG, null, false, null, false)).isEqualTo(new ProjectScope(null, false, true));
  }
}
