//! The OpenShift install simulator and the `openshift-install` command line.
