//! More `kubectl describe` output: StatefulSet, DaemonSet, Job, CronJob, PersistentVolume(Claim), StorageClass, ServiceAccount, Role(Binding) and Ingress.

use crate::sort::SortShared;
use serde_json::Value;

use super::age::{format_rfc1123z, human_duration, parse_rfc3339};
use super::columns::{access_modes, format_labels, s, selector_string};
use super::describe::{
    PrefixWriter, annotations_multiline, controlled_pod_counts, describe_events,
    describe_pod_template_into, endpoints_for_port_text, labels_multiline,
};

fn items(obj: &Value, pointer: &str) -> Vec<Value> {
    obj.pointer(pointer)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn time_of(obj: &Value, pointer: &str) -> Option<String> {
    obj.pointer(pointer)
        .and_then(Value::as_str)
        .and_then(parse_rfc3339)
        .map(format_rfc1123z)
}

fn int_ptr(obj: &Value, pointer: &str) -> String {
    obj.pointer(pointer)
        .and_then(Value::as_i64)
        .map_or("<unset>".to_owned(), |v| v.to_string())
}

fn bool_ptr(obj: &Value, pointer: &str) -> String {
    match obj.pointer(pointer).and_then(Value::as_bool) {
        Some(true) => "True".to_owned(),
        Some(false) => "False".to_owned(),
        None => "<unset>".to_owned(),
    }
}

/// Go's `%v` of a string slice: `[a b]`.
fn go_slice(list: &[Value]) -> String {
    format!(
        "[{}]",
        list.iter()
            .map(super::jsonpath::go_sprint)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

fn header(w: &mut PrefixWriter, obj: &Value, namespace: bool) {
    w.write(0, &format!("Name:\t{}\n", s(obj, "/metadata/name")));
    if namespace {
        w.write(
            0,
            &format!("Namespace:\t{}\n", s(obj, "/metadata/namespace")),
        );
    }
}

fn pods_status(w: &mut PrefixWriter, owner: &Value, pods: &[Value]) {
    let (running, waiting, succeeded, failed) = controlled_pod_counts(owner, pods);
    w.write(0, &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"));
}

/// `kubectl describe statefulset`; `pods` are the pods in its namespace.
pub fn describe_stateful_set(sts: &Value, pods: &[Value], events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, sts, true);
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_of(sts, "/metadata/creationTimestamp").unwrap_or_default()
        ),
    );
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(sts.pointer("/spec/selector"))
        ),
    );
    labels_multiline(&mut w, "Labels", sts.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", sts.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            sts.pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1),
            sts.pointer("/status/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        ),
    );
    w.write(
        0,
        &format!(
            "Update Strategy:\t{}\n",
            s(sts, "/spec/updateStrategy/type")
        ),
    );
    if let Some(p) = sts
        .pointer("/spec/updateStrategy/rollingUpdate/partition")
        .and_then(Value::as_i64)
    {
        w.write(1, &format!("Partition:\t{p}\n"));
    }
    pods_status(&mut w, sts, pods);
    describe_pod_template_into(&mut w, sts.pointer("/spec/template"));
    let templates = items(sts, "/spec/volumeClaimTemplates");
    if templates.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
    } else {
        w.write(0, "Volume Claims:\n");
        for pvc in &templates {
            w.write(1, &format!("Name:\t{}\n", s(pvc, "/metadata/name")));
            w.write(
                1,
                &format!("StorageClass:\t{}\n", s(pvc, "/spec/storageClassName")),
            );
            labels_multiline(&mut w, "  Labels", pvc.pointer("/metadata/labels"));
            labels_multiline(
                &mut w,
                "  Annotations",
                pvc.pointer("/metadata/annotations"),
            );
            let capacity = s(pvc, "/spec/resources/requests/storage");
            w.write(
                1,
                &format!(
                    "Capacity:\t{}\n",
                    if capacity.is_empty() {
                        "<default>".to_owned()
                    } else {
                        capacity
                    }
                ),
            );
            w.write(
                1,
                &format!(
                    "Access Modes:\t{}\n",
                    go_slice(&items(pvc, "/spec/accessModes"))
                ),
            );
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe daemonset`; `pods` are the pods in its namespace.
pub fn describe_daemon_set(ds: &Value, pods: &[Value], events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, ds, false);
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(ds.pointer("/spec/selector"))
        ),
    );
    w.write(
        0,
        &format!(
            "Node-Selector:\t{}\n",
            format_labels(ds.pointer("/spec/template/spec/nodeSelector"))
        ),
    );
    labels_multiline(&mut w, "Labels", ds.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", ds.pointer("/metadata/annotations"));
    let n = |p: &str| ds.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    w.write(
        0,
        &format!(
            "Desired Number of Nodes Scheduled: {}\n",
            n("/status/desiredNumberScheduled")
        ),
    );
    w.write(
        0,
        &format!(
            "Current Number of Nodes Scheduled: {}\n",
            n("/status/currentNumberScheduled")
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Up-to-date Pods: {}\n",
            n("/status/updatedNumberScheduled")
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Available Pods: {}\n",
            n("/status/numberAvailable")
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Misscheduled: {}\n",
            n("/status/numberMisscheduled")
        ),
    );
    pods_status(&mut w, ds, pods);
    describe_pod_template_into(&mut w, ds.pointer("/spec/template"));
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe job`.
pub fn describe_job(job: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, job, true);
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(job.pointer("/spec/selector"))
        ),
    );
    labels_multiline(&mut w, "Labels", job.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", job.pointer("/metadata/annotations"));
    if let Some(owner) = items(job, "/metadata/ownerReferences")
        .iter()
        .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
    {
        w.write(
            0,
            &format!(
                "Controlled By:\t{}/{}\n",
                s(owner, "/kind"),
                s(owner, "/name")
            ),
        );
    }
    w.write(
        0,
        &format!(
            "Parallelism:\t{}\n",
            job.pointer("/spec/parallelism")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        ),
    );
    w.write(
        0,
        &format!("Completions:\t{}\n", int_ptr(job, "/spec/completions")),
    );
    let mode = s(job, "/spec/completionMode");
    if !mode.is_empty() {
        w.write(0, &format!("Completion Mode:\t{mode}\n"));
    }
    if let Some(suspend) = job.pointer("/spec/suspend").and_then(Value::as_bool) {
        w.write(0, &format!("Suspend:\t{suspend}\n"));
    }
    if let Some(b) = job.pointer("/spec/backoffLimit").and_then(Value::as_i64) {
        w.write(0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(ttl) = job
        .pointer("/spec/ttlSecondsAfterFinished")
        .and_then(Value::as_i64)
    {
        w.write(0, &format!("TTL Seconds After Finished:\t{ttl}\n"));
    }
    let start = job
        .pointer("/status/startTime")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339);
    let end = job
        .pointer("/status/completionTime")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339);
    if let Some(t) = start {
        w.write(0, &format!("Start Time:\t{}\n", format_rfc1123z(t)));
    }
    if let Some(t) = end {
        w.write(0, &format!("Completed At:\t{}\n", format_rfc1123z(t)));
    }
    if let (Some(a), Some(b)) = (start, end) {
        w.write(0, &format!("Duration:\t{}\n", human_duration(b - a)));
    }
    if let Some(d) = job
        .pointer("/spec/activeDeadlineSeconds")
        .and_then(Value::as_i64)
    {
        w.write(0, &format!("Active Deadline Seconds:\t{d}s\n"));
    }
    let n = |p: &str| job.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    match job.pointer("/status/ready").and_then(Value::as_i64) {
        Some(ready) => w.write(
            0,
            &format!(
                "Pods Statuses:\t{} Active ({ready} Ready) / {} Succeeded / {} Failed\n",
                n("/status/active"),
                n("/status/succeeded"),
                n("/status/failed")
            ),
        ),
        None => w.write(
            0,
            &format!(
                "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n",
                n("/status/active"),
                n("/status/succeeded"),
                n("/status/failed")
            ),
        ),
    }
    describe_pod_template_into(&mut w, job.pointer("/spec/template"));
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe cronjob`.
pub fn describe_cron_job(cj: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, cj, true);
    labels_multiline(&mut w, "Labels", cj.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", cj.pointer("/metadata/annotations"));
    w.write(0, &format!("Schedule:\t{}\n", s(cj, "/spec/schedule")));
    w.write(
        0,
        &format!(
            "Concurrency Policy:\t{}\n",
            s(cj, "/spec/concurrencyPolicy")
        ),
    );
    w.write(0, &format!("Suspend:\t{}\n", bool_ptr(cj, "/spec/suspend")));
    w.write(
        0,
        &format!(
            "Successful Job History Limit:\t{}\n",
            int_ptr(cj, "/spec/successfulJobsHistoryLimit")
        ),
    );
    w.write(
        0,
        &format!(
            "Failed Job History Limit:\t{}\n",
            int_ptr(cj, "/spec/failedJobsHistoryLimit")
        ),
    );
    let deadline = cj
        .pointer("/spec/startingDeadlineSeconds")
        .and_then(Value::as_i64)
        .map_or("<unset>".to_owned(), |v| format!("{v}s"));
    w.write(0, &format!("Starting Deadline Seconds:\t{deadline}\n"));
    let job_spec = cj
        .pointer("/spec/jobTemplate/spec")
        .cloned()
        .unwrap_or_default();
    let selector = selector_string(job_spec.get("selector"));
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            if job_spec.get("selector").is_some_and(Value::is_object) {
                selector
            } else {
                "<unset>".to_owned()
            }
        ),
    );
    w.write(
        0,
        &format!("Parallelism:\t{}\n", int_ptr(&job_spec, "/parallelism")),
    );
    w.write(
        0,
        &format!("Completions:\t{}\n", int_ptr(&job_spec, "/completions")),
    );
    if let Some(d) = job_spec
        .get("activeDeadlineSeconds")
        .and_then(Value::as_i64)
    {
        w.write(0, &format!("Active Deadline Seconds:\t{d}s\n"));
    }
    describe_pod_template_into(&mut w, job_spec.get("template"));
    w.write(
        0,
        &format!(
            "Last Schedule Time:\t{}\n",
            time_of(cj, "/status/lastScheduleTime").unwrap_or_else(|| "<unset>".to_owned())
        ),
    );
    let active: Vec<String> = items(cj, "/status/active")
        .iter()
        .map(|r| s(r, "/name"))
        .collect();
    w.write(
        0,
        &format!(
            "Active Jobs:\t{}\n",
            if active.is_empty() {
                "<none>".to_owned()
            } else {
                active.join(", ")
            }
        ),
    );
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe pv`.
pub fn describe_persistent_volume(pv: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, pv, false);
    labels_multiline(&mut w, "Labels", pv.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", pv.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "Finalizers:\t{}\n",
            go_slice(&items(pv, "/metadata/finalizers"))
        ),
    );
    w.write(
        0,
        &format!("StorageClass:\t{}\n", s(pv, "/spec/storageClassName")),
    );
    match pv
        .pointer("/metadata/deletionTimestamp")
        .and_then(Value::as_str)
    {
        Some(t) => w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                super::age::age_since(Some(t), now)
            ),
        ),
        None => w.write(0, &format!("Status:\t{}\n", s(pv, "/status/phase"))),
    }
    let claim = match pv.pointer("/spec/claimRef").filter(|v| v.is_object()) {
        Some(r) => format!("{}/{}", s(r, "/namespace"), s(r, "/name")),
        None => String::new(),
    };
    w.write(0, &format!("Claim:\t{claim}\n"));
    w.write(
        0,
        &format!(
            "Reclaim Policy:\t{}\n",
            s(pv, "/spec/persistentVolumeReclaimPolicy")
        ),
    );
    w.write(
        0,
        &format!(
            "Access Modes:\t{}\n",
            access_modes(pv.pointer("/spec/accessModes"))
        ),
    );
    let mode = s(pv, "/spec/volumeMode");
    w.write(
        0,
        &format!(
            "VolumeMode:\t{}\n",
            if mode.is_empty() {
                "<unset>".to_owned()
            } else {
                mode
            }
        ),
    );
    w.write(
        0,
        &format!("Capacity:\t{}\n", s(pv, "/spec/capacity/storage")),
    );
    w.write(0, "Node Affinity:\t<none>\n");
    w.write(0, &format!("Message:\t{}\n", s(pv, "/status/message")));
    w.write(0, "Source:\n");
    if let Some(csi) = pv.pointer("/spec/csi").filter(|v| v.is_object()) {
        w.write(2, &format!("Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    VolumeHandle:\t{}\n    ReadOnly:\t{}\n", s(csi, "/driver"), s(csi, "/fsType"), s(csi, "/volumeHandle"), csi.get("readOnly").and_then(Value::as_bool).unwrap_or(false)));
        let attrs = csi
            .get("volumeAttributes")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut keys: Vec<&String> = attrs.keys().collect();
        keys.sort_shared();
        if keys.is_empty() {
            w.write(2, "VolumeAttributes:\t<none>\n");
        }
        for (i, k) in keys.iter().enumerate() {
            let line = format!("{k}={}", attrs[k.as_str()].as_str().unwrap_or_default());
            if i == 0 {
                w.write(2, &format!("VolumeAttributes:\t{line}\n"));
            } else {
                w.write(0, &format!("\t{line}\n"));
            }
        }
    } else if let Some(h) = pv.pointer("/spec/hostPath").filter(|v| v.is_object()) {
        w.write(2, &format!("Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n", s(h, "/path"), s(h, "/type")));
    } else if let Some(nfs) = pv.pointer("/spec/nfs").filter(|v| v.is_object()) {
        w.write(
            2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                s(nfs, "/server"),
                s(nfs, "/path"),
                nfs.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
            ),
        );
    } else {
        w.write(1, "<unknown>\n");
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe pvc`; `pods` are the pods in its namespace (for `Used By`).
pub fn describe_persistent_volume_claim(
    pvc: &Value,
    pods: &[Value],
    events: &[Value],
    now: i64,
) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, pvc, true);
    w.write(
        0,
        &format!("StorageClass:\t{}\n", s(pvc, "/spec/storageClassName")),
    );
    match pvc
        .pointer("/metadata/deletionTimestamp")
        .and_then(Value::as_str)
    {
        Some(t) => w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                super::age::age_since(Some(t), now)
            ),
        ),
        None => w.write(0, &format!("Status:\t{}\n", s(pvc, "/status/phase"))),
    }
    w.write(0, &format!("Volume:\t{}\n", s(pvc, "/spec/volumeName")));
    labels_multiline(&mut w, "Labels", pvc.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", pvc.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "Finalizers:\t{}\n",
            go_slice(&items(pvc, "/metadata/finalizers"))
        ),
    );
    let bound = !s(pvc, "/spec/volumeName").is_empty();
    w.write(
        0,
        &format!(
            "Capacity:\t{}\n",
            if bound {
                s(pvc, "/status/capacity/storage")
            } else {
                String::new()
            }
        ),
    );
    w.write(
        0,
        &format!(
            "Access Modes:\t{}\n",
            if bound {
                access_modes(pvc.pointer("/status/accessModes"))
            } else {
                String::new()
            }
        ),
    );
    let mode = s(pvc, "/spec/volumeMode");
    w.write(
        0,
        &format!(
            "VolumeMode:\t{}\n",
            if mode.is_empty() {
                "<unset>".to_owned()
            } else {
                mode
            }
        ),
    );
    let name = s(pvc, "/metadata/name");
    let users: Vec<String> = pods
        .iter()
        .filter(|p| {
            items(p, "/spec/volumes")
                .iter()
                .any(|v| s(v, "/persistentVolumeClaim/claimName") == name)
        })
        .map(|p| s(p, "/metadata/name"))
        .collect();
    if users.is_empty() {
        w.write(0, "Used By:\t<none>\n");
    }
    for (i, u) in users.iter().enumerate() {
        if i == 0 {
            w.write(0, &format!("Used By:\t{u}\n"));
        } else {
            w.write(0, &format!("\t{u}\n"));
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe storageclass`.
pub fn describe_storage_class(sc: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, sc, false);
    let annotations = sc.pointer("/metadata/annotations");
    let default = [
        "storageclass.kubernetes.io/is-default-class",
        "storageclass.beta.kubernetes.io/is-default-class",
    ]
    .iter()
    .any(|k| annotations.and_then(|a| a.get(*k)).and_then(Value::as_str) == Some("true"));
    w.write(
        0,
        &format!("IsDefaultClass:\t{}\n", if default { "Yes" } else { "No" }),
    );
    w.write(
        0,
        &format!("Annotations:\t{}\n", format_labels(annotations)),
    );
    w.write(0, &format!("Provisioner:\t{}\n", s(sc, "/provisioner")));
    w.write(
        0,
        &format!("Parameters:\t{}\n", format_labels(sc.get("parameters"))),
    );
    w.write(
        0,
        &format!(
            "AllowVolumeExpansion:\t{}\n",
            bool_ptr(sc, "/allowVolumeExpansion")
        ),
    );
    let options: Vec<String> = items(sc, "/mountOptions")
        .iter()
        .map(super::jsonpath::go_sprint)
        .collect();
    w.write(
        0,
        &format!(
            "MountOptions:\t{}\n",
            if options.is_empty() {
                "<none>".to_owned()
            } else {
                options.join(", ")
            }
        ),
    );
    w.write(0, &format!("ReclaimPolicy:\t{}\n", s(sc, "/reclaimPolicy")));
    let mode = s(sc, "/volumeBindingMode");
    w.write(
        0,
        &format!(
            "VolumeBindingMode:\t{}\n",
            if mode.is_empty() {
                "<unset>".to_owned()
            } else {
                mode
            }
        ),
    );
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe serviceaccount`; `secrets` are the Secrets in its namespace (missing ones are marked `(not found)`).
pub fn describe_service_account(
    sa: &Value,
    secrets: &[Value],
    events: &[Value],
    now: i64,
) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, sa, true);
    labels_multiline(&mut w, "Labels", sa.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", sa.pointer("/metadata/annotations"));
    let exists = |name: &str| secrets.iter().any(|sec| s(sec, "/metadata/name") == name);
    let shown = |name: String| {
        if exists(&name) {
            name
        } else {
            format!("{name} (not found)")
        }
    };
    let pull: Vec<String> = items(sa, "/imagePullSecrets")
        .iter()
        .map(|r| shown(s(r, "/name")))
        .collect();
    let mountable: Vec<String> = items(sa, "/secrets")
        .iter()
        .map(|r| shown(s(r, "/name")))
        .collect();
    let sa_name = s(sa, "/metadata/name");
    let tokens: Vec<String> = secrets
        .iter()
        .filter(|sec| {
            s(sec, "/type") == "kubernetes.io/service-account-token"
                && s(
                    sec,
                    "/metadata/annotations/kubernetes.io~1service-account.name",
                ) == sa_name
        })
        .map(|sec| s(sec, "/metadata/name"))
        .collect();
    for (title, list) in [
        ("Image pull secrets", pull),
        ("Mountable secrets", mountable),
        ("Tokens", tokens),
    ] {
        if list.is_empty() {
            w.write(0, &format!("{title}:\t<none>\n"));
        }
        for (i, name) in list.iter().enumerate() {
            if i == 0 {
                w.write(0, &format!("{title}:\t{name}\n"));
            } else {
                w.write(0, &format!("\t{name}\n"));
            }
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe role|clusterrole`.
pub fn describe_role(role: &Value) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, role, false);
    labels_multiline(&mut w, "Labels", role.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", role.pointer("/metadata/annotations"));
    w.write(0, "PolicyRule:\n");
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(1, "---------\t-----------------\t--------------\t-----\n");
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    for rule in items(role, "/rules") {
        let verbs = go_slice(&items(&rule, "/verbs"));
        let names = go_slice(&items(&rule, "/resourceNames"));
        let urls = items(&rule, "/nonResourceURLs");
        if !urls.is_empty() {
            rows.push((String::new(), go_slice(&urls), names.clone(), verbs.clone()));
        }
        let groups = items(&rule, "/apiGroups");
        for resource in items(&rule, "/resources") {
            let resource = resource.as_str().unwrap_or_default().to_owned();
            let groups: Vec<String> = if groups.is_empty() {
                vec![String::new()]
            } else {
                groups
                    .iter()
                    .map(|g| g.as_str().unwrap_or_default().to_owned())
                    .collect()
            };
            for g in groups {
                let key = if g.is_empty() {
                    resource.clone()
                } else {
                    format!("{resource}.{g}")
                };
                rows.push((key, "[]".to_owned(), names.clone(), verbs.clone()));
            }
        }
    }
    rows.sort_shared_by(|a, b| a.0.cmp(&b.0));
    for (res, urls, names, verbs) in rows {
        w.write(1, &format!("{res}\t{urls}\t{names}\t{verbs}\n"));
    }
    w.finish()
}

