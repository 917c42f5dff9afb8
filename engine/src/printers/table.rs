//! The human-readable table kubectl prints for `get`: server column sets, `-o wide`, `--no-headers`, `--show-labels`, `-L`, `-A`, `--sort-by`, `-o name`, aligned by Go's tabwriter as kubectl configures it.

use crate::sort::SortShared;
use std::borrow::Cow;

use serde_json::Value;

use super::columns::{Column, columns_for, format_labels};
use super::jsonpath::{JsonPath, relaxed_expression};

/// The table flags of `kubectl get`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// `--no-headers`.
    pub no_headers: bool,
    /// `-o wide`: also the priority ≥ 1 columns.
    pub wide: bool,
    /// `--show-labels`: a trailing LABELS column.
    pub show_labels: bool,
    /// `-L key,...`: one column per label key, headed by the key's last path segment in upper case.
    pub label_columns: Vec<String>,
    /// `-A` / `--all-namespaces`: a leading NAMESPACE column.
    pub with_namespace: bool,
    /// Prefix names with `kind.group/` (several resource types, or `--show-kind`).
    pub with_kind: bool,
    /// `--sort-by` JSONPath, applied before printing.
    pub sort_by: Option<String>,
}

/// Prints objects (one or several kinds) as `kubectl get` does: one table per kind in order of first appearance, separated by blank lines, with `kind.group/` name prefixes when there is more than one kind.
pub fn print_tables(objects: &[Value], options: &TableOptions, now: i64) -> Result<String, String> {
    let mut groups: Vec<(&str, &str, Vec<usize>)> = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        let api = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
        match groups.iter_mut().find(|(a, k, _)| *a == api && *k == kind) {
            Some(group) => group.2.push(i),
            None => groups.push((api, kind, vec![i])),
        }
    }
    let mut opts = options.clone();
    if groups.len() > 1 {
        opts.with_kind = true;
    }
    let mut parts = Vec::new();
    for (_, _, members) in &groups {
        // One kind (the usual case) prints the objects as they are, without copying them.
        let objs: Cow<[Value]> = if members.len() == objects.len() {
            Cow::Borrowed(objects)
        } else {
            Cow::Owned(members.iter().map(|&i| objects[i].clone()).collect())
        };
        let table = print_table(&objs, &opts, now)?;
        if !table.is_empty() {
            parts.push(table);
        }
    }
    Ok(parts.join("\n"))
}

