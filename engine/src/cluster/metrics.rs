//! The resource metrics API (`metrics.k8s.io`), which `kubectl top` and the HorizontalPodAutoscaler read: the API
//! server serves it only while an APIService registers it, and answers through the Service that APIService names.

use super::Cluster;
use serde_json::Value;

use crate::api::{Kind, k};

/// The API version `kubectl top` and the HPA controller ask the aggregator for.
const METRICS_APISERVICE: &str = "v1beta1.metrics.k8s.io";

/// Whether the cluster serves resource metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsApi {
    /// An APIService registers the API and its Service has a ready endpoint.
    Served,
    /// No APIService registers `metrics.k8s.io`: discovery does not list the group (kubeadm and EKS install no
    /// metrics-server by default).
    NotRegistered,
    /// The APIService is registered but its Service has no ready endpoint, so the aggregator cannot reach it.
    Unavailable,
}

impl Cluster {
    /// Whether `metrics.k8s.io` is served now: its APIService, and the ready endpoints of the Service behind it (an
    /// APIService without a Service is served by the API server itself).
    pub fn metrics_api(&self) -> MetricsApi {
        let Some(apiservice) = Kind::from_kind("APIService", Some("apiregistration.k8s.io"))
            .and_then(|kind| self.store.get(kind, "", METRICS_APISERVICE))
        else {
            return MetricsApi::NotRegistered;
        };
        let service = &apiservice.spec()["service"];
        let (Some(namespace), Some(name)) =
            (service["namespace"].as_str(), service["name"].as_str())
        else {
            return MetricsApi::Served;
        };
        let ready = self
            .store
            .get(k::endpoints(), namespace, name)
            .is_some_and(|ep| {
                ep.body
                    .get("subsets")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .any(|subset| {
                        subset["addresses"]
                            .as_array()
                            .is_some_and(|a| !a.is_empty())
                    })
            });
        if ready {
            MetricsApi::Served
        } else {
            MetricsApi::Unavailable
        }
    }
}
