//! The kubeconfig files through the command line: what a fresh session holds, what `oc login` and `kubectl config` write, and what kubectl does when the files are gone, broken or several.

use expect_test::{Expect, expect};

use super::*;

/// Runs `lines` one after another and prints each with its output, error and exit code, as a terminal shows them.
fn check(s: &mut Session, lines: &[&str], expected: Expect) {
    let mut out = String::new();
    for line in lines {
        let o = s.exec(line);
        out.push_str(&format!("$ {line}\n{}", o.stdout));
        for l in o.stderr.lines() {
            out.push_str(&format!("! {l}\n"));
        }
        if o.code != 0 {
            out.push_str(&format!("[exit {}]\n", o.code));
        }
    }
    expected.assert_eq(&out);
}

#[test]
fn a_fresh_ocp4_session_holds_the_installers_admin_kubeconfig() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        &[
            "cat ~/.kube/config | cut -c1-72",
            "kubectl config view",
            "kubectl config view --raw --minify -o jsonpath='{.users[0].user.client-key-data}' | base64 -d | head -2",
            "oc whoami",
        ],
        expect![[r#"
            $ cat ~/.kube/config | cut -c1-72
            clusters:
            - cluster:
                certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1J
                server: https://api.ocp4.example.com:6443
              name: ocp4
            contexts:
            - context:
                cluster: ocp4
                namespace: default
                user: admin
              name: admin
            current-context: admin
            preferences: {}
            users:
            - name: admin
              user:
                client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUR
                client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlETGp
            $ kubectl config view
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: DATA+OMITTED
                server: https://api.ocp4.example.com:6443
              name: ocp4
            contexts:
            - context:
                cluster: ocp4
                namespace: default
                user: admin
              name: admin
            current-context: admin
            kind: Config
            preferences: {}
            users:
            - name: admin
              user:
                client-certificate-data: DATA+OMITTED
                client-key-data: DATA+OMITTED
            $ kubectl config view --raw --minify -o jsonpath='{.users[0].user.client-key-data}' | base64 -d | head -2
            -----BEGIN RSA PRIVATE KEY-----
            MIIDLjCCAhagAwIBAgIIhhmH5OaLjC3gVKVrRiNZHifUt430Kx1MvYiu0Tc6KgVD
            $ oc whoami
            system:admin
        "#]],
    );
}

#[test]
fn a_fresh_kubeadm_session_holds_admin_conf() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        &["cat ~/.kube/config | cut -c1-72", "kubectl auth whoami"],
        expect![[r#"
            $ cat ~/.kube/config | cut -c1-72
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1J
                server: https://192.168.56.10:6443
              name: kubernetes
            contexts:
            - context:
                cluster: kubernetes
                user: kubernetes-admin
              name: kubernetes-admin@kubernetes
            current-context: kubernetes-admin@kubernetes
            kind: Config
            preferences: {}
            users:
            - name: kubernetes-admin
              user:
                client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUR
                client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlETGp
            $ kubectl auth whoami
            ATTRIBUTE   VALUE
            Username    kubernetes-admin
            Groups      [kubeadm:cluster-admins system:authenticated]
        "#]],
    );
}