/// `kubectl describe rolebinding|clusterrolebinding`.
pub fn describe_role_binding(rb: &Value) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, rb, false);
    labels_multiline(&mut w, "Labels", rb.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", rb.pointer("/metadata/annotations"));
    w.write(0, "Role:\n");
    w.write(1, &format!("Kind:\t{}\n", s(rb, "/roleRef/kind")));
    w.write(1, &format!("Name:\t{}\n", s(rb, "/roleRef/name")));
    w.write(0, "Subjects:\n");
    w.write(1, "Kind\tName\tNamespace\n");
    w.write(1, "----\t----\t---------\n");
    for sub in items(rb, "/subjects") {
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\n",
                s(&sub, "/kind"),
                s(&sub, "/name"),
                s(&sub, "/namespace")
            ),
        );
    }
    w.finish()
}

/// `kubectl describe ingress`; `services` and `endpoints` are those in its namespace.
pub fn describe_ingress(
    ing: &Value,
    services: &[Value],
    endpoints: &[Value],
    events: &[Value],
    now: i64,
) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(ing, "/metadata/name")));
    labels_multiline(&mut w, "Labels", ing.pointer("/metadata/labels"));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(ing, "/metadata/namespace")),
    );
    let addresses: Vec<String> = items(ing, "/status/loadBalancer/ingress")
        .iter()
        .map(|i| {
            if s(i, "/ip").is_empty() {
                s(i, "/hostname")
            } else {
                s(i, "/ip")
            }
        })
        .collect();
    w.write(0, &format!("Address:\t{}\n", addresses.join(",")));
    let class = s(ing, "/spec/ingressClassName");
    w.write(
        0,
        &format!(
            "Ingress Class:\t{}\n",
            if class.is_empty() {
                "<none>".to_owned()
            } else {
                class
            }
        ),
    );
    let backend_text = |b: &Value| -> String {
        let svc = s(b, "/service/name");
        if svc.is_empty() {
            return format!(
                "APIGroup: {}, Kind: {}, Name: {}",
                s(b, "/resource/apiGroup"),
                s(b, "/resource/kind"),
                s(b, "/resource/name")
            );
        }
        let port_number = s(b, "/service/port/number");
        let port_name = s(b, "/service/port/name");
        let port = if port_name.is_empty() {
            port_number
        } else {
            port_name.clone()
        };
        let eps = endpoints.iter().find(|e| s(e, "/metadata/name") == svc);
        let Some(service) = services.iter().find(|x| s(x, "/metadata/name") == svc) else {
            return format!("{svc}:{port} (<error: services \"{svc}\" not found>)");
        };
        let number = b
            .pointer("/service/port/number")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let mut service_port_name = String::new();
        for sp in items(service, "/spec/ports") {
            let sp_number = sp.get("port").and_then(Value::as_i64).unwrap_or(0);
            if (number != 0 && number == sp_number)
                || (!port_name.is_empty() && port_name == s(&sp, "/name"))
            {
                service_port_name = s(&sp, "/name");
            }
        }
        match eps {
            Some(e) => format!(
                "{svc}:{port} ({})",
                endpoints_for_port_text(e, &service_port_name, "")
            ),
            None => format!("{svc}:{port} (<error: endpoints \"{svc}\" not found>)"),
        }
    };
    let default_backend = ing
        .pointer("/spec/defaultBackend")
        .filter(|v| v.is_object())
        .map(backend_text);
    w.write(
        0,
        &format!(
            "Default backend:\t{}\n",
            default_backend
                .clone()
                .unwrap_or_else(|| "<default>".to_owned())
        ),
    );
    let tls = items(ing, "/spec/tls");
    if !tls.is_empty() {
        w.write(0, "TLS:\n");
        for t in &tls {
            let hosts: Vec<String> = items(t, "/hosts")
                .iter()
                .map(super::jsonpath::go_sprint)
                .collect();
            let secret = s(t, "/secretName");
            if secret.is_empty() {
                w.write(1, &format!("SNI routes {}\n", hosts.join(",")));
            } else {
                w.write(1, &format!("{secret} terminates {}\n", hosts.join(",")));
            }
        }
    }
    w.write(0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(1, "----\t----\t--------\n");
    let rules = items(ing, "/spec/rules");
    for rule in &rules {
        let host = s(rule, "/host");
        w.write(
            1,
            &format!(
                "{}\t\n",
                if host.is_empty() {
                    "*".to_owned()
                } else {
                    host
                }
            ),
        );
        for path in items(rule, "/http/paths") {
            w.write(
                2,
                &format!(
                    "\t{} \t{}\n",
                    s(&path, "/path"),
                    backend_text(path.get("backend").unwrap_or(&Value::Null))
                ),
            );
        }
    }
    if rules.is_empty() {
        w.write(
            1,
            &format!(
                "*\t*\t{}\n",
                default_backend.unwrap_or_else(|| "<default>".to_owned())
            ),
        );
    }
    annotations_multiline(&mut w, "Annotations", ing.pointer("/metadata/annotations"));
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe endpoints`.
pub fn describe_endpoints(ep: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, ep, true);
    labels_multiline(&mut w, "Labels", ep.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", ep.pointer("/metadata/annotations"));
    w.write(0, "Subsets:\n");
    for subset in items(ep, "/subsets") {
        let ips = |key: &str| {
            let list: Vec<String> = items(&subset, key).iter().map(|a| s(a, "/ip")).collect();
            if list.is_empty() {
                "<none>".to_owned()
            } else {
                list.join(",")
            }
        };
        w.write(1, &format!("Addresses:\t{}\n", ips("/addresses")));
        w.write(
            1,
            &format!("NotReadyAddresses:\t{}\n", ips("/notReadyAddresses")),
        );
        let ports = items(&subset, "/ports");
        if ports.is_empty() {
            w.write(1, "Ports:\t<none>\n");
        } else {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for p in &ports {
                let name = s(p, "/name");
                let protocol = s(p, "/protocol");
                w.write(
                    2,
                    &format!(
                        "{}\t{}\t{}\n",
                        if name.is_empty() {
                            "<unset>".to_owned()
                        } else {
                            name
                        },
                        s(p, "/port"),
                        if protocol.is_empty() {
                            "TCP".to_owned()
                        } else {
                            protocol
                        }
                    ),
                );
            }
        }
        w.write(0, "\n");
    }
    let mut text = w;
    // kubectl writes a blank line after each subset only between subsets; drop the last one.
    text.trim_trailing_blank_line();
    describe_events(&mut text, events, now);
    text.finish()
}

/// `kubectl describe hpa`.
pub fn describe_horizontal_pod_autoscaler(hpa: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, hpa, true);
    labels_multiline(&mut w, "Labels", hpa.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", hpa.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_of(hpa, "/metadata/creationTimestamp").unwrap_or_default()
        ),
    );
    let kind = s(hpa, "/spec/scaleTargetRef/kind");
    w.write(
        0,
        &format!(
            "Reference:\t{kind}/{}\n",
            s(hpa, "/spec/scaleTargetRef/name")
        ),
    );
    w.write(0, "Metrics:\t( current / target )\n");
    let statuses = items(hpa, "/status/currentMetrics");
    for (i, spec) in items(hpa, "/spec/metrics").iter().enumerate() {
        let status = statuses.get(i);
        match s(spec, "/type").as_str() {
            "Resource" => {
                let name = s(spec, "/resource/name");
                let current = status.and_then(|st| st.get("resource"));
                if let Some(util) = spec
                    .pointer("/resource/target/averageUtilization")
                    .and_then(Value::as_i64)
                {
                    let cur = match current {
                        Some(c) => format!(
                            "{}% ({})",
                            c.pointer("/current/averageUtilization")
                                .and_then(Value::as_i64)
                                .unwrap_or(0),
                            s(c, "/current/averageValue")
                        ),
                        None => "<unknown>".to_owned(),
                    };
                    w.write(1, &format!("resource {name} on pods  (as a percentage of request):\t{cur} / {util}%\n"));
                } else {
                    let cur =
                        current.map_or("<unknown>".to_owned(), |c| s(c, "/current/averageValue"));
                    w.write(
                        1,
                        &format!(
                            "resource {name} on pods:\t{cur} / {}\n",
                            s(spec, "/resource/target/averageValue")
                        ),
                    );
                }
            }
            "Pods" => {
                let cur = status.map_or("<unknown>".to_owned(), |c| {
                    s(c, "/pods/current/averageValue")
                });
                w.write(
                    1,
                    &format!(
                        "\"{}\" on pods:\t{cur} / {}\n",
                        s(spec, "/pods/metric/name"),
                        s(spec, "/pods/target/averageValue")
                    ),
                );
            }
            other => w.write(1, &format!("<unknown metric type {other}>\n")),
        }
    }
    w.write(
        0,
        &format!("Min replicas:\t{}\n", int_ptr(hpa, "/spec/minReplicas")),
    );
    w.write(
        0,
        &format!(
            "Max replicas:\t{}\n",
            hpa.pointer("/spec/maxReplicas")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        ),
    );
    let n = |p: &str| hpa.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    w.write(
        0,
        &format!(
            "{kind} pods:\t{} current / {} desired\n",
            n("/status/currentReplicas"),
            n("/status/desiredReplicas")
        ),
    );
    let conditions = items(hpa, "/status/conditions");
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tReason\tMessage\n");
        w.write(1, "----\t------\t------\t-------\n");
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\n",
                    s(c, "/type"),
                    s(c, "/status"),
                    s(c, "/reason"),
                    s(c, "/message")
                ),
            );
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe resourcequota`.
pub fn describe_resource_quota(q: &Value) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, q, true);
    quota_scopes(&mut w, 0, q);
    w.write(0, "Resource\tUsed\tHard\n");
    w.write(0, "--------\t----\t----\n");
    let mut names: Vec<String> = q
        .pointer("/status/hard")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    names.sort_shared();
    let quantity = |v: Option<&Value>| {
        let raw = v
            .map(super::jsonpath::go_sprint)
            .unwrap_or_else(|| "0".to_owned());
        super::quantity::Quantity::parse(&raw).map_or(raw, |q| q.to_string())
    };
    for name in names {
        let used = quantity(q.pointer("/status/used").and_then(|u| u.get(name.as_str())));
        let hard = quantity(q.pointer("/status/hard").and_then(|h| h.get(name.as_str())));
        w.write(0, &format!("{name}\t{used}\t{hard}\n"));
    }
    w.finish()
}

