//! The Kubernetes and OpenShift API machinery: objects, metadata, kinds, admission and API errors.

pub mod errors;
pub mod kinds;
pub mod object;
pub mod selector;
pub mod time;
pub mod validation;

pub use errors::ApiError;
pub use kinds::{Kind, k};
pub use object::{
    ContainerState, ContainerStatus, Meta, Object, OwnerRef, Phase, PodStatus, Status,
};
