//! The `kubectl` and `oc` command lines over the cluster engine.
