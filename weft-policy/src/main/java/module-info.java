module io.weft.policy { requires transitive io.weft.model; }
