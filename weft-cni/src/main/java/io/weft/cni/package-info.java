/** The CNI plugin: spec 1.0 commands, configuration, results and errors. */
package io.weft.cni;