#[test]
fn the_eks_bastion_holds_what_update_kubeconfig_writes_and_writes_it_again_after_rm() {
    let mut s = Session::new("eks", 1).unwrap();
    check(
        &mut s,
        &[
            "cat ~/.kube/config | cut -c1-72",
            "rm ~/.kube/config",
            "kubectl get nodes",
            "aws eks update-kubeconfig --name bastion-eks",
            "kubectl get nodes",
            "aws eks update-kubeconfig --name bastion-eks",
        ],
        expect![[r#"
            $ cat ~/.kube/config | cut -c1-72
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
                server: https://604F2363265C67BFC12B3F8A493962C0.gr7.ap-northeast-2.
              name: arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks
            contexts:
            - context:
                cluster: arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks
                user: arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks
              name: arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks
            current-context: arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion
            kind: Config
            preferences: {}
            users:
            - name: arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  args:
                  - --region
                  - ap-northeast-2
                  - eks
                  - get-token
                  - --cluster-name
                  - bastion-eks
                  - --output
                  - json
                  command: aws
            $ rm ~/.kube/config
            $ kubectl get nodes
            ! The connection to the server localhost:8080 was refused - did you specify the right host or port?
            [exit 1]
            $ aws eks update-kubeconfig --name bastion-eks
            Added new context arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks to /home/ec2-user/.kube/config
            $ kubectl get nodes
            NAME                                            STATUS   ROLES    AGE   VERSION
            ip-10-0-1-23.ap-northeast-2.compute.internal    Ready    <none>   20d   v1.29.0-eks-5e0fdde
            ip-10-0-2-187.ap-northeast-2.compute.internal   Ready    <none>   20d   v1.29.0-eks-5e0fdde
            $ aws eks update-kubeconfig --name bastion-eks
            Updated context arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks in /home/ec2-user/.kube/config
        "#]],
    );
}

#[test]
fn oc_login_and_project_write_the_file() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        &[
            "oc login -u developer -p developer https://api.ocp4.example.com:6443",
            "oc new-project demo",
            "grep -v -- -data: ~/.kube/config",
            "kubectl config view --minify",
            "oc whoami -t",
            "kubectl config set-context --current --namespace default",
            "oc project -q",
            "kubectl config use-context admin",
            "oc whoami",
        ],
        expect![[r#"
            $ oc login -u developer -p developer https://api.ocp4.example.com:6443
            Login successful.

            You don't have any projects. You can try to create a new project, by running

                oc new-project <projectname>

            $ oc new-project demo
            Now using project "demo" on server "https://api.ocp4.example.com:6443".

            You can add applications to this project with the 'new-app' command. For example, try:

                oc new-app rails-postgresql-example

            to build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:

                kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname

            $ grep -v -- -data: ~/.kube/config
            apiVersion: v1
            clusters:
            - cluster:
                server: https://api.ocp4.example.com:6443
              name: api-ocp4-example-com:6443
            - cluster:
                server: https://api.ocp4.example.com:6443
              name: ocp4
            contexts:
            - context:
                cluster: api-ocp4-example-com:6443
                user: developer/api-ocp4-example-com:6443
              name: /api-ocp4-example-com:6443/developer
            - context:
                cluster: ocp4
                namespace: default
                user: admin
              name: admin
            - context:
                cluster: api-ocp4-example-com:6443
                namespace: demo
                user: developer/api-ocp4-example-com:6443
              name: demo/api-ocp4-example-com:6443/developer
            current-context: demo/api-ocp4-example-com:6443/developer
            kind: Config
            preferences: {}
            users:
            - name: admin
              user:
            - name: developer/api-ocp4-example-com:6443
              user:
                token: sha256~iMSPUlKsoskIOSW1lKvJTF7rTWX62vKowVATt2_w8ds
            $ kubectl config view --minify
            apiVersion: v1
            clusters:
            - cluster:
                server: https://api.ocp4.example.com:6443
              name: api-ocp4-example-com:6443
            contexts:
            - context:
                cluster: api-ocp4-example-com:6443
                namespace: demo
                user: developer/api-ocp4-example-com:6443
              name: demo/api-ocp4-example-com:6443/developer
            current-context: demo/api-ocp4-example-com:6443/developer
            kind: Config
            preferences: {}
            users:
            - name: developer/api-ocp4-example-com:6443
              user:
                token: REDACTED
            $ oc whoami -t
            sha256~iMSPUlKsoskIOSW1lKvJTF7rTWX62vKowVATt2_w8ds
            $ kubectl config set-context --current --namespace default
            Context "demo/api-ocp4-example-com:6443/developer" modified.
            $ oc project -q
            default
            $ kubectl config use-context admin
            Switched to context "admin".
            $ oc whoami
            system:admin
        "#]],
    );
}

#[test]
fn a_token_stops_working_after_logout_and_a_hand_edited_file_takes_effect() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        &[
            "oc login -u developer -p developer https://api.ocp4.example.com:6443",
            "cp ~/.kube/config /tmp/saved",
            "oc logout",
            "oc whoami",
            "oc --kubeconfig /tmp/saved whoami",
            "sed -i 's/namespace: default/namespace: kube-system/' ~/.kube/config",
            "kubectl config use-context admin",
            "oc project -q",
        ],
        expect![[r#"
            $ oc login -u developer -p developer https://api.ocp4.example.com:6443
            Login successful.

            You don't have any projects. You can try to create a new project, by running

                oc new-project <projectname>

            $ cp ~/.kube/config /tmp/saved
            $ oc logout
            Logged "developer" out on "https://api.ocp4.example.com:6443"
            $ oc whoami
            ! error: You must be logged in to the server (Unauthorized)
            [exit 1]
            $ oc --kubeconfig /tmp/saved whoami
            ! error: You must be logged in to the server (Unauthorized)
            [exit 1]
            $ sed -i 's/namespace: default/namespace: kube-system/' ~/.kube/config
            $ kubectl config use-context admin
            Switched to context "admin".
            $ oc project -q
            kube-system
        "#]],
    );
}

#[test]
fn without_a_kubeconfig_kubectl_talks_to_localhost_and_a_broken_one_is_a_load_error() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        &[
            "rm ~/.kube/config",
            "kubectl get pods",
            "kubectl config view",
            "kubectl --kubeconfig /tmp/none get pods",
            "printf 'apiVersion: v1\\nclusters:\\n- cluster: [\\n' > ~/.kube/config",
            "kubectl get pods",
            "echo hello > ~/.kube/config",
            "kubectl config view",
            "oc whoami",
        ],
        expect![[r#"
            $ rm ~/.kube/config
            $ kubectl get pods
            ! The connection to the server localhost:8080 was refused - did you specify the right host or port?
            [exit 1]
            $ kubectl config view
            apiVersion: v1
            clusters: null
            contexts: null
            current-context: ""
            kind: Config
            preferences: {}
            users: null
            $ kubectl --kubeconfig /tmp/none get pods
            ! error: stat /tmp/none: no such file or directory
            [exit 1]
            $ printf 'apiVersion: v1\nclusters:\n- cluster: [\n' > ~/.kube/config
            $ kubectl get pods
            ! error: error loading config file "/home/student/.kube/config": yaml: line 3: did not find expected node content
            [exit 1]
            $ echo hello > ~/.kube/config
            $ kubectl config view
            ! error: error loading config file "/home/student/.kube/config": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\"apiVersion,omitempty\""; Kind string "json:\"kind,omitempty\"" }
            [exit 1]
            $ oc whoami
            ! error: error loading config file "/home/student/.kube/config": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\"apiVersion,omitempty\""; Kind string "json:\"kind,omitempty\"" }
            [exit 1]
        "#]],
    );
}

