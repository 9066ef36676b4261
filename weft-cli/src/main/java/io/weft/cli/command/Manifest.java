package io.weft.cli.command;

import io.weft.model.Resource;

/** A resource declared in a file, with where it came from for messages. */
record Manifest(Resource resource, String source) {}
