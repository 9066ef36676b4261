/**
 * The one policy evaluator: decides a flow from compiled rule lists. Used by the compiler,
 * weftctl explain and the vRouter agent.
 */
module io.weft.policy {
  requires transitive io.weft.model;

  exports io.weft.policy;

  opens io.weft.policy to com.fasterxml.jackson.databind;
}