#[test]
fn kubeconfig_lists_merge_and_changes_go_to_the_file_that_defines_them() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        &[
            "printf 'apiVersion: v1\\nkind: Config\\ncontexts:\\n- name: etcd\\n  context:\\n    cluster: ocp4\\n    user: admin\\n    namespace: openshift-etcd\\n' > ~/extra",
            "export KUBECONFIG=~/extra:/tmp/missing:~/.kube/config",
            "kubectl config get-contexts",
            "kubectl config use-context etcd",
            "kubectl get pods -o name | head -2",
            "kubectl config set-context --current --namespace openshift-dns",
            "kubectl config set-context scratch --namespace tmp",
            "cat ~/extra",
            "grep current-context ~/.kube/config",
            "unset KUBECONFIG",
            "kubectl config current-context",
            "kubectl --kubeconfig ~/extra config get-contexts",
            "kubectl --kubeconfig ~/extra get pods",
        ],
        expect![[r#"
            $ printf 'apiVersion: v1\nkind: Config\ncontexts:\n- name: etcd\n  context:\n    cluster: ocp4\n    user: admin\n    namespace: openshift-etcd\n' > ~/extra
            $ export KUBECONFIG=~/extra:/tmp/missing:~/.kube/config
            $ kubectl config get-contexts
            CURRENT   NAME    CLUSTER   AUTHINFO   NAMESPACE
            *         admin   ocp4      admin      default
                      etcd    ocp4      admin      openshift-etcd
            $ kubectl config use-context etcd
            Switched to context "etcd".
            $ kubectl get pods -o name | head -2
            pod/etcd-guard-master01
            pod/etcd-guard-master02
            $ kubectl config set-context --current --namespace openshift-dns
            Context "etcd" modified.
            $ kubectl config set-context scratch --namespace tmp
            Context "scratch" created.
            $ cat ~/extra
            apiVersion: v1
            clusters: null
            contexts:
            - context:
                cluster: ocp4
                namespace: openshift-dns
                user: admin
              name: etcd
            - context:
                cluster: ""
                namespace: tmp
                user: ""
              name: scratch
            current-context: ""
            kind: Config
            preferences: {}
            users: null
            $ grep current-context ~/.kube/config
            current-context: etcd
            $ unset KUBECONFIG
            $ kubectl config current-context
            etcd
            $ kubectl --kubeconfig ~/extra config get-contexts
            CURRENT   NAME      CLUSTER   AUTHINFO   NAMESPACE
                      etcd      ocp4      admin      openshift-dns
                      scratch                        tmp
            $ kubectl --kubeconfig ~/extra get pods
            ! The connection to the server localhost:8080 was refused - did you specify the right host or port?
            [exit 1]
        "#]],
    );
}

#[test]
fn a_saved_session_restores_the_kubeconfig_files() {
    let mut s = Session::new("ocp4", 1).unwrap();
    s.exec("oc login -u developer -p developer https://api.ocp4.example.com:6443");
    s.exec("oc new-project demo");
    s.exec("kubectl config use-context admin");
    let before = s.exec("cat ~/.kube/config").stdout;
    let mut loaded = Session::load(&s.save()).unwrap();
    assert_eq!(loaded.exec("cat ~/.kube/config").stdout, before);
    assert_eq!(loaded.exec("oc whoami").stdout, "system:admin\n");
    assert_eq!(
        loaded
            .exec(
                "kubectl config use-context demo/api-ocp4-example-com:6443/developer && oc whoami"
            )
            .stdout,
        "Switched to context \"demo/api-ocp4-example-com:6443/developer\".\ndeveloper\n"
    );
}
