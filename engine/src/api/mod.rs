//! The Kubernetes and OpenShift API machinery: objects, metadata, kinds, admission and API errors.
