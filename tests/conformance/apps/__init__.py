"""One small app per framework, all exposing the same ``/c/...`` routes (see ``common``)."""
