package io.weft.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionOrderTest {
  private final ResourceCodec codec = new ResourceCodec();

  @Test
  void referrersGoBeforeWhatTheyReferTo() {
    List<Resource> inFileOrder = codec.parseAll("""
        apiVersion: weft/v1
        kind: Project
        metadata: {name: demo}
        spec: {}
        ---
        apiVersion: weft/v1
        kind: NetworkPolicy
        metadata: {name: red-green, project: demo}
        spec: {rules: []}
        ---
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: red, project: demo}
        spec: {subnets: [{cidr: 10.1.1.0/24}], networkPolicies: [red-green]}
        ---
        apiVersion: weft/v1
        kind: VirtualRouter
        metadata: {name: compute-1}
        spec: {address: 10.0.0.11}
        ---
        apiVersion: weft/v1
        kind: VirtualMachineInterface
        metadata: {name: red-1, project: demo}
        spec: {network: red, virtualRouter: compute-1}
        """);

    // Deliberately the worst starting order: the file's own order.
    List<String> order = DeletionOrder.order(inFileOrder).stream().map(r -> r.key().toString()).toList();

    assertThat(order).containsExactly(
        "VirtualMachineInterface/demo/red-1",
        "VirtualNetwork/demo/red",
        "NetworkPolicy/demo/red-green",
        "Project/demo",
        "VirtualRouter/compute-1");
  }
}