/// A quota's scopes, sorted, each followed by what it matches (`level` 0 for the quota, 1 inside a namespace).
pub fn quota_scopes(w: &mut PrefixWriter, level: usize, q: &Value) {
    let mut scopes: Vec<String> = items(q, "/spec/scopes")
        .iter()
        .map(super::jsonpath::go_sprint)
        .collect();
    if scopes.is_empty() {
        return;
    }
    scopes.sort_shared();
    w.write(level, &format!("Scopes:\t{}\n", scopes.join(", ")));
    for scope in &scopes {
        let help = match scope.as_str() {
            "Terminating" => {
                "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system."
            }
            "NotTerminating" => {
                "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate."
            }
            "BestEffort" => {
                "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service."
            }
            "NotBestEffort" => {
                "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service."
            }
            _ => continue,
        };
        // The quota's own description indents the note by a space; a namespace's uses its level.
        let bullet = if level == 0 { " * " } else { "* " };
        w.write(level, &format!("{bullet}{help}\n"));
    }
}

/// `kubectl describe limitrange`.
pub fn describe_limit_range(lr: &Value) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, lr, true);
    w.write(
        0,
        "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
    );
    w.write(
        0,
        "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
    );
    for item in items(lr, "/spec/limits") {
        let mut names = std::collections::BTreeSet::new();
        for key in crate::cluster::quota::LIMIT_KEYS {
            if let Some(m) = item.get(key).and_then(Value::as_object) {
                names.extend(m.keys().cloned());
            }
        }
        for r in names {
            let get = |k: &str| {
                item.get(k)
                    .and_then(|m| m.get(r.as_str()))
                    .map_or("-".to_owned(), |v| {
                        let raw = super::jsonpath::go_sprint(v);
                        super::quantity::Quantity::parse(&raw).map_or(raw, |q| q.to_string())
                    })
            };
            w.write(
                0,
                &format!(
                    "{}\t{r}\t{}\t{}\t{}\t{}\t{}\n",
                    s(&item, "/type"),
                    get("min"),
                    get("max"),
                    get("defaultRequest"),
                    get("default"),
                    get("maxLimitRequestRatio")
                ),
            );
        }
    }
    w.finish()
}

