/** Resource records, names, validation and YAML/JSON mapping, shared by every role. */
module io.weft.model {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.module.blackbird;
  requires org.yaml.snakeyaml;

  exports io.weft.model;
  exports io.weft.model.spec;
  exports io.weft.model.derived;
  exports io.weft.model.derived.rules;

  opens io.weft.model to com.fasterxml.jackson.databind;
  opens io.weft.model.spec to com.fasterxml.jackson.databind;
  opens io.weft.model.derived to com.fasterxml.jackson.databind;
  opens io.weft.model.derived.rules to com.fasterxml.jackson.databind;
}
