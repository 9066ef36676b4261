module io.weft.compiler { requires transitive io.weft.model; requires io.weft.policy; requires io.weft.config; }