/// `oc describe template`: the metadata, every parameter, the object labels, the message and one `Kind.group  name`
/// line per object, aligned with tabs as oc's describers are.
pub fn describe_template(t: &Value, now: i64) -> String {
    let mut head = String::new();
    let field = |out: &mut String, label: &str, value: &str| {
        let value = if value.is_empty() { "<none>" } else { value };
        out.push_str(&format!("{label}:"));
        for line in value.split('\n') {
            out.push_str(&format!("\t{line}\n"));
        }
    };
    let map_field = |out: &mut String, label: &str, map: Option<&Value>| {
        let mut pairs: Vec<(String, String)> = map
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
            .collect();
        pairs.sort_shared();
        if pairs.is_empty() {
            out.push_str(&format!("{label}:\t<none>\n"));
        }
        for (i, (k, v)) in pairs.iter().enumerate() {
            let lead = if i == 0 {
                format!("{label}:")
            } else {
                String::new()
            };
            out.push_str(&format!("{lead}\t{k}={v}\n"));
        }
    };
    field(&mut head, "Name", &s(t, "/metadata/name"));
    let ns = s(t, "/metadata/namespace");
    if !ns.is_empty() {
        field(&mut head, "Namespace", &ns);
    }
    if let Some(created) = parse_rfc3339(&s(t, "/metadata/creationTimestamp")) {
        head.push_str(&format!(
            "Created:\t{} ago\n",
            super::age::docker_human_duration(now - created)
        ));
    }
    map_field(&mut head, "Labels", t.pointer("/metadata/labels"));
    let mut annotations = t
        .pointer("/metadata/annotations")
        .cloned()
        .unwrap_or(Value::Null);
    let description = annotations
        .as_object_mut()
        .and_then(|m| m.remove("description"))
        .and_then(|d| d.as_str().map(str::to_owned))
        .unwrap_or_default();
    if !description.is_empty() {
        field(&mut head, "Description", &description);
    }
    map_field(&mut head, "Annotations", Some(&annotations));
    head.push('\n');
    let mut body = String::new();
    body.push_str("Parameters:\t \n");
    for p in t
        .pointer("/parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |key: &str| p[key].as_str().unwrap_or_default().to_owned();
        field(&mut body, "    Name", &text("name"));
        if !text("displayName").is_empty() {
            field(&mut body, "    Display Name", &text("displayName"));
        }
        if !text("description").is_empty() {
            field(&mut body, "    Description", &text("description"));
        }
        field(
            &mut body,
            "    Required",
            &(p["required"] == true).to_string(),
        );
        if text("generate").is_empty() {
            field(&mut body, "    Value", &text("value"));
        } else {
            if !text("value").is_empty() {
                field(&mut body, "    Value", &text("value"));
                field(&mut body, "    Generated (ignored)", &text("generate"));
            } else {
                field(&mut body, "    Generated", &text("generate"));
            }
            field(&mut body, "    From", &text("from"));
        }
        body.push('\n');
    }
    body.push('\n');
    let mut labels: Vec<String> = t
        .pointer("/labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
        .collect();
    labels.sort_shared();
    field(&mut body, "Object Labels", &labels.join(","));
    body.push('\n');
    field(&mut body, "Message", &s(t, "/message"));
    body.push('\n');
    let mut objects = String::from("Objects:\t \n");
    for o in t
        .pointer("/objects")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let api = s(o, "/apiVersion");
        let kind = s(o, "/kind");
        let group_kind = match api.rsplit_once('/') {
            Some((group, _)) => format!("{kind}.{group}"),
            None => kind,
        };
        objects.push_str(&format!("    {group_kind}\t{}\n", s(o, "/metadata/name")));
    }
    [head, body, objects]
        .iter()
        .map(|part| super::tabwriter::align_tabs(part, 8, 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::describe::{Related, describe};
    use super::super::fixtures::{NOW, objects, pods};
    use expect_test::expect;
    use serde_json::Value;

    fn describe_all(kinds: &[&str]) -> String {
        let all = objects();
        let pods = pods();
        let services: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Service")
            .cloned()
            .collect();
        let endpoints: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Endpoints")
            .cloned()
            .collect();
        let secrets: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Secret")
            .cloned()
            .collect();
        let related = Related {
            pods: &pods,
            services: &services,
            endpoints_list: &endpoints,
            secrets: &secrets,
            ..Related::default()
        };
        all.iter()
            .filter(|o| kinds.contains(&o["kind"].as_str().unwrap_or_default()))
            .map(|o| {
                format!(
                    "# {}\n{}",
                    o["kind"].as_str().unwrap_or_default(),
                    describe(o, related, NOW)
                )
            })
            .collect()
    }

    #[test]
    fn describes_workloads() {
        expect![[r#"
            # DaemonSet
            Name:           node-exporter
            Selector:       app.kubernetes.io/name=node-exporter
            Node-Selector:  kubernetes.io/os=linux
            Labels:         <none>
            Annotations:    <none>
            Desired Number of Nodes Scheduled: 6
            Current Number of Nodes Scheduled: 6
            Number of Nodes Scheduled with Up-to-date Pods: 6
            Number of Nodes Scheduled with Available Pods: 5
            Number of Nodes Misscheduled: 0
            Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:  app.kubernetes.io/name=node-exporter
              Containers:
               node-exporter:
                Image:        quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:3c1f
                Port:         <none>
                Host Port:    <none>
                Environment:  <none>
                Mounts:       <none>
               kube-rbac-proxy:
                Image:         quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:9d2e
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  kubernetes.io/os=linux
              Tolerations:     <none>
            Events:            <none>
            # StatefulSet
            Name:               db
            Namespace:          default
            CreationTimestamp:  Mon, 01 Jan 2024 08:00:00 +0000
            Selector:           app=db
            Labels:             <none>
            Annotations:        <none>
            Replicas:           3 desired | 3 total
            Update Strategy:    
            Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:  app=db
              Containers:
               postgres:
                Image:         postgres:16
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Volume Claims:     <none>
            Events:            <none>
            # Job
            Name:           pi
            Namespace:      default
            Selector:       batch.kubernetes.io/controller-uid=5c1f
            Labels:         <none>
            Annotations:    <none>
            Parallelism:    1
            Completions:    1
            Backoff Limit:  4
            Start Time:     Mon, 01 Jan 2024 10:00:00 +0000
            Completed At:   Mon, 01 Jan 2024 10:00:42 +0000
            Duration:       42s
            Pods Statuses:  0 Active / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  <none>
              Containers:
               pi:
                Image:         perl:5.34
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:            <none>
            # CronJob
            Name:                          backup
            Namespace:                     default
            Labels:                        <none>
            Annotations:                   <none>
            Schedule:                      */5 * * * *
            Concurrency Policy:            Allow
            Suspend:                       False
            Successful Job History Limit:  <unset>
            Failed Job History Limit:      <unset>
            Starting Deadline Seconds:     <unset>
            Selector:                      <unset>
            Parallelism:                   <unset>
            Completions:                   <unset>
            Pod Template:
              Labels:  <none>
              Containers:
               backup:
                Image:           registry.example.com/backup:2
                Port:            <none>
                Host Port:       <none>
                Environment:     <none>
                Mounts:          <none>
              Volumes:           <none>
              Node-Selectors:    <none>
              Tolerations:       <none>
            Last Schedule Time:  Mon, 01 Jan 2024 11:55:00 +0000
            Active Jobs:         backup-28400000
            Events:              <none>
        "#]]
        .assert_eq(&describe_all(&[
            "StatefulSet",
            "DaemonSet",
            "Job",
            "CronJob",
        ]));
    }

    #[test]
    fn describes_storage_access_and_ingress() {
        expect![[r#"
            # ServiceAccount
            Name:                builder
            Namespace:           default
            Labels:              <none>
            Annotations:         <none>
            Image pull secrets:  builder-dockercfg-8x7kq (not found)
            Mountable secrets:   builder-dockercfg-8x7kq (not found)
            Tokens:              <none>
            Events:              <none>
            # PersistentVolume
            Name:            pvc-3f1c9a2e
            Labels:          <none>
            Annotations:     <none>
            Finalizers:      []
            StorageClass:    gp3-csi
            Status:          Bound
            Claim:           default/data-db-0
            Reclaim Policy:  Delete
            Access Modes:    RWO
            VolumeMode:      Filesystem
            Capacity:        10Gi
            Node Affinity:   <none>
            Message:         
            Source:
              <unknown>
            Events:  <none>
            # PersistentVolumeClaim
            Name:          data-db-0
            Namespace:     default
            StorageClass:  gp3-csi
            Status:        Bound
            Volume:        pvc-3f1c9a2e
            Labels:        <none>
            Annotations:   <none>
            Finalizers:    []
            Capacity:      10Gi
            Access Modes:  RWO
            VolumeMode:    Filesystem
            Used By:       <none>
            Events:        <none>
            # PersistentVolumeClaim
            Name:          scratch
            Namespace:     default
            StorageClass:  gp3-csi
            Status:        Pending
            Volume:        
            Labels:        <none>
            Annotations:   <none>
            Finalizers:    []
            Capacity:      
            Access Modes:  
            VolumeMode:    Filesystem
            Used By:       <none>
            Events:        <none>
            # StorageClass
            Name:                  gp3-csi
            IsDefaultClass:        Yes
            Annotations:           storageclass.kubernetes.io/is-default-class=true
            Provisioner:           ebs.csi.aws.com
            Parameters:            encrypted=true,type=gp3
            AllowVolumeExpansion:  True
            MountOptions:          <none>
            ReclaimPolicy:         Delete
            VolumeBindingMode:     WaitForFirstConsumer
            Events:                <none>
            # Role
            Name:         pod-reader
            Labels:       <none>
            Annotations:  <none>
            PolicyRule:
              Resources  Non-Resource URLs  Resource Names  Verbs
              ---------  -----------------  --------------  -----
              pods       []                 []              [get list watch]
            # ClusterRole
            Name:         view
            Labels:       <none>
            Annotations:  <none>
            PolicyRule:
              Resources  Non-Resource URLs  Resource Names  Verbs
              ---------  -----------------  --------------  -----
              pods       []                 []              [get list watch]
              services   []                 []              [get list watch]
            # RoleBinding
            Name:         read-pods
            Labels:       <none>
            Annotations:  <none>
            Role:
              Kind:  Role
              Name:  pod-reader
            Subjects:
              Kind            Name     Namespace
              ----            ----     ---------
              User            alice    
              User            bob      
              Group           devs     
              ServiceAccount  builder  default
            # ClusterRoleBinding
            Name:         cluster-admins
            Labels:       <none>
            Annotations:  <none>
            Role:
              Kind:  ClusterRole
              Name:  cluster-admin
            Subjects:
              Kind   Name                   Namespace
              ----   ----                   ---------
              Group  system:cluster-admins  
            # Ingress
            Name:             web
            Labels:           <none>
            Namespace:        default
            Address:          router-default.apps.ocp.example.com
            Ingress Class:    openshift-default
            Default backend:  <default>
            TLS:
              SNI routes web.apps.ocp.example.com
            Rules:
              Host                      Path  Backends
              ----                      ----  --------
              web.apps.ocp.example.com  
                                        /   web:80 (10.128.2.15:8080,10.128.2.19:8080,10.131.0.20:8080 + 1 more...)
            Annotations:                <none>
            Events:                     <none>
        "#]].assert_eq(&describe_all(&[
            "PersistentVolume",
            "PersistentVolumeClaim",
            "StorageClass",
            "ServiceAccount",
            "Role",
            "ClusterRole",
            "RoleBinding",
            "ClusterRoleBinding",
            "Ingress",
        ]));
    }

    #[test]
    fn describes_endpoints_autoscalers_and_quotas() {
        expect![[r#"
            # Endpoints
            Name:         web
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>
            Subsets:
              Addresses:          10.128.2.15,10.128.2.19,10.131.0.20,10.131.0.21
              NotReadyAddresses:  10.131.0.22
              Ports:
                Name  Port  Protocol
                ----  ----  --------
                http  8080  TCP
            Events:   <none>
            # HorizontalPodAutoscaler
            Name:                                                  web
            Namespace:                                             default
            Labels:                                                <none>
            Annotations:                                           <none>
            CreationTimestamp:                                     Mon, 01 Jan 2024 10:00:00 +0000
            Reference:                                             Deployment/web
            Metrics:                                               ( current / target )
              resource cpu on pods  (as a percentage of request):  45% (45m) / 80%
            Min replicas:                                          2
            Max replicas:                                          10
            Deployment pods:                                       3 current / 3 desired
            Events:                                                <none>
            # ResourceQuota
            Name:            compute
            Namespace:       default
            Resource         Used   Hard
            --------         ----   ----
            limits.cpu       500m   4
            limits.memory    512Mi  8Gi
            pods             3      10
            requests.cpu     300m   2
            requests.memory  384Mi  4Gi
            # LimitRange
            Name:       defaults
            Namespace:  default
            Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
            ----        --------  ---  ---  ---------------  -------------  -----------------------
            Container   cpu       -    -    100m             500m           -
            Container   memory    -    -    128Mi            512Mi          -
        "#]]
        .assert_eq(&describe_all(&[
            "Endpoints",
            "HorizontalPodAutoscaler",
            "ResourceQuota",
            "LimitRange",
        ]));
    }
}
