package io.weft.model;

import java.util.List;

/**
 * How a spec writes a reference, and which resource it names. The one place for the rule:
 * <ul>
 *   <li>a cluster-wide kind is named by its bare name;
 *   <li>a project-or-global kind (tags, application policy) names the one in the holder's
 *       project, or the global one when written {@code global:name} or when the holder is
 *       itself global or cluster-wide (see {@link TagSyntax});
 *   <li>a project kind names the one in the holder's project, or in another project when
 *       written {@code project/name}.
 * </ul>
 */
public final class ReferenceSyntax {
  public static final String GLOBAL_PREFIX = "global:";

  private ReferenceSyntax() {}

  /** The problem with {@code written} as a reference to {@code target}, or null when it is valid. */
  public static String problem(Kind target, String written) {
    if (written == null || written.isBlank()) return "is required";
    String name = written;
    if (written.startsWith(GLOBAL_PREFIX)) {
      if (target.scope() != Scope.PROJECT_OR_GLOBAL) {
        return "'" + written + "': a " + target.kindName() + " is never global; drop the '" + GLOBAL_PREFIX + "' prefix";
      }
      name = written.substring(GLOBAL_PREFIX.length());
    } else if (target.scope() == Scope.PROJECT && written.indexOf('/') >= 0) {
      int slash = written.indexOf('/');
      String projectProblem = Names.problem(written.substring(0, slash));
      if (projectProblem != null) return "'" + written + "' names an invalid project: " + projectProblem;
      name = written.substring(slash + 1);
    }
    return target == Kind.TAG ? TagSyntax.problem(name) : Names.problem(name);
  }

  /** Adds the problem with an optional reference to {@code p}; a null reference is fine. */
  public static void check(Kind target, String written, Problems p) {
    if (written == null) return;
    String problem = problem(target, written);
    if (problem != null) p.add(problem);
  }

  public static void checkAll(Kind target, List<String> written, Problems p) {
    for (int i = 0; i < written.size(); i++) {
      String problem = problem(target, written.get(i));
      if (problem != null) p.at(i).add(problem);
    }
  }

  /** The reference {@code written} in a resource of {@code holderProject} (null when global or cluster-wide). */
  public static Reference resolve(Kind target, String holderProject, String written, String field) {
    return switch (target.scope()) {
      case CLUSTER -> new Reference(target, null, written, field);
      case PROJECT_OR_GLOBAL -> written.startsWith(GLOBAL_PREFIX)
          ? new Reference(target, null, written.substring(GLOBAL_PREFIX.length()), field)
          : new Reference(target, holderProject, written, field);
      case PROJECT -> {
        int slash = written.indexOf('/');
        yield slash >= 0
            ? new Reference(target, written.substring(0, slash), written.substring(slash + 1), field)
            : new Reference(target, holderProject, written, field);
      }
    };
  }

  /** Adds the reference when {@code written} is present and well formed. */
  public static void add(List<Reference> out, Kind target, String holderProject, String written, String field) {
    if (written != null && problem(target, written) == null) out.add(resolve(target, holderProject, written, field));
  }

  /** Adds a reference for each well-formed element, named {@code field[i]}. */
  public static void addAll(List<Reference> out, Kind target, String holderProject, List<String> written, String field) {
    for (int i = 0; i < written.size(); i++) add(out, target, holderProject, written.get(i), field + "[" + i + "]");
  }
}
