package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Reference;
import java.util.ArrayList;
import java.util.List;

/** An ordered list of rules, as network policies and security groups hold them. */
final class RuleList {
  /** One rule of such a list: validated in place, naming the resources it matches on. */
  interface Rule {
    void validate(Problems p);

    void addReferences(List<Reference> out, String project, String field);
  }

  private RuleList() {}

  static void validate(List<? extends Rule> rules, Problems problems) {
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule == null) problems.at("rules").at(i).add("is required");
      else rule.validate(problems.at("rules").at(i));
    }
  }

  /** The resources the rules name, as weak references: match conditions, not requirements. */
  static List<Reference> weakReferences(List<? extends Rule> rules, String project) {
    List<Reference> refs = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) != null) rules.get(i).addReferences(refs, project, "spec.rules[" + i + "]");
    }
    return refs;
  }
}
