package io.weft.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.cli.CliException;
import io.weft.model.Kind;

/**
 * Where a command looks for resources of a kind, from {@code -n}, {@code -A} and
 * $WEFT_PROJECT. Project kinds need a project (listing every project is asked for with
 * {@code -A}, never a silent default); project-or-global kinds (tags) without one mean the
 * global ones; cluster-wide kinds take none.
 *
 * @param project the project to address, or null for the cluster-wide path
 * @param everywhere every project (and global) at once: the PROJECT column is shown
 * @param globalOnly keep only resources without a project from a cluster-wide listing
 */
record ProjectScope(String project, boolean everywhere, boolean globalOnly) {

  static ProjectScope resolve(Kind kind, String explicitProject, boolean allProjects, String defaultProject, boolean forName) {
    if (kind.clusterScoped()) {
      if (explicitProject != null) throw CliException.usage(kind.plural() + " are cluster-wide; drop -n " + explicitProject);
      return new ProjectScope(null, false, false);
    }
    if (allProjects) {
      if (explicitProject != null) throw CliException.usage("-A and -n exclude each other");
      if (forName) throw CliException.usage("a name needs its project: use -n PROJECT instead of -A");
      return new ProjectScope(null, true, false);
    }
    String p = explicitProject != null ? explicitProject : defaultProject;
    if (p != null) return new ProjectScope(p, false, false);
    return switch (kind.scope()) {
      case PROJECT_OR_GLOBAL -> new ProjectScope(null, false, true);
      default -> throw CliException.usage(kind.plural() + " live in a project: give -n PROJECT"
          + (forName ? "" : " (or -A for every project)") + ", or set WEFT_PROJECT");
    };
  }

  boolean admits(JsonNode resource) {
    return !globalOnly || !resource.path("metadata").hasNonNull("project");
  }

  /** How the scope reads in "No resources found ..." messages. */
  String describe() {
    if (everywhere) return "in any project";
    if (project != null) return "in project " + project;
    return globalOnly ? "among global resources" : "";
  }
}
