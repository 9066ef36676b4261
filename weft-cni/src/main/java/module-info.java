/** The Weft CNI plugin: a CNI 1.0 executable that attaches pods through the agent's port API. */
module io.weft.cni {

  exports io.weft.cni;
}
