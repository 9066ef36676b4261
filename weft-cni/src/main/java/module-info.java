/** The Weft CNI plugin: a CNI 1.0 executable that attaches pods through the agent's port API. */
module io.weft.cni {
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports io.weft.cni;
}
