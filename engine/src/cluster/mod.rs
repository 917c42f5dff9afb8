//! The simulated cluster: the object store, controllers, scheduler, kubelets and scenarios, driven by a virtual clock.