/// Prints objects of one kind as a table with that kind's server columns.
pub fn print_table(objects: &[Value], options: &TableOptions, now: i64) -> Result<String, String> {
    let Some(first) = objects.first() else {
        return Ok(String::new());
    };
    let (api, kind) = (str_field(first, "apiVersion"), str_field(first, "kind"));
    let columns = columns_for(&api, &kind);
    // The OpenShift API server sorts these lists itself before printing them.
    let meta = |o: &Value, k: &str| {
        o.pointer(&format!("/metadata/{k}"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let sort_key = match (api.split('/').next().unwrap_or_default(), kind.as_str()) {
        ("project.openshift.io", "Project") => Some("name"),
        ("build.openshift.io", "Build") => Some("creationTimestamp"),
        _ => None,
    };
    let objects: Cow<[Value]> = match sort_key {
        Some(key) => {
            let mut sorted = objects.to_vec();
            sorted.sort_shared_by_key(|o| meta(o, key));
            Cow::Owned(sorted)
        }
        None => Cow::Borrowed(objects),
    };
    print_table_with_columns(&objects, &columns, options, now)
}

/// Prints objects with the given columns (for CRDs, build them from `additionalPrinterColumns` with [`Column::json_path`]).
pub fn print_table_with_columns(
    objects: &[Value],
    columns: &[Column],
    options: &TableOptions,
    now: i64,
) -> Result<String, String> {
    if objects.is_empty() {
        return Ok(String::new());
    }
    let objects: Cow<[Value]> = match &options.sort_by {
        Some(spec) => {
            let mut sorted = objects.to_vec();
            sort_objects(&mut sorted, spec)?;
            Cow::Owned(sorted)
        }
        None => Cow::Borrowed(objects),
    };
    let visible: Vec<&Column> = columns
        .iter()
        .filter(|c| options.wide || c.priority == 0)
        .collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if !options.no_headers {
        let mut header = Vec::new();
        if options.with_namespace {
            header.push("NAMESPACE".to_owned());
        }
        header.extend(visible.iter().map(|c| c.name.to_uppercase()));
        header.extend(options.label_columns.iter().map(|l| label_header(l)));
        if options.show_labels {
            header.push("LABELS".to_owned());
        }
        rows.push(header);
    }
    for obj in objects.iter() {
        let mut row = Vec::new();
        if options.with_namespace {
            row.push(
                obj.pointer("/metadata/namespace")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        for (i, c) in visible.iter().enumerate() {
            let mut cell = c.cell(obj, now);
            if options.with_kind && i == 0 && c.name == "Name" {
                cell = format!(
                    "{}/{cell}",
                    qualified_kind(&str_field(obj, "apiVersion"), &str_field(obj, "kind"))
                );
            }
            row.push(cell);
        }
        let labels = obj.pointer("/metadata/labels");
        for key in &options.label_columns {
            row.push(
                labels
                    .and_then(|l| l.get(key.as_str()))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        if options.show_labels {
            row.push(format_labels(labels));
        }
        rows.push(row);
    }
    Ok(tabwrite(&rows))
}

/// The message kubectl prints on standard error when a list is empty (`No resources found in default namespace.`).
pub fn no_resources_message(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("No resources found in {ns} namespace."),
        None => "No resources found".to_owned(),
    }
}

/// `-o name`: one `kind.group/name` line per object (`pod/nginx`, `deployment.apps/web`, `route.route.openshift.io/x`).
pub fn print_names(objects: &[Value]) -> String {
    let mut out = String::new();
    for obj in objects {
        out.push_str(&format!(
            "{}/{}\n",
            qualified_kind(&str_field(obj, "apiVersion"), &str_field(obj, "kind")),
            obj.pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default()
        ));
    }
    out
}

/// The lower-cased `kind.group` kubectl uses in names (`pod`, `deployment.apps`).
pub fn qualified_kind(api_version: &str, kind: &str) -> String {
    match api_version.rsplit_once('/') {
        Some((group, _)) => format!("{}.{group}", kind.to_lowercase()),
        None => kind.to_lowercase(),
    }
}

/// Sorts objects by a `--sort-by` field spec as kubectl does (numbers numerically, strings in natural order, objects missing the field first).
pub fn sort_objects(objects: &mut [Value], spec: &str) -> Result<(), String> {
    let template = relaxed_expression(spec)?;
    let parsed = JsonPath::parse(&template)
        .map_err(|e| format!("error parsing jsonpath {template}, {e}"))?;
    let keys: Vec<Option<Value>> = objects
        .iter()
        .map(|o| {
            parsed
                .find_results(o, true)
                .ok()
                .and_then(|r| r.into_iter().next())
                .and_then(|r| r.into_iter().next())
        })
        .collect();
    if !objects.is_empty() && keys.iter().all(Option::is_none) {
        return Err(format!(
            "couldn't find any field with path {} in the list of objects",
            super::jsonpath::go_quote(&template)
        ));
    }
    for key in keys.iter().flatten() {
        if key.is_object() || key.is_array() {
            return Err(format!(
                "{} is not a sortable value",
                super::json::to_compact_json(key)
            ));
        }
    }
    let mut indexed: Vec<(Option<Value>, Value)> =
        keys.into_iter().zip(objects.iter().cloned()).collect();
    indexed.sort_shared_by(|a, b| compare_keys(a.0.as_ref(), b.0.as_ref()));
    for (slot, (_, obj)) in objects.iter_mut().zip(indexed) {
        *slot = obj;
    }
    Ok(())
}

fn compare_keys(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&y.as_f64().unwrap_or(0.0))
            .unwrap_or(Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => natural_cmp(x, y),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (Some(x), Some(y)) => super::jsonpath::go_sprint(x).cmp(&super::jsonpath::go_sprint(y)),
    }
}

/// Natural string order: runs of digits compare as numbers (`pod-2` before `pod-10`).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < ab.len() && j < bb.len() {
        if ab[i].is_ascii_digit() && bb[j].is_ascii_digit() {
            let si = i;
            while i < ab.len() && ab[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < bb.len() && bb[j].is_ascii_digit() {
                j += 1;
            }
            let na = a[si..i].trim_start_matches('0');
            let nb = b[sj..j].trim_start_matches('0');
            let ord = na
                .len()
                .cmp(&nb.len())
                .then_with(|| na.cmp(nb))
                .then_with(|| (i - si).cmp(&(j - sj)));
            if ord != Ordering::Equal {
                return ord;
            }
        } else {
            if ab[i] != bb[j] {
                return ab[i].cmp(&bb[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (ab.len() - i).cmp(&(bb.len() - j))
}

fn label_header(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_uppercase()
}

fn str_field(obj: &Value, key: &str) -> String {
    obj.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Aligns rows as kubectl's tabwriter does (minimum width 6, padding 3, the last cell of a row unpadded); cells are cut at the first line break with `...`.
pub fn tabwrite(rows: &[Vec<String>]) -> String {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cut_cell(c).replace('\t', " ")).collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    super::tabwriter::align(&text, 6, 3)
}

fn cut_cell(cell: &str) -> String {
    match cell.find(['\n', '\r', '\u{c}']) {
        Some(i) => format!("{}...", &cell[..i]),
        None => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::fixtures::{NOW, nodes, objects, pods};
    use expect_test::expect;

    /// Renders every fixture kind's table, default and wide, one section per kind.
    fn all_tables(wide: bool) -> String {
        let mut all = pods();
        all.extend(nodes());
        all.extend(objects());
        let mut kinds: Vec<(String, String)> = Vec::new();
        for o in &all {
            let key = (str_field(o, "apiVersion"), str_field(o, "kind"));
            if !kinds.contains(&key) {
                kinds.push(key);
            }
        }
        let opts = TableOptions {
            wide,
            ..TableOptions::default()
        };
        let mut out = String::new();
        for (api, kind) in kinds {
            let objs: Vec<Value> = all
                .iter()
                .filter(|o| str_field(o, "apiVersion") == api && str_field(o, "kind") == kind)
                .cloned()
                .collect();
            out.push_str(&format!("# {kind} ({api})\n"));
            out.push_str(&print_table(&objs, &opts, NOW).unwrap());
        }
        out
    }

    #[test]
    fn every_kind_default_columns() {
        expect![[r#"
            # Pod (v1)
            NAME                   READY   STATUS             RESTARTS     AGE
            web-7c5ddbdf54-x8k2p   1/1     Running            0            150m
            crashy                 0/1     CrashLoopBackOff   5 (2m ago)   60m
            init-wait              0/1     Init:0/1           0            30s
            pi-x7v2q               0/1     Completed          0            120m
            bad-image              0/1     ImagePullBackOff   0            5m
            going-away             1/1     Terminating        1            2d
            sidecar-pod            1/2     Running            0            2m
            unscheduled            0/1     Pending            0            2s
            # Node (v1)
            NAME                       STATUS                     ROLES                  AGE   VERSION
            master-0.ocp.example.com   Ready                      control-plane,master   31d   v1.27.6+f67aeb3
            worker-0.ocp.example.com   Ready,SchedulingDisabled   worker                 31d   v1.27.6+f67aeb3
            worker-1.ocp.example.com   NotReady                   worker                 31d   v1.27.6+f67aeb3
            # Namespace (v1)
            NAME   STATUS   AGE
            demo   Active   24h
            # Deployment (apps/v1)
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE
            web    2/3     3            2           150m
            # ReplicaSet (apps/v1)
            NAME             DESIRED   CURRENT   READY   AGE
            web-7c5ddbdf54   3         3         2       150m
            # DaemonSet (apps/v1)
            NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
            node-exporter   6         6         5       6            5           kubernetes.io/os=linux   31d
            # StatefulSet (apps/v1)
            NAME   READY   AGE
            db     3/3     4h
            # Job (batch/v1)
            NAME   COMPLETIONS   DURATION   AGE
            pi     1/1           42s        120m
            # CronJob (batch/v1)
            NAME     SCHEDULE      SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            backup   */5 * * * *   False     1        5m              7d12h
            # Service (v1)
            NAME         TYPE           CLUSTER-IP     EXTERNAL-IP        PORT(S)                      AGE
            web          ClusterIP      172.30.12.34   <none>             80/TCP                       149m
            web-np       NodePort       172.30.99.1    <none>             80:31234/TCP,443:30443/TCP   149m
            web-lb       LoadBalancer   172.30.5.6     a1b2c3d4e5f6-...   80:30080/TCP                 149m
            pending-lb   LoadBalancer   172.30.5.7     <pending>          443:31443/TCP                60s
            db           ClusterIP      None           <none>             5432/TCP                     4h
            external     ExternalName   <none>         db.example.com     <none>                       4h
            # Endpoints (v1)
            NAME   ENDPOINTS                                                        AGE
            web    10.128.2.15:8080,10.128.2.19:8080,10.131.0.20:8080 + 1 more...   149m
            # EndpointSlice (discovery.k8s.io/v1)
            NAME        ADDRESSTYPE   PORTS   ENDPOINTS                                         AGE
            web-8kx2v   IPv4          8080    10.128.2.15,10.128.2.19,10.131.0.20 + 1 more...   149m
            # ConfigMap (v1)
            NAME         DATA   AGE
            app-config   3      3h
            # Secret (v1)
            NAME       TYPE     DATA   AGE
            db-creds   Opaque   2      3h
            # ServiceAccount (v1)
            NAME      SECRETS   AGE
            builder   1         4h
            # PersistentVolume (v1)
            NAME           CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   REASON   AGE
            pvc-3f1c9a2e   10Gi       RWO            Delete           Bound    default/data-db-0   gp3-csi                 4h
            # PersistentVolumeClaim (v1)
            NAME        STATUS    VOLUME         CAPACITY   ACCESS MODES   STORAGECLASS   AGE
            data-db-0   Bound     pvc-3f1c9a2e   10Gi       RWO            gp3-csi        4h
            scratch     Pending                                            gp3-csi        10m
            # StorageClass (storage.k8s.io/v1)
            NAME                PROVISIONER       RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
            gp3-csi (default)   ebs.csi.aws.com   Delete          WaitForFirstConsumer   true                   31d
            # Role (rbac.authorization.k8s.io/v1)
            NAME         CREATED AT
            pod-reader   2024-01-01T08:00:00Z
            # ClusterRole (rbac.authorization.k8s.io/v1)
            NAME   CREATED AT
            view   2023-12-01T08:00:00Z
            # RoleBinding (rbac.authorization.k8s.io/v1)
            NAME        ROLE              AGE
            read-pods   Role/pod-reader   4h
            # ClusterRoleBinding (rbac.authorization.k8s.io/v1)
            NAME             ROLE                        AGE
            cluster-admins   ClusterRole/cluster-admin   31d
            # HorizontalPodAutoscaler (autoscaling/v2)
            NAME   REFERENCE        TARGETS   MINPODS   MAXPODS   REPLICAS   AGE
            web    Deployment/web   45%/80%   2         10        3          120m
            # Event (v1)
            LAST SEEN   TYPE      REASON    OBJECT       MESSAGE
            60s         Warning   BackOff   pod/crashy   Back-off restarting failed container app in pod crashy_default(crashy-uid)
            # ResourceQuota (v1)
            NAME      AGE   REQUEST                                                        LIMIT
            compute   4h    pods: 3/10, requests.cpu: 300m/2, requests.memory: 384Mi/4Gi   limits.cpu: 500m/4, limits.memory: 512Mi/8Gi
            # LimitRange (v1)
            NAME       CREATED AT
            defaults   2024-01-01T08:00:00Z
            # Ingress (networking.k8s.io/v1)
            NAME   CLASS               HOSTS                      ADDRESS            PORTS     AGE
            web    openshift-default   web.apps.ocp.example.com   router-defaul...   80, 443   140m
            # CertificateSigningRequest (certificates.k8s.io/v1)
            NAME        AGE   SIGNERNAME                                    REQUESTOR                                                                   REQUESTEDDURATION   CONDITION
            csr-8vnps   20m   kubernetes.io/kube-apiserver-client-kubelet   system:serviceaccount:openshift-machine-config-operator:node-bootstrapper   <none>              Pending
            csr-2xk9d   19m   kubernetes.io/kubelet-serving                 system:node:worker-0.ocp.example.com                                        24h                 Approved,Issued
            # Project (project.openshift.io/v1)
            NAME   DISPLAY NAME   STATUS
            demo   Demo Project   Active
            # Route (route.openshift.io/v1)
            NAME     HOST/PORT                          PATH   SERVICES          PORT    TERMINATION     WILDCARD
            web      web-demo.apps.ocp.example.com             web               http    edge/Redirect   None
            canary   canary-demo.apps.ocp.example.com   /api   v1(90%),v2(10%)   <all>                   None
            # DeploymentConfig (apps.openshift.io/v1)
            NAME       REVISION   DESIRED   CURRENT   TRIGGERED BY
            frontend   3          2         2         config,image(frontend:latest)
            # BuildConfig (build.openshift.io/v1)
            NAME       TYPE     FROM   LATEST
            frontend   Source   Git    2
            # Build (build.openshift.io/v1)
            NAME         TYPE     FROM          STATUS     STARTED     DURATION
            frontend-2   Source   Git@a1b2c3d   Complete   9m58s ago   1m23s
            # ImageStream (image.openshift.io/v1)
            NAME       IMAGE REPOSITORY                                                 TAGS        UPDATED
            frontend   image-registry.openshift-image-registry.svc:5000/demo/frontend   latest,v2   8 minutes ago
            # User (user.openshift.io/v1)
            NAME    UID                                 FULL NAME   IDENTITIES
            alice   alice-0000-4000-8000-000000000000   Alice Kim   htpasswd:alice
            # Group (user.openshift.io/v1)
            NAME   USERS
            devs   alice, bob
            # ClusterOperator (config.openshift.io/v1)
            NAME             VERSION   AVAILABLE   PROGRESSING   DEGRADED   SINCE   MESSAGE
            authentication   4.14.3    True        False         False      31d     AuthenticatorCertKeyProgressing: All is well
            # ClusterVersion (config.openshift.io/v1)
            NAME      VERSION   AVAILABLE   PROGRESSING   SINCE   STATUS
            version   4.14.3    True        False         31d     Cluster version is 4.14.3
            # MachineConfigPool (machineconfiguration.openshift.io/v1)
            NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
            worker   rendered-worker-5a3c1e0f9b8d7c6e5f4a3b2c1d0e9f8a   True      False      False      3              3                   3                     0                      31d
            # Machine (machine.openshift.io/v1beta1)
            NAME                                PHASE     TYPE         REGION      ZONE         AGE
            ocp-x7k2p-worker-us-east-1a-8d9fq   Running   m6i.xlarge   us-east-1   us-east-1a   31d
            # MachineSet (machine.openshift.io/v1beta1)
            NAME                          DESIRED   CURRENT   READY   AVAILABLE   AGE
            ocp-x7k2p-worker-us-east-1a   1         1         1       1           31d
            # Network (config.openshift.io/v1)
            NAME      AGE
            cluster   31d
            # NetworkPolicy (networking.k8s.io/v1)
            NAME        POD-SELECTOR   AGE
            allow-web   app=web        120m
            deny-all    <none>         120m
            # PodDisruptionBudget (policy/v1)
            NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
            web    50%             N/A               0                     120m
            # PriorityClass (scheduling.k8s.io/v1)
            NAME                      VALUE        GLOBAL-DEFAULT   AGE
            system-cluster-critical   2000000000   false            31d
            # Lease (coordination.k8s.io/v1)
            NAME                       HOLDER                     AGE
            worker-0.ocp.example.com   worker-0.ocp.example.com   31d
            # ControllerRevision (apps/v1)
            NAME           CONTROLLER            REVISION   AGE
            db-7d9f8c6b5   statefulset.apps/db   1          4h
            # Widget (example.com/v1)
            NAME    AGE
            gizmo   60m
        "#]].assert_eq(&all_tables(false));
    }

    #[test]
    fn every_kind_wide_columns() {
        expect![[r#"
            # Pod (v1)
            NAME                   READY   STATUS             RESTARTS     AGE    IP            NODE                       NOMINATED NODE   READINESS GATES
            web-7c5ddbdf54-x8k2p   1/1     Running            0            150m   10.128.2.15   worker-0.ocp.example.com   <none>           <none>
            crashy                 0/1     CrashLoopBackOff   5 (2m ago)   60m    10.131.0.7    worker-1.ocp.example.com   <none>           <none>
            init-wait              0/1     Init:0/1           0            30s    10.128.2.16   worker-0.ocp.example.com   <none>           <none>
            pi-x7v2q               0/1     Completed          0            120m   10.131.0.9    worker-1.ocp.example.com   <none>           <none>
            bad-image              0/1     ImagePullBackOff   0            5m     10.128.2.17   worker-0.ocp.example.com   <none>           <none>
            going-away             1/1     Terminating        1            2d     10.128.2.18   worker-0.ocp.example.com   <none>           <none>
            sidecar-pod            1/2     Running            0            2m     10.131.0.12   worker-1.ocp.example.com   <none>           0/1
            unscheduled            0/1     Pending            0            2s     <none>        <none>                     <none>           <none>
            # Node (v1)
            NAME                       STATUS                     ROLES                  AGE   VERSION           INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                                                       KERNEL-VERSION                 CONTAINER-RUNTIME
            master-0.ocp.example.com   Ready                      control-plane,master   31d   v1.27.6+f67aeb3   10.0.1.10     <none>        Red Hat Enterprise Linux CoreOS 414.92.202310170514-0 (Plow)   5.14.0-284.25.1.el9_2.x86_64   cri-o://1.27.1-13.1.rhaos4.14.git956c5f7.el9
            worker-0.ocp.example.com   Ready,SchedulingDisabled   worker                 31d   v1.27.6+f67aeb3   10.0.1.20     <none>        Red Hat Enterprise Linux CoreOS 414.92.202310170514-0 (Plow)   5.14.0-284.25.1.el9_2.x86_64   cri-o://1.27.1-13.1.rhaos4.14.git956c5f7.el9
            worker-1.ocp.example.com   NotReady                   worker                 31d   v1.27.6+f67aeb3   10.0.1.21     <none>        Red Hat Enterprise Linux CoreOS 414.92.202310170514-0 (Plow)   5.14.0-284.25.1.el9_2.x86_64   cri-o://1.27.1-13.1.rhaos4.14.git956c5f7.el9
            # Namespace (v1)
            NAME   STATUS   AGE
            demo   Active   24h
            # Deployment (apps/v1)
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES               SELECTOR
            web    2/3     3            2           150m   nginx,log    nginx:1.25,busybox   app=web
            # ReplicaSet (apps/v1)
            NAME             DESIRED   CURRENT   READY   AGE    CONTAINERS   IMAGES               SELECTOR
            web-7c5ddbdf54   3         3         2       150m   nginx,log    nginx:1.25,busybox   app=web,pod-template-hash=7c5ddbdf54
            # DaemonSet (apps/v1)
            NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS                      IMAGES                                                                                                                  SELECTOR
            node-exporter   6         6         5       6            5           kubernetes.io/os=linux   31d   node-exporter,kube-rbac-proxy   quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:3c1f,quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:9d2e   app.kubernetes.io/name=node-exporter
            # StatefulSet (apps/v1)
            NAME   READY   AGE   CONTAINERS   IMAGES
            db     3/3     4h    postgres     postgres:16
            # Job (batch/v1)
            NAME   COMPLETIONS   DURATION   AGE    CONTAINERS   IMAGES      SELECTOR
            pi     1/1           42s        120m   pi           perl:5.34   batch.kubernetes.io/controller-uid=5c1f
            # CronJob (batch/v1)
            NAME     SCHEDULE      SUSPEND   ACTIVE   LAST SCHEDULE   AGE     CONTAINERS   IMAGES                          SELECTOR
            backup   */5 * * * *   False     1        5m              7d12h   backup       registry.example.com/backup:2   
            # Service (v1)
            NAME         TYPE           CLUSTER-IP     EXTERNAL-IP        PORT(S)                      AGE    SELECTOR
            web          ClusterIP      172.30.12.34   <none>             80/TCP                       149m   app=web
            web-np       NodePort       172.30.99.1    <none>             80:31234/TCP,443:30443/TCP   149m   app=web
            web-lb       LoadBalancer   172.30.5.6     a1b2c3d4e5f6-...   80:30080/TCP                 149m   app=web
            pending-lb   LoadBalancer   172.30.5.7     <pending>          443:31443/TCP                60s    <none>
            db           ClusterIP      None           <none>             5432/TCP                     4h     app=db
            external     ExternalName   <none>         db.example.com     <none>                       4h     <none>
            # Endpoints (v1)
            NAME   ENDPOINTS                                                        AGE
            web    10.128.2.15:8080,10.128.2.19:8080,10.131.0.20:8080 + 1 more...   149m
            # EndpointSlice (discovery.k8s.io/v1)
            NAME        ADDRESSTYPE   PORTS   ENDPOINTS                                         AGE
            web-8kx2v   IPv4          8080    10.128.2.15,10.128.2.19,10.131.0.20 + 1 more...   149m
            # ConfigMap (v1)
            NAME         DATA   AGE
            app-config   3      3h
            # Secret (v1)
            NAME       TYPE     DATA   AGE
            db-creds   Opaque   2      3h
            # ServiceAccount (v1)
            NAME      SECRETS   AGE
            builder   1         4h
            # PersistentVolume (v1)
            NAME           CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   REASON   AGE   VOLUMEMODE
            pvc-3f1c9a2e   10Gi       RWO            Delete           Bound    default/data-db-0   gp3-csi                 4h    Filesystem
            # PersistentVolumeClaim (v1)
            NAME        STATUS    VOLUME         CAPACITY   ACCESS MODES   STORAGECLASS   AGE   VOLUMEMODE
            data-db-0   Bound     pvc-3f1c9a2e   10Gi       RWO            gp3-csi        4h    Filesystem
            scratch     Pending                                            gp3-csi        10m   Filesystem
            # StorageClass (storage.k8s.io/v1)
            NAME                PROVISIONER       RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
            gp3-csi (default)   ebs.csi.aws.com   Delete          WaitForFirstConsumer   true                   31d
            # Role (rbac.authorization.k8s.io/v1)
            NAME         CREATED AT
            pod-reader   2024-01-01T08:00:00Z
            # ClusterRole (rbac.authorization.k8s.io/v1)
            NAME   CREATED AT
            view   2023-12-01T08:00:00Z
            # RoleBinding (rbac.authorization.k8s.io/v1)
            NAME        ROLE              AGE   USERS        GROUPS   SERVICEACCOUNTS
            read-pods   Role/pod-reader   4h    alice, bob   devs     default/builder
            # ClusterRoleBinding (rbac.authorization.k8s.io/v1)
            NAME             ROLE                        AGE   USERS   GROUPS                  SERVICEACCOUNTS
            cluster-admins   ClusterRole/cluster-admin   31d           system:cluster-admins   
            # HorizontalPodAutoscaler (autoscaling/v2)
            NAME   REFERENCE        TARGETS   MINPODS   MAXPODS   REPLICAS   AGE
            web    Deployment/web   45%/80%   2         10        3          120m
            # Event (v1)
            LAST SEEN   TYPE      REASON    OBJECT       SUBOBJECT              SOURCE                              MESSAGE                                                                      FIRST SEEN   COUNT   NAME
            60s         Warning   BackOff   pod/crashy   spec.containers{app}   kubelet, worker-1.ocp.example.com   Back-off restarting failed container app in pod crashy_default(crashy-uid)   59m          27      crashy.17a8b9c0d1e2f3a4
            # ResourceQuota (v1)
            NAME      AGE   REQUEST                                                        LIMIT
            compute   4h    pods: 3/10, requests.cpu: 300m/2, requests.memory: 384Mi/4Gi   limits.cpu: 500m/4, limits.memory: 512Mi/8Gi
            # LimitRange (v1)
            NAME       CREATED AT
            defaults   2024-01-01T08:00:00Z
            # Ingress (networking.k8s.io/v1)
            NAME   CLASS               HOSTS                      ADDRESS            PORTS     AGE
            web    openshift-default   web.apps.ocp.example.com   router-defaul...   80, 443   140m
            # CertificateSigningRequest (certificates.k8s.io/v1)
            NAME        AGE   SIGNERNAME                                    REQUESTOR                                                                   REQUESTEDDURATION   CONDITION
            csr-8vnps   20m   kubernetes.io/kube-apiserver-client-kubelet   system:serviceaccount:openshift-machine-config-operator:node-bootstrapper   <none>              Pending
            csr-2xk9d   19m   kubernetes.io/kubelet-serving                 system:node:worker-0.ocp.example.com                                        24h                 Approved,Issued
            # Project (project.openshift.io/v1)
            NAME   DISPLAY NAME   STATUS
            demo   Demo Project   Active
            # Route (route.openshift.io/v1)
            NAME     HOST/PORT                          PATH   SERVICES          PORT    TERMINATION     WILDCARD
            web      web-demo.apps.ocp.example.com             web               http    edge/Redirect   None
            canary   canary-demo.apps.ocp.example.com   /api   v1(90%),v2(10%)   <all>                   None
            # DeploymentConfig (apps.openshift.io/v1)
            NAME       REVISION   DESIRED   CURRENT   TRIGGERED BY
            frontend   3          2         2         config,image(frontend:latest)
            # BuildConfig (build.openshift.io/v1)
            NAME       TYPE     FROM   LATEST
            frontend   Source   Git    2
            # Build (build.openshift.io/v1)
            NAME         TYPE     FROM          STATUS     STARTED     DURATION
            frontend-2   Source   Git@a1b2c3d   Complete   9m58s ago   1m23s
            # ImageStream (image.openshift.io/v1)
            NAME       IMAGE REPOSITORY                                                 TAGS        UPDATED
            frontend   image-registry.openshift-image-registry.svc:5000/demo/frontend   latest,v2   8 minutes ago
            # User (user.openshift.io/v1)
            NAME    UID                                 FULL NAME   IDENTITIES
            alice   alice-0000-4000-8000-000000000000   Alice Kim   htpasswd:alice
            # Group (user.openshift.io/v1)
            NAME   USERS
            devs   alice, bob
            # ClusterOperator (config.openshift.io/v1)
            NAME             VERSION   AVAILABLE   PROGRESSING   DEGRADED   SINCE   MESSAGE
            authentication   4.14.3    True        False         False      31d     AuthenticatorCertKeyProgressing: All is well
            # ClusterVersion (config.openshift.io/v1)
            NAME      VERSION   AVAILABLE   PROGRESSING   SINCE   STATUS
            version   4.14.3    True        False         31d     Cluster version is 4.14.3
            # MachineConfigPool (machineconfiguration.openshift.io/v1)
            NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
            worker   rendered-worker-5a3c1e0f9b8d7c6e5f4a3b2c1d0e9f8a   True      False      False      3              3                   3                     0                      31d
            # Machine (machine.openshift.io/v1beta1)
            NAME                                PHASE     TYPE         REGION      ZONE         AGE   NODE                       PROVIDERID                              STATE
            ocp-x7k2p-worker-us-east-1a-8d9fq   Running   m6i.xlarge   us-east-1   us-east-1a   31d   worker-0.ocp.example.com   aws:///us-east-1a/i-0a1b2c3d4e5f67890   running
            # MachineSet (machine.openshift.io/v1beta1)
            NAME                          DESIRED   CURRENT   READY   AVAILABLE   AGE
            ocp-x7k2p-worker-us-east-1a   1         1         1       1           31d
            # Network (config.openshift.io/v1)
            NAME      AGE
            cluster   31d
            # NetworkPolicy (networking.k8s.io/v1)
            NAME        POD-SELECTOR   AGE
            allow-web   app=web        120m
            deny-all    <none>         120m
            # PodDisruptionBudget (policy/v1)
            NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
            web    50%             N/A               0                     120m
            # PriorityClass (scheduling.k8s.io/v1)
            NAME                      VALUE        GLOBAL-DEFAULT   AGE
            system-cluster-critical   2000000000   false            31d
            # Lease (coordination.k8s.io/v1)
            NAME                       HOLDER                     AGE
            worker-0.ocp.example.com   worker-0.ocp.example.com   31d
            # ControllerRevision (apps/v1)
            NAME           CONTROLLER            REVISION   AGE
            db-7d9f8c6b5   statefulset.apps/db   1          4h
            # Widget (example.com/v1)
            NAME    AGE
            gizmo   60m
        "#]].assert_eq(&all_tables(true));
    }

    #[test]
    fn label_namespace_and_header_options() {
        let pods = pods();
        let some = &pods[..3];
        let opts = TableOptions {
            show_labels: true,
            with_namespace: true,
            label_columns: vec!["app".into(), "app.kubernetes.io/name".into()],
            ..Default::default()
        };
        expect![[r#"
            NAMESPACE   NAME                   READY   STATUS             RESTARTS     AGE    APP   NAME   LABELS
            default     web-7c5ddbdf54-x8k2p   1/1     Running            0            150m   web          app=web,pod-template-hash=7c5ddbdf54
            default     crashy                 0/1     CrashLoopBackOff   5 (2m ago)   60m                 run=crashy
            default     init-wait              0/1     Init:0/1           0            30s                 <none>
        "#]].assert_eq(&print_table(some, &opts, NOW).unwrap());
        let opts = TableOptions {
            no_headers: true,
            ..Default::default()
        };
        expect![[r#"
            web-7c5ddbdf54-x8k2p   1/1   Running            0            150m
            crashy                 0/1   CrashLoopBackOff   5 (2m ago)   60m
            init-wait              0/1   Init:0/1           0            30s
        "#]]
        .assert_eq(&print_table(some, &opts, NOW).unwrap());
        assert_eq!(print_table(&[], &TableOptions::default(), NOW).unwrap(), "");
        assert_eq!(
            no_resources_message(Some("default")),
            "No resources found in default namespace."
        );
    }

    #[test]
    fn several_kinds_print_separate_tables_with_kind_prefixes() {
        let all = objects();
        let pick: Vec<Value> = all
            .iter()
            .filter(|o| {
                ["Deployment", "ReplicaSet", "Service", "Route"]
                    .contains(&str_field(o, "kind").as_str())
            })
            .cloned()
            .chain(pods().into_iter().take(2))
            .collect();
        expect![[r#"
            NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/web   2/3     3            2           150m

            NAME                             DESIRED   CURRENT   READY   AGE
            replicaset.apps/web-7c5ddbdf54   3         3         2       150m

            NAME                 TYPE           CLUSTER-IP     EXTERNAL-IP        PORT(S)                      AGE
            service/web          ClusterIP      172.30.12.34   <none>             80/TCP                       149m
            service/web-np       NodePort       172.30.99.1    <none>             80:31234/TCP,443:30443/TCP   149m
            service/web-lb       LoadBalancer   172.30.5.6     a1b2c3d4e5f6-...   80:30080/TCP                 149m
            service/pending-lb   LoadBalancer   172.30.5.7     <pending>          443:31443/TCP                60s
            service/db           ClusterIP      None           <none>             5432/TCP                     4h
            service/external     ExternalName   <none>         db.example.com     <none>                       4h

            NAME                              HOST/PORT                          PATH   SERVICES          PORT    TERMINATION     WILDCARD
            route.route.openshift.io/web      web-demo.apps.ocp.example.com             web               http    edge/Redirect   None
            route.route.openshift.io/canary   canary-demo.apps.ocp.example.com   /api   v1(90%),v2(10%)   <all>                   None

            NAME                       READY   STATUS             RESTARTS     AGE
            pod/web-7c5ddbdf54-x8k2p   1/1     Running            0            150m
            pod/crashy                 0/1     CrashLoopBackOff   5 (2m ago)   60m
        "#]].assert_eq(&print_tables(&pick, &TableOptions::default(), NOW).unwrap());
        expect![[r#"
            deployment.apps/web
            replicaset.apps/web-7c5ddbdf54
            service/web
            service/web-np
            service/web-lb
            service/pending-lb
            service/db
            service/external
            route.route.openshift.io/web
            route.route.openshift.io/canary
            pod/web-7c5ddbdf54-x8k2p
            pod/crashy
        "#]]
        .assert_eq(&print_names(&pick));
    }

    #[test]
    fn sort_by_orders_rows() {
        let mut p = pods();
        let opts = TableOptions {
            sort_by: Some(".metadata.creationTimestamp".into()),
            ..Default::default()
        };
        expect![[r#"
            NAME                   READY   STATUS             RESTARTS     AGE
            going-away             1/1     Terminating        1            2d
            web-7c5ddbdf54-x8k2p   1/1     Running            0            150m
            pi-x7v2q               0/1     Completed          0            120m
            crashy                 0/1     CrashLoopBackOff   5 (2m ago)   60m
            bad-image              0/1     ImagePullBackOff   0            5m
            sidecar-pod            1/2     Running            0            2m
            init-wait              0/1     Init:0/1           0            30s
            unscheduled            0/1     Pending            0            2s
        "#]]
        .assert_eq(&print_table(&p, &opts, NOW).unwrap());
        sort_objects(&mut p, "{.status.containerStatuses[0].restartCount}").unwrap();
        let names: Vec<String> = p
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap().to_owned())
            .collect();
        expect!["unscheduled web-7c5ddbdf54-x8k2p init-wait pi-x7v2q bad-image sidecar-pod going-away crashy"].assert_eq(&names.join(" "));
        expect![[r#"couldn't find any field with path "{.spec.nothing}" in the list of objects"#]]
            .assert_eq(&sort_objects(&mut p, ".spec.nothing").unwrap_err());
        expect!["unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"].assert_eq(&sort_objects(&mut p, "{.a}{.b}").unwrap_err());
        assert_eq!(natural_cmp("pod-2", "pod-10"), std::cmp::Ordering::Less);
    }

    #[test]
    fn tabwriter_matches_kubectl_config_get_contexts() {
        let rows = vec![
            vec![
                "CURRENT".to_owned(),
                "NAME".into(),
                "CLUSTER".into(),
                "AUTHINFO".into(),
                "NAMESPACE".into(),
            ],
            vec![
                "*".to_owned(),
                "a".into(),
                "c".into(),
                "u".into(),
                "ns".into(),
            ],
            vec![
                "".to_owned(),
                "bb".into(),
                "c".into(),
                "u".into(),
                "".into(),
            ],
        ];
        let ours = tabwrite(&rows);
        assert_eq!(
            ours,
            "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n*         a      c         u          ns\n          bb     c         u          \n"
        );
        let no_headers = tabwrite(&rows[1..]);
        assert_eq!(
            no_headers,
            "*     a     c     u     ns\n      bb    c     u     \n"
        );
        // The same rows from the real client, when installed.
        let dir = std::env::temp_dir().join(format!("bastion-tab-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let kubeconfig = dir.join("config");
        std::fs::write(
            &kubeconfig,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://127.0.0.1:1\"}\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: a\n  context: {cluster: c, user: u, namespace: ns}\n- name: bb\n  context: {cluster: c, user: u}\ncurrent-context: a\n",
        )
        .unwrap();
        let Some(real) = super::super::test_support::kubectl_ok(&[
            "config",
            "get-contexts",
            "--kubeconfig",
            &kubeconfig.to_string_lossy(),
        ]) else {
            return;
        };
        assert_eq!(ours, real);
    }

    #[test]
    fn crd_printer_columns() {
        let crd = serde_json::json!({"spec": {"versions": [
            {"name": "v1", "additionalPrinterColumns": [
                {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
                {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"},
                {"name": "Color", "type": "string", "jsonPath": ".spec.color", "priority": 1},
                {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]},
            {"name": "v2"}]}});
        let widgets: Vec<Value> = objects()
            .into_iter()
            .filter(|o| o["kind"] == "Widget")
            .collect();
        let cols = super::super::columns::columns_from_crd(&crd, "v1");
        expect![[r#"
            NAME    SIZE   READY   COLOR   AGE
            gizmo   3                      60m
        "#]]
        .assert_eq(
            &print_table_with_columns(
                &widgets,
                &cols,
                &TableOptions {
                    wide: true,
                    ..Default::default()
                },
                NOW,
            )
            .unwrap(),
        );
        let cols = super::super::columns::columns_from_crd(&crd, "v2");
        expect![[r#"
            NAME    AGE
            gizmo   60m
        "#]]
        .assert_eq(
            &print_table_with_columns(&widgets, &cols, &TableOptions::default(), NOW).unwrap(),
        );
    }

    #[test]
    fn cells_are_cut_at_line_breaks() {
        assert_eq!(tabwrite(&[vec!["a\nb".into(), "c".into()]]), "a...   c\n");
    }
}
