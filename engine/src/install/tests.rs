//! Tests of the install simulator through its command boundary: validation tables, golden install transcripts, faults and their fixes, and Ignition structure.

use std::collections::BTreeMap;

use expect_test::{Expect, expect};
use serde_json::Value;

use super::*;
use crate::vfs::Vfs;

const START: i64 = 1_795_419_780_000;
const SSH_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g student@bastion";
const PULL: &str =
    r#"{"auths":{"cloud.openshift.com":{"auth":"dXNlcjpwYXNz","email":"student@example.com"}}}"#;

fn install_config(extra: &str) -> String {
    let base = format!(
        "apiVersion: v1\nbaseDomain: example.com\ncompute:\n- hyperthreading: Enabled\n  name: worker\n  replicas: 0\ncontrolPlane:\n  hyperthreading: Enabled\n  name: master\n  replicas: 3\nmetadata:\n  name: ocp4\nnetworking:\n  clusterNetwork:\n  - cidr: 10.128.0.0/14\n    hostPrefix: 23\n  machineNetwork:\n  - cidr: 192.168.7.0/24\n  networkType: OVNKubernetes\n  serviceNetwork:\n  - 172.30.0.0/16\nplatform:\n  none: {{}}\npullSecret: '{PULL}'\nsshKey: '{SSH_KEY}'\n"
    );
    if extra.is_empty() {
        return base;
    }
    // Each edit is `old => new` on one line of the base document.
    let mut text = base;
    for edit in extra.split(" ;; ") {
        let (old, new) = edit.split_once(" => ").expect("edit");
        assert!(text.contains(old), "{old} not in install-config");
        text = text.replacen(old, new, 1);
    }
    text
}

struct Lab {
    fs: Vfs,
    env: BTreeMap<String, String>,
    inst: Installer,
    now: i64,
    transcript: String,
}

impl Lab {
    fn new() -> Self {
        let mut env = BTreeMap::new();
        env.insert("HOME".to_owned(), "/home/student".to_owned());
        Lab {
            fs: Vfs::new(),
            env,
            inst: Installer::new(),
            now: START,
            transcript: String::new(),
        }
    }

    fn helper(mut self) -> Self {
        let mut ctx = Ctx::new(&mut self.fs, &self.env, "/home/student", "", self.now);
        let out = self.inst.setup_helper(HelperNode::example(), &mut ctx);
        assert_eq!(out.code, 0, "{}", out.stderr);
        self
    }

    fn run_with(&mut self, line: &str, stdin: &str) -> Output {
        let argv: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        let mut ctx = Ctx::new(&mut self.fs, &self.env, "/home/student", stdin, self.now);
        let out = if argv[0] == "openshift-install" {
            self.inst.run(&argv, &mut ctx)
        } else {
            self.inst
                .run_diagnostic(&argv, &mut ctx)
                .unwrap_or_else(|| Output::err(format!("{}: not simulated\n", argv[0]), 127))
        };
        self.now = self.now.max(self.inst.now());
        self.transcript
            .push_str(&format!("$ {line}\n{}{}", out.stdout, out.stderr));
        if out.code != 0 {
            self.transcript.push_str(&format!("[exit {}]\n", out.code));
        }
        out
    }

    fn run(&mut self, line: &str) -> Output {
        self.run_with(line, "")
    }

    fn note(&mut self, text: &str) {
        self.transcript.push_str(&format!("# {text}\n"));
    }

    fn write(&mut self, path: &str, text: &str) {
        let _ = self.fs.mkdir(crate::vfs::parent(path), true);
        self.fs.write(path, text).unwrap();
    }

    fn prepare(&mut self) {
        self.fs.mkdir("/home/student/ocp4", true).unwrap();
        self.write(
            "/home/student/ocp4/install-config.yaml",
            &install_config(""),
        );
    }

    fn publish_ignition(&mut self) {
        for f in ["bootstrap.ign", "master.ign", "worker.ign"] {
            let text = self
                .fs
                .read(&format!("/home/student/ocp4/{f}"))
                .unwrap()
                .to_owned();
            self.write(&format!("{}/{f}", helper::IGNITION_DIR), &text);
        }
        self.note("cp ~/ocp4/*.ign /var/www/html/ignition/");
    }

    fn advance(&mut self, ms: u64) {
        self.inst.sync(&self.fs);
        self.inst.advance(ms);
        self.now = self.inst.now();
    }

    fn approve_all(&mut self) {
        for csr in self.inst.pending_csrs() {
            let line = self.inst.approve_csr(&csr.name).unwrap();
            self.transcript.push_str(&format!(
                "$ oc adm certificate approve {}\n{line}\n",
                csr.name
            ));
        }
    }

    fn machines_table(&mut self) {
        for m in self.inst.machines() {
            self.transcript.push_str(&format!(
                "  {:<10} {:<9} {:<14} {:?}: {}\n",
                m.name, m.role, m.ip, m.state, m.detail
            ));
        }
    }

    fn timeline_table(&mut self) {
        for t in self.inst.timeline() {
            self.transcript.push_str(&format!(
                "  {:>2} {:<26} {} -> {}\n",
                t.stage.number(),
                t.stage.id(),
                util::rfc3339(t.start),
                t.end.map(util::rfc3339).unwrap_or_else(|| "running".into())
            ));
        }
    }

    fn journal_tail(&mut self, machine: &str, units: &[&str], n: usize) {
        let units: Vec<String> = units.iter().map(|s| (*s).to_owned()).collect();
        let lines = self.inst.journal(machine, &units);
        let start = lines.len().saturating_sub(n);
        for l in &lines[start..] {
            self.transcript.push_str(&format!("  {l}\n"));
        }
    }
}

fn validate_through_cli(extra: &str) -> String {
    let mut lab = Lab::new();
    lab.fs.mkdir("/home/student/ocp4", true).unwrap();
    lab.write(
        "/home/student/ocp4/install-config.yaml",
        &install_config(extra),
    );
    let out = lab.run("openshift-install create manifests --dir ocp4");
    if out.code == 0 {
        "ok".into()
    } else {
        format!("exit {}: {}", out.code, out.stderr.trim_end())
    }
}

#[test]
fn install_config_validation_table() {
    let cases = [
        ("valid", ""),
        ("name with uppercase", "name: ocp4 => name: OCP4"),
        (
            "name too long",
            "name: ocp4 => name: abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde",
        ),
        (
            "bad base domain",
            "baseDomain: example.com => baseDomain: -example.com",
        ),
        (
            "trailing dot accepted",
            "baseDomain: example.com => baseDomain: example.com.",
        ),
        (
            "pull secret not json",
            "pullSecret: '{\"auths\" => pullSecret: 'xauths",
        ),
        (
            "pull secret without auths",
            r#"pullSecret: '{"auths":{"cloud.openshift.com":{"auth":"dXNlcjpwYXNz","email":"student@example.com"}}}' => pullSecret: '{}'"#,
        ),
        (
            "pull secret entry without auth",
            r#""auth":"dXNlcjpwYXNz", => "#,
        ),
        (
            "ssh key garbage",
            "sshKey: 'ssh-ed25519 AAAA => sshKey: 'ssh-ed25519 zzzz",
        ),
        ("missing apiVersion", "apiVersion: v1\n => "),
        ("wrong apiVersion", "apiVersion: v1 => apiVersion: v2"),
        (
            "cluster cidr host bits",
            "- cidr: 10.128.0.0/14 => - cidr: 10.128.0.1/14",
        ),
        (
            "hostPrefix smaller than cidr",
            "hostPrefix: 23 => hostPrefix: 12",
        ),
        (
            "service overlaps machine",
            "- 172.30.0.0/16 => - 192.168.0.0/16",
        ),
        (
            "cluster overlaps service",
            "- cidr: 10.128.0.0/14 => - cidr: 172.30.0.0/14",
        ),
        (
            "service network too big",
            "- 172.30.0.0/16 => - 172.0.0.0/8",
        ),
        (
            "invalid cidr",
            "- cidr: 192.168.7.0/24 => - cidr: 192.168.7.0/33",
        ),
        (
            "empty network type",
            "networkType: OVNKubernetes => networkType: ''",
        ),
        (
            "OpenShiftSDN accepted in 4.14",
            "networkType: OVNKubernetes => networkType: OpenShiftSDN",
        ),
        ("zero masters", "replicas: 3 => replicas: 0"),
        ("control plane named wrong", "name: master => name: control"),
        ("compute named wrong", "name: worker => name: compute"),
        ("unknown field", "pullSecret: => colour: blue\npullSecret:"),
        ("typo field", "metadata:\n => metdata:\n"),
        ("no platform", "  none: {} => "),
        (
            "two platforms",
            "  none: {} =>   none: {}\n  aws:\n    region: us-east-1",
        ),
        ("aws without region", "  none: {} =>   aws: {}"),
        (
            "aws duplicate subnets",
            "  none: {} =>   aws:\n    region: us-east-1\n    subnets:\n    - subnet-0a1\n    - subnet-0a1",
        ),
        ("baremetal without VIPs", "  none: {} =>   baremetal: {}"),
        (
            "baremetal VIP outside machine network",
            "  none: {} =>   baremetal:\n    apiVIPs:\n    - 10.1.1.1\n    ingressVIPs:\n    - 192.168.7.6",
        ),
        (
            "baremetal API VIP equals ingress VIP",
            "  none: {} =>   baremetal:\n    apiVIPs:\n    - 192.168.7.5\n    ingressVIPs:\n    - 192.168.7.5",
        ),
        (
            "baremetal ingress VIP missing",
            "  none: {} =>   baremetal:\n    apiVIPs:\n    - 192.168.7.5",
        ),
        (
            "baremetal name with dot",
            "name: ocp4 => name: ocp4.lab ;;   none: {} =>   baremetal:\n    apiVIPs:\n    - 192.168.7.5\n    ingressVIPs:\n    - 192.168.7.6",
        ),
        (
            "internal publish on none",
            "sshKey: => publish: Internal\nsshKey:",
        ),
        (
            "several errors at once",
            "name: ocp4 => name: Bad_Name ;; hostPrefix: 23 => hostPrefix: 12",
        ),
    ];
    let mut out = String::new();
    for (name, edit) in cases {
        out.push_str(&format!("{name}: {}\n", validate_through_cli(edit)));
    }
    check(
        &out,
        expect![[r#"
            valid: ok
            name with uppercase: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: metadata.name: Invalid value: "OCP4": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            name too long: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: metadata.name: Invalid value: "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde": must be no more than 54 characters
            bad base domain: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: baseDomain: Invalid value: "-example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            trailing dot accepted: ok
            pull secret not json: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: pullSecret: Invalid value: "xauths:{\"cloud.openshift.com\":{\"auth\":\"dXNlcjpwYXNz\",\"email\":\"student@example.com\"}}}": invalid character 'x' looking for beginning of value
            pull secret without auths: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: pullSecret: Invalid value: "{}": auths required
            pull secret entry without auth: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: pullSecret: Invalid value: "{\"auths\":{\"cloud.openshift.com\":{\"email\":\"student@example.com\"}}}": "cloud.openshift.com" requires either auth or credsStore
            ssh key garbage: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: sshKey: Invalid value: "ssh-ed25519 zzzzC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g student@bastion": ssh: no key found
            missing apiVersion: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: apiVersion: Required value: install-config version required
            wrong apiVersion: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: apiVersion: Invalid value: "v2": install-config version must be "v1"
            cluster cidr host bits: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: networking.clusterNetwork[0].cidr: Invalid value: "10.128.0.1/14": invalid network address. got 10.128.0.1/14, expecting 10.128.0.0/14
            hostPrefix smaller than cidr: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: networking.clusterNetwork[0].hostPrefix: Invalid value: 12: cluster network host subnetwork prefix must not be larger size than CIDR 10.128.0.0/14
            service overlaps machine: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: networking.serviceNetwork[0]: Invalid value: "192.168.0.0/16": service network must not overlap with any of the machine networks
            cluster overlaps service: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: [networking.clusterNetwork[0].cidr: Invalid value: "172.30.0.0/14": invalid network address. got 172.30.0.0/14, expecting 172.28.0.0/14, networking.clusterNetwork[0].cidr: Invalid value: "172.30.0.0/14": cluster network must not overlap with service network 0]
            service network too big: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: networking.serviceNetwork[0]: Invalid value: "172.0.0.0/8": subnet size for IPv4 service network must be /12 or greater (/16 is recommended)
            invalid cidr: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: failed to unmarshal install-config.yaml: error unmarshaling JSON: while decoding JSON: invalid CIDR address: 192.168.7.0/33
            empty network type: ok
            OpenShiftSDN accepted in 4.14: ok
            zero masters: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: controlPlane.replicas: Invalid value: 0: number of control plane replicas must be positive
            control plane named wrong: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: controlPlane.name: Unsupported value: "control": supported values: "master"
            compute named wrong: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: compute[0].name: Unsupported value: "compute": supported values: "worker"
            unknown field: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: failed to unmarshal install-config.yaml: error unmarshaling JSON: while decoding JSON: json: unknown field "colour"
            typo field: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: failed to unmarshal install-config.yaml: error unmarshaling JSON: while decoding JSON: json: unknown field "metdata"
            no platform: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: platform: Invalid value: "": must specify one of the platforms (alibabacloud, aws, azure, baremetal, external, gcp, ibmcloud, none, nutanix, openstack, ovirt, powervs, vsphere)
            two platforms: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: platform: Invalid value: "aws": must only specify a single type of platform; cannot use both "aws" and "none"
            aws without region: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: platform.aws.region: Required value: region must be specified
            aws duplicate subnets: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: platform.aws.subnets[1]: Duplicate value: "subnet-0a1"
            baremetal without VIPs: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: [platform.baremetal.apiVIPs: Required value: must specify at least one VIP for the API, platform.baremetal.ingressVIPs: Required value: must specify at least one VIP for the Ingress]
            baremetal VIP outside machine network: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: platform.baremetal.apiVIPs: Invalid value: "10.1.1.1": IP expected to be in one of the machine networks: 192.168.7.0/24
            baremetal API VIP equals ingress VIP: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: platform.baremetal.apiVIPs: Invalid value: "192.168.7.5": VIP for API must not be one of the Ingress VIPs
            baremetal ingress VIP missing: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: [platform.baremetal.ingressVIPs: Required value: must specify VIP for ingress, when VIP for API is set, platform.baremetal.ingressVIPs: Required value: must specify at least one VIP for the Ingress]
            baremetal name with dot: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: metadata.name: Invalid value: "ocp4.lab": cluster name must not contain '.'
            internal publish on none: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: publish: Invalid value: "Internal": Internal publish strategy is not supported on "none" platform
            several errors at once: exit 3: level=fatal msg=failed to fetch Master Machines: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file: [metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), networking.clusterNetwork[0].hostPrefix: Invalid value: 12: cluster network host subnetwork prefix must not be larger size than CIDR 10.128.0.0/14]
        "#]],
    );
}

fn check(actual: &str, expected: Expect) {
    expected.assert_eq(actual);
}

#[test]
fn flags_accept_every_spelling() {
    let args = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    for spelling in ["--dir ocp4", "--dir=ocp4"] {
        let p = parse_flags(&args(&format!("create manifests {spelling}"))).unwrap();
        assert_eq!(p.flags["dir"], vec!["ocp4"]);
        assert_eq!(p.words, vec!["create", "manifests"]);
    }
    for spelling in ["--log-level debug", "--log-level=debug"] {
        let p = parse_flags(&args(spelling)).unwrap();
        assert_eq!(p.flags["log-level"], vec!["debug"]);
    }
    for spelling in ["--bootstrap 192.168.7.20", "--bootstrap=192.168.7.20"] {
        let p = parse_flags(&args(spelling)).unwrap();
        assert_eq!(p.flags["bootstrap"], vec!["192.168.7.20"]);
    }
    let p = parse_flags(&args("--master 1.1.1.1 --master=2.2.2.2")).unwrap();
    assert_eq!(p.flags["master"], vec!["1.1.1.1", "2.2.2.2"]);
    for spelling in ["--help", "-h"] {
        let p = parse_flags(&args(spelling)).unwrap();
        assert_eq!(p.flags["help"], vec!["true"]);
    }
    assert_eq!(
        parse_flags(&args("--nope")),
        Err("unknown flag: --nope".into())
    );
    assert_eq!(
        parse_flags(&args("--dir")),
        Err("flag needs an argument: --dir".into())
    );
    assert_eq!(FLAGS.len(), 5);
}

#[test]
fn version_and_errors() {
    let mut lab = Lab::new();
    lab.run("openshift-install version");
    lab.run("openshift-install frobnicate");
    lab.run("openshift-install create manifests --bogus");
    lab.run("openshift-install create install-config --dir ocp4");
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.run("openshift-install destroy cluster --dir ocp4");
    check(
        &lab.transcript,
        expect![[r#"
        $ openshift-install version
        openshift-install 4.14.0
        built from commit 7a8d5f1e3a2c9b04c6f1d2e8b3a7c5d9e0f4a6b2
        release image quay.io/openshift-release-dev/ocp-release@sha256:ac95ba3a7b4e4ba9f8e4a36c1b8bbf9b3cd1d0e3fd3b01a1d2d0ec3c4d1ae1d6
        release architecture amd64
        $ openshift-install frobnicate
        level=fatal msg=Error executing openshift-install: unknown command "frobnicate" for "openshift-install"
        [exit 1]
        $ openshift-install create manifests --bogus
        level=fatal msg=Error executing openshift-install: unknown flag: --bogus
        [exit 1]
        $ openshift-install create install-config --dir ocp4
        level=fatal msg=failed to fetch Install Config: failed to fetch dependency of "Install Config": failed to generate asset "SSH Key": failed UserInput: EOF
        [exit 1]
        $ openshift-install wait-for bootstrap-complete --dir ocp4
        level=fatal msg=loading kubeconfig: stat /home/student/ocp4/auth/kubeconfig: no such file or directory
        [exit 1]
        $ openshift-install destroy cluster --dir ocp4
        level=fatal msg=Failed while preparing to destroy cluster: open ocp4/metadata.json: no such file or directory
        [exit 1]
    "#]],
    );
}

#[test]
fn create_install_config_from_piped_answers() {
    let mut lab = Lab::new();
    lab.write("/home/student/.ssh/id_ed25519.pub", &format!("{SSH_KEY}\n"));
    lab.run_with(
        "openshift-install create install-config --dir ocp4",
        &format!("~/.ssh/id_ed25519.pub\nnone\nexample.com\nocp4\n{PULL}\n"),
    );
    let text = lab
        .fs
        .read("/home/student/ocp4/install-config.yaml")
        .unwrap()
        .to_owned();
    lab.transcript.push_str(&text);
    lab.run_with(
        "openshift-install create install-config --dir bm",
        &format!("<none>\nbaremetal\n192.168.7.5\n192.168.7.6\nexample.com\nocp4\n{PULL}\n"),
    );
    let bm = lab
        .fs
        .read("/home/student/bm/install-config.yaml")
        .unwrap()
        .to_owned();
    assert!(bm.contains("apiVIPs:\n    - 192.168.7.5"), "{bm}");
    lab.run_with(
        "openshift-install create install-config --dir bad",
        &format!("<none>\nnone\nexample.com\nBad_Name\n{PULL}\n"),
    );
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create install-config --dir ocp4
            INFO Install-Config created in: ocp4
            additionalTrustBundlePolicy: Proxyonly
            apiVersion: v1
            baseDomain: example.com
            compute:
            - architecture: amd64
              hyperthreading: Enabled
              name: worker
              platform: {}
              replicas: 0
            controlPlane:
              architecture: amd64
              hyperthreading: Enabled
              name: master
              platform: {}
              replicas: 3
            metadata:
              creationTimestamp: null
              name: ocp4
            networking:
              clusterNetwork:
              - cidr: 10.128.0.0/14
                hostPrefix: 23
              machineNetwork:
              - cidr: 192.168.7.0/24
              networkType: OVNKubernetes
              serviceNetwork:
              - 172.30.0.0/16
            platform:
              none: {}
            publish: External
            pullSecret: '{"auths":{"cloud.openshift.com":{"auth":"dXNlcjpwYXNz","email":"student@example.com"}}}'
            sshKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g student@bastion
            $ openshift-install create install-config --dir bm
            INFO Install-Config created in: bm
            $ openshift-install create install-config --dir bad
            level=fatal msg=failed to fetch Install Config: failed to generate asset "Install Config": invalid install config: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            [exit 3]
        "#]],
    );
}

#[test]
fn upi_bare_metal_install_transcript() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create manifests --dir ocp4");
    let mut names = lab.fs.list("/home/student/ocp4").unwrap();
    names.retain(|n| n != ".openshift_install.log");
    lab.transcript
        .push_str(&format!("ls -a ocp4: {}\n", names.join(" ")));
    lab.run("openshift-install create ignition-configs --dir ocp4");
    let names = lab.fs.list("/home/student/ocp4").unwrap();
    lab.transcript
        .push_str(&format!("ls -a ocp4: {}\n", names.join(" ")));
    lab.publish_ignition();
    lab.note("power on bootstrap, masters and workers (PXE)");
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4 --log-level info");
    lab.timeline_table();
    lab.run("dig +short api-int.ocp4.example.com");
    lab.run("nslookup 192.168.7.21");
    lab.run("curl -k https://api-int.ocp4.example.com:22623/config/master");
    lab.run("curl https://api-int.ocp4.example.com:22623/config/master");
    lab.run("curl -k https://api.ocp4.example.com:6443/version");
    lab.advance(4 * 60_000);
    lab.note("oc get csr (pending)");
    for c in lab.inst.pending_csrs() {
        let line = format!(
            "  {} {} {} {}\n",
            c.name, c.signer_name, c.requestor, c.condition
        );
        lab.transcript.push_str(&line);
    }
    lab.approve_all();
    lab.advance(60_000);
    lab.approve_all();
    lab.run("openshift-install wait-for install-complete --dir ocp4");
    lab.timeline_table();
    lab.machines_table();
    let done = lab.inst.installed_cluster().expect("installed");
    lab.transcript.push_str(&format!(
        "installed: {} {} {} {} masters={} workers={}\n",
        done.name,
        done.api_url,
        done.console_url,
        done.version,
        done.masters
            .iter()
            .map(|n| format!("{}={}", n.name, n.ip))
            .collect::<Vec<_>>()
            .join(","),
        done.workers
            .iter()
            .map(|n| format!("{}={}", n.name, n.ip))
            .collect::<Vec<_>>()
            .join(",")
    ));
    let pw = lab
        .fs
        .read("/home/student/ocp4/auth/kubeadmin-password")
        .unwrap()
        .to_owned();
    assert_eq!(done.kubeadmin_password, pw);
    assert!(lab.transcript.contains(&format!("password: \"{pw}\"")));
    let log = lab
        .fs
        .read("/home/student/ocp4/.openshift_install.log")
        .unwrap();
    assert!(log.contains("level=info msg=\"Install complete!\""));
    assert!(log.contains("level=debug msg=\"OpenShift Installer 4.14.0\""));
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create manifests --dir ocp4
            INFO Consuming Install Config from target directory
            WARNING Making control-plane schedulable by setting MastersSchedulable to true for Scheduler cluster settings
            INFO Manifests created in: ocp4/manifests and ocp4/openshift
            ls -a ocp4: .openshift_install_state.json manifests openshift
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming OpenShift Install (Manifests) from target directory
            INFO Consuming Master Machines from target directory
            INFO Consuming Common Manifests from target directory
            INFO Consuming Worker Machines from target directory
            INFO Consuming Openshift Manifests from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            ls -a ocp4: .openshift_install.log .openshift_install_state.json auth bootstrap.ign master.ign metadata.json worker.ign
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            # power on bootstrap, masters and workers (PXE)
            $ openshift-install wait-for bootstrap-complete --dir ocp4 --log-level info
            INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
            INFO It is now safe to remove the bootstrap resources
            INFO Time elapsed: 25m50s
               1 bootstrap-boot             2026-11-23T07:43:00Z -> 2026-11-23T07:47:50Z
               2 temporary-control-plane    2026-11-23T07:47:50Z -> 2026-11-23T07:52:50Z
               3 masters-fetch-ignition     2026-11-23T07:52:50Z -> 2026-11-23T07:54:50Z
               4 production-control-plane   2026-11-23T07:54:50Z -> 2026-11-23T07:58:50Z
               5 etcd-scaling               2026-11-23T07:58:50Z -> 2026-11-23T08:03:50Z
               6 control-handover           2026-11-23T08:03:50Z -> 2026-11-23T08:05:50Z
               7 inject-components          2026-11-23T08:05:50Z -> 2026-11-23T08:08:50Z
               8 bootstrap-complete         2026-11-23T08:08:50Z -> running
            $ dig +short api-int.ocp4.example.com
            192.168.7.77
            $ nslookup 192.168.7.21
            21.7.168.192.in-addr.arpa	name = master0.ocp4.example.com.

            $ curl -k https://api-int.ocp4.example.com:22623/config/master
            {"ignition":{"version":"3.2.0"},"passwd":{"users":[{"name":"core"}]},"storage":{"files":[{"path":"/etc/kubernetes/kubelet.conf","contents":{"source":"data:,"},"mode":420},{"path":"/etc/mcs-machine-config-content.json","contents":{"source":"data:,rendered-master"},"mode":420}]},"systemd":{"units":[{"name":"kubelet.service","enabled":true},{"name":"crio.service","enabled":true}]}}
            $ curl https://api-int.ocp4.example.com:22623/config/master
            curl: (60) SSL certificate problem: self signed certificate in certificate chain
            More details here: https://curl.haxx.se/docs/sslcerts.html

            curl failed to verify the legitimacy of the server and therefore could not
            establish a secure connection to it. To learn more about this situation and
            how to fix it, please visit the web page mentioned above.
            [exit 60]
            $ curl -k https://api.ocp4.example.com:6443/version
            {
              "major": "1",
              "minor": "27",
              "gitVersion": "v1.27.6+f67aeb3",
              "gitCommit": "f67aeb3e4b2c5a1d0e9f8b7c6a5d4e3f2a1b0c9d",
              "gitTreeState": "clean",
              "buildDate": "2023-10-18T14:02:18Z",
              "goVersion": "go1.20.10 X:strictfipsruntime",
              "compiler": "gc",
              "platform": "linux/amd64"
            }# oc get csr (pending)
              csr-ktwvp kubernetes.io/kube-apiserver-client-kubelet system:serviceaccount:openshift-machine-config-operator:node-bootstrapper Pending
              csr-4kt4b kubernetes.io/kube-apiserver-client-kubelet system:serviceaccount:openshift-machine-config-operator:node-bootstrapper Pending
            $ oc adm certificate approve csr-ktwvp
            certificatesigningrequest.certificates.k8s.io/csr-ktwvp approved
            $ oc adm certificate approve csr-4kt4b
            certificatesigningrequest.certificates.k8s.io/csr-4kt4b approved
            $ oc adm certificate approve csr-xslht
            certificatesigningrequest.certificates.k8s.io/csr-xslht approved
            $ oc adm certificate approve csr-scf68
            certificatesigningrequest.certificates.k8s.io/csr-scf68 approved
            $ openshift-install wait-for install-complete --dir ocp4
            INFO Waiting up to 40m0s (until 8:53AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            INFO Checking to see if there is a route at openshift-console/console...
            INFO Install complete!
            INFO To access the cluster as the system:admin user when using 'oc', run
            INFO     export KUBECONFIG=/home/student/ocp4/auth/kubeconfig
            INFO Access the OpenShift web-console here: https://console-openshift-console.apps.ocp4.example.com
            INFO Login to the console with user: "kubeadmin", and password: "ae4XR-eZHun-GtDCR-jQhP5"
            INFO Time elapsed: 8m40s
               1 bootstrap-boot             2026-11-23T07:43:00Z -> 2026-11-23T07:47:50Z
               2 temporary-control-plane    2026-11-23T07:47:50Z -> 2026-11-23T07:52:50Z
               3 masters-fetch-ignition     2026-11-23T07:52:50Z -> 2026-11-23T07:54:50Z
               4 production-control-plane   2026-11-23T07:54:50Z -> 2026-11-23T07:58:50Z
               5 etcd-scaling               2026-11-23T07:58:50Z -> 2026-11-23T08:03:50Z
               6 control-handover           2026-11-23T08:03:50Z -> 2026-11-23T08:05:50Z
               7 inject-components          2026-11-23T08:05:50Z -> 2026-11-23T08:08:50Z
               8 bootstrap-complete         2026-11-23T08:08:50Z -> 2026-11-23T08:09:50Z
               9 compute-nodes              2026-11-23T08:09:50Z -> 2026-11-23T08:12:50Z
              10 cluster-operators          2026-11-23T08:12:50Z -> 2026-11-23T08:22:30Z
              11 install-complete           2026-11-23T08:22:30Z -> 2026-11-23T08:22:30Z
              bootstrap  bootstrap 192.168.7.20   ShutDown: shut down by the installer; remove it from the load balancer
              master0    master    192.168.7.21   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master1    master    192.168.7.22   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master2    master    192.168.7.23   Ready: production control plane running (etcd, kube-apiserver, controllers)
              worker0    worker    192.168.7.11   Ready: worker node running the router and workloads
              worker1    worker    192.168.7.12   Ready: worker node running the router and workloads
              helper     helper    192.168.7.77   Running: serving DNS, DHCP, TFTP and HTTP (8080)
              lb         lb        192.168.7.77   Running: HAProxy: 6443, 22623, 80, 443, stats on 9000
            installed: ocp4 https://api.ocp4.example.com:6443 https://console-openshift-console.apps.ocp4.example.com 4.14.0 masters=master0.ocp4.example.com=192.168.7.21,master1.ocp4.example.com=192.168.7.22,master2.ocp4.example.com=192.168.7.23 workers=worker0.ocp4.example.com=192.168.7.11,worker1.ocp4.example.com=192.168.7.12
        "#]],
    );
}

#[test]
fn bootstrap_journal_and_gather() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    lab.inst.boot_machines(lab.now);
    lab.advance(12 * 60_000);
    lab.run("ssh core@bootstrap journalctl -b -f -u release-image.service -u bootkube.service");
    lab.run("openshift-install gather bootstrap --dir ocp4");
    lab.run("openshift-install gather bootstrap --dir ocp4 --bootstrap 192.168.7.20 --master 192.168.7.21");
    let bundle: Vec<String> = lab
        .fs
        .descendants("/home/student/ocp4")
        .filter(|p| p.contains("log-bundle"))
        .map(|p| p.trim_start_matches("/home/student/ocp4/").to_owned())
        .collect();
    lab.transcript.push_str(&format!("{}\n", bundle.join("\n")));
    check(
        &lab.transcript,
        expect![[r#"
        $ openshift-install create ignition-configs --dir ocp4
        INFO Consuming Install Config from target directory
        INFO Ignition-Configs created in: ocp4 and ocp4/auth
        # cp ~/ocp4/*.ign /var/www/html/ignition/
        $ ssh core@bootstrap journalctl -b -f -u release-image.service -u bootkube.service
        -- Logs begin at 2026-11-23 07:43:20 UTC. --
        Nov 23 07:44:50 bootstrap.ocp4.example.com systemd[1]: Starting Download the OpenShift Release Image...
        Nov 23 07:44:50 bootstrap.ocp4.example.com release-image-download.sh[1681]: Pulling quay.io/openshift-release-dev/ocp-release@sha256:ac95ba3a7b4e4ba9f8e4a36c1b8bbf9b3cd1d0e3fd3b01a1d2d0ec3c4d1ae1d6...
        Nov 23 07:44:50 bootstrap.ocp4.example.com release-image-download.sh[1681]: 7d4b1b1e3c07d7c2b0bb40e9de8f0b8bb4e33fd4bd8b0b6d3f52c0e0c9f5ab3c
        Nov 23 07:44:50 bootstrap.ocp4.example.com systemd[1]: Finished Download the OpenShift Release Image.
        Nov 23 07:44:50 bootstrap.ocp4.example.com systemd[1]: Started Bootstrap a Kubernetes cluster.
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering Cluster Version Operator Manifests...
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering CEO Manifests...
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering Kubernetes API server core manifests...
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering Kubernetes Controller Manager core manifests...
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering Kubernetes Scheduler core manifests...
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering MCO manifests...
        Nov 23 07:44:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Rendering CCO manifests...
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Starting etcd certificate signer...
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Waiting for etcd cluster...
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: https://localhost:2379 is healthy: successfully committed proposal: took = 9.612357ms
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: etcd cluster up. Killing etcd certificate signer...
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Starting cluster-bootstrap...
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Starting temporary bootstrap control plane...
        Nov 23 07:47:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Waiting up to 20m0s for the Kubernetes API
        Nov 23 07:52:50 bootstrap.ocp4.example.com bootkube.sh[2816]: API is up
        Nov 23 07:52:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Created "0000_00_cluster-version-operator_00_namespace.yaml" namespaces.v1./openshift-cluster-version -n 
        Nov 23 07:52:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Created "0000_00_cluster-version-operator_01_clusterversion.crd.yaml" customresourcedefinitions.v1.apiextensions.k8s.io/clusterversions.config.openshift.io -n 
        Nov 23 07:54:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Pod Status:openshift-kube-apiserver/kube-apiserver        DoesNotExist
        Nov 23 07:54:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Pod Status:openshift-kube-scheduler/openshift-kube-scheduler        DoesNotExist
        Nov 23 07:54:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Pod Status:openshift-kube-controller-manager/kube-controller-manager        DoesNotExist
        Nov 23 07:54:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Pod Status:openshift-cluster-version/cluster-version-operator        Pending
        $ openshift-install gather bootstrap --dir ocp4
        level=fatal msg=bootstrap host address and at least one control plane host address must be provided
        [exit 1]
        $ openshift-install gather bootstrap --dir ocp4 --bootstrap 192.168.7.20 --master 192.168.7.21
        INFO Pulling debug logs from the bootstrap machine
        INFO Bootstrap gather logs captured here "ocp4/log-bundle-20261123075500.tar.gz"
        log-bundle-20261123075500
        log-bundle-20261123075500.tar.gz
        log-bundle-20261123075500/bootstrap
        log-bundle-20261123075500/bootstrap/journals
        log-bundle-20261123075500/bootstrap/journals/bootkube.log
        log-bundle-20261123075500/bootstrap/journals/kubelet.log
        log-bundle-20261123075500/bootstrap/journals/release-image.log
        log-bundle-20261123075500/control-plane
        log-bundle-20261123075500/control-plane/192.168.7.21
        log-bundle-20261123075500/control-plane/192.168.7.21/journals
        log-bundle-20261123075500/control-plane/192.168.7.21/journals/ignition.log
        log-bundle-20261123075500/control-plane/192.168.7.21/journals/kubelet.log
        log-bundle-20261123075500/control-plane/192.168.7.22
        log-bundle-20261123075500/control-plane/192.168.7.22/journals
        log-bundle-20261123075500/control-plane/192.168.7.22/journals/ignition.log
        log-bundle-20261123075500/control-plane/192.168.7.22/journals/kubelet.log
        log-bundle-20261123075500/control-plane/192.168.7.23
        log-bundle-20261123075500/control-plane/192.168.7.23/journals
        log-bundle-20261123075500/control-plane/192.168.7.23/journals/ignition.log
        log-bundle-20261123075500/control-plane/192.168.7.23/journals/kubelet.log
        log-bundle-20261123075500/failed-units.txt
    "#]],
    );
}

#[test]
fn fault_missing_api_int_record_and_fix() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    let what = lab
        .inst
        .inject_fault(&Fault::MissingApiIntDns, &mut lab.fs)
        .unwrap();
    lab.note(&what);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.journal_tail("master0", &["ignition-fetch"], 4);
    lab.run("dig api-int.ocp4.example.com");
    lab.run("curl -k https://api-int.ocp4.example.com:22623/config/master");
    lab.note("fix: add the api-int record back to the zone file");
    let zone = lab.fs.read(helper::ZONE_FILE).unwrap().replace(
        "api.ocp4.example.com.\t\tIN\tA\t192.168.7.77\n",
        "api.ocp4.example.com.\t\tIN\tA\t192.168.7.77\napi-int.ocp4.example.com.\tIN\tA\t192.168.7.77\n",
    );
    lab.write(helper::ZONE_FILE, &zone);
    lab.run("dig +short api-int.ocp4.example.com");
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.timeline_table();
    check(
        &lab.transcript,
        expect![[r#"
        $ openshift-install create ignition-configs --dir ocp4
        INFO Consuming Install Config from target directory
        INFO Ignition-Configs created in: ocp4 and ocp4/auth
        # cp ~/ocp4/*.ign /var/www/html/ignition/
        # removed the api-int record from /var/named/zonefile.db
        $ openshift-install wait-for bootstrap-complete --dir ocp4
        INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
        INFO API v1.27.6+f67aeb3 up
        INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
        ERROR Bootstrap failed to complete: timed out waiting for the condition
        ERROR Failed to wait for bootstrapping to complete. This error usually happens when there is a problem with control plane hosts that prevents the control plane operators from creating the control plane.
        level=fatal msg=Bootstrap failed to complete
        [exit 5]
          Nov 23 08:22:40 master0.ocp4.example.com ignition[712]: GET https://api-int.ocp4.example.com:22623/config/master: attempt #231
          Nov 23 08:22:40 master0.ocp4.example.com ignition[712]: GET error: Get "https://api-int.ocp4.example.com:22623/config/master": dial tcp: lookup api-int.ocp4.example.com on 192.168.7.77:53: no such host
          Nov 23 08:22:50 master0.ocp4.example.com ignition[712]: GET https://api-int.ocp4.example.com:22623/config/master: attempt #232
          Nov 23 08:22:50 master0.ocp4.example.com ignition[712]: GET error: Get "https://api-int.ocp4.example.com:22623/config/master": dial tcp: lookup api-int.ocp4.example.com on 192.168.7.77:53: no such host
        $ dig api-int.ocp4.example.com

        ; <<>> DiG 9.16.23-RH <<>> api-int.ocp4.example.com
        ;; global options: +cmd
        ;; Got answer:
        ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 36170
        ;; flags: qr aa rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1

        ;; OPT PSEUDOSECTION:
        ; EDNS: version: 0, flags:; udp: 1232
        ;; QUESTION SECTION:
        ;api-int.ocp4.example.com.			IN	A

        ;; AUTHORITY SECTION:
        example.com.		604800	IN	SOA	ns1.ocp4.example.com. root.example.com. 2026112300 10800 1800 1209600 604800

        ;; Query time: 0 msec
        ;; SERVER: 192.168.7.77#53(192.168.7.77)
        ;; WHEN: Mon Nov 23 08:22:50 UTC 2026
        ;; MSG SIZE  rcvd: 60

        $ curl -k https://api-int.ocp4.example.com:22623/config/master
        curl: (6) Could not resolve host: api-int.ocp4.example.com
        [exit 6]
        # fix: add the api-int record back to the zone file
        $ dig +short api-int.ocp4.example.com
        192.168.7.77
        $ openshift-install wait-for bootstrap-complete --dir ocp4
        INFO Waiting up to 20m0s (until 8:42AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
        INFO API v1.27.6+f67aeb3 up
        INFO Waiting up to 30m0s (until 8:52AM) for bootstrapping to complete...
        INFO It is now safe to remove the bootstrap resources
        INFO Time elapsed: 16m10s
           1 bootstrap-boot             2026-11-23T07:43:00Z -> 2026-11-23T07:47:50Z
           2 temporary-control-plane    2026-11-23T07:47:50Z -> 2026-11-23T07:52:50Z
           3 masters-fetch-ignition     2026-11-23T07:52:50Z -> 2026-11-23T08:25:00Z
           4 production-control-plane   2026-11-23T08:25:00Z -> 2026-11-23T08:29:00Z
           5 etcd-scaling               2026-11-23T08:29:00Z -> 2026-11-23T08:34:00Z
           6 control-handover           2026-11-23T08:34:00Z -> 2026-11-23T08:36:00Z
           7 inject-components          2026-11-23T08:36:00Z -> 2026-11-23T08:39:00Z
           8 bootstrap-complete         2026-11-23T08:39:00Z -> running
    "#]],
    );
}

#[test]
fn fault_wrong_dhcp_mac_and_fix() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    let what = lab
        .inst
        .inject_fault(
            &Fault::WrongDhcpMac {
                machine: "master1".into(),
            },
            &mut lab.fs,
        )
        .unwrap();
    lab.note(&what);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.journal_tail("master1", &["console"], 4);
    lab.run("journalctl -u dhcpd");
    lab.note("fix: correct the MAC in dhcpd.conf");
    let conf = lab
        .fs
        .read(helper::DHCPD_CONF)
        .unwrap()
        .replace("52:54:00:80:16:00", "52:54:00:80:16:23");
    lab.write(helper::DHCPD_CONF, &conf);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.machines_table();
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            # mistyped the MAC of master1 in /etc/dhcp/dhcpd.conf
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
            ERROR Bootstrap failed to complete: timed out waiting for the condition
            ERROR Failed to wait for bootstrapping to complete. This error usually happens when there is a problem with control plane hosts that prevents the control plane operators from creating the control plane.
            level=fatal msg=Bootstrap failed to complete
            [exit 5]
              Nov 23 08:22:20 master1.ocp4.example.com PXE: CLIENT MAC ADDR: 52:54:00:80:16:23 GUID: 00000000-0000-0000-0000-000000000000
              Nov 23 08:22:20 master1.ocp4.example.com PXE: PXE-E51: No DHCP or proxyDHCP offers were received.
              Nov 23 08:22:20 master1.ocp4.example.com PXE: PXE-M0F: Exiting Intel PXE ROM.
              Nov 23 08:22:20 master1.ocp4.example.com PXE: No bootable device.
            $ journalctl -u dhcpd
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPDISCOVER from 52:54:00:60:72:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPOFFER on 192.168.7.20 to 52:54:00:60:72:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPREQUEST for 192.168.7.20 (192.168.7.77) from 52:54:00:60:72:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPACK on 192.168.7.20 to 52:54:00:60:72:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPDISCOVER from 52:54:00:e7:9d:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPOFFER on 192.168.7.21 to 52:54:00:e7:9d:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPREQUEST for 192.168.7.21 (192.168.7.77) from 52:54:00:e7:9d:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPACK on 192.168.7.21 to 52:54:00:e7:9d:67 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPDISCOVER from 52:54:00:80:16:23 via ens3: network 192.168.7.0/24: no free leases
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPDISCOVER from 52:54:00:d5:1c:39 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPOFFER on 192.168.7.23 to 52:54:00:d5:1c:39 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPREQUEST for 192.168.7.23 (192.168.7.77) from 52:54:00:d5:1c:39 via ens3
            Nov 23 07:43:20 helper.ocp4.example.com dhcpd[1042]: DHCPACK on 192.168.7.23 to 52:54:00:d5:1c:39 via ens3
            # fix: correct the MAC in dhcpd.conf
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 8:42AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:52AM) for bootstrapping to complete...
            INFO It is now safe to remove the bootstrap resources
            INFO Time elapsed: 16m30s
              bootstrap  bootstrap 192.168.7.20   Running: bootkube.service complete; safe to remove
              master0    master    192.168.7.21   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master1    master    192.168.7.22   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master2    master    192.168.7.23   Ready: production control plane running (etcd, kube-apiserver, controllers)
              worker0    worker    192.168.7.11   NotReady: worker0.ocp4.example.com waits for its client CSR to be approved
              worker1    worker    192.168.7.12   NotReady: worker1.ocp4.example.com waits for its client CSR to be approved
              helper     helper    192.168.7.77   Running: serving DNS, DHCP, TFTP and HTTP (8080)
              lb         lb        192.168.7.77   Running: HAProxy: 6443, 22623, 80, 443, stats on 9000
        "#]],
    );
}

#[test]
fn fault_haproxy_without_22623_and_fix() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    let what = lab
        .inst
        .inject_fault(&Fault::HaproxyMissing22623, &mut lab.fs)
        .unwrap();
    lab.note(&what);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.journal_tail("master2", &["ignition-fetch"], 2);
    lab.run("curl -k https://api-int.ocp4.example.com:22623/config/master");
    lab.note("fix: restore the machine-config-server frontend and backend");
    let cfg = HelperNode::example().haproxy_cfg();
    lab.write(helper::HAPROXY_CFG, &cfg);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    check(
        &lab.transcript,
        expect![[r#"
        $ openshift-install create ignition-configs --dir ocp4
        INFO Consuming Install Config from target directory
        INFO Ignition-Configs created in: ocp4 and ocp4/auth
        # cp ~/ocp4/*.ign /var/www/html/ignition/
        # removed the machine-config-server (22623) frontend and backend from /etc/haproxy/haproxy.cfg
        $ openshift-install wait-for bootstrap-complete --dir ocp4
        INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
        INFO API v1.27.6+f67aeb3 up
        INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
        ERROR Bootstrap failed to complete: timed out waiting for the condition
        ERROR Failed to wait for bootstrapping to complete. This error usually happens when there is a problem with control plane hosts that prevents the control plane operators from creating the control plane.
        level=fatal msg=Bootstrap failed to complete
        [exit 5]
          Nov 23 08:22:50 master2.ocp4.example.com ignition[712]: GET https://api-int.ocp4.example.com:22623/config/master: attempt #232
          Nov 23 08:22:50 master2.ocp4.example.com ignition[712]: GET error: Get "https://api-int.ocp4.example.com:22623/config/master": dial tcp 192.168.7.77:22623: connect: connection refused
        $ curl -k https://api-int.ocp4.example.com:22623/config/master
        curl: (7) Failed to connect to api-int.ocp4.example.com port 22623: Connection refused
        [exit 7]
        # fix: restore the machine-config-server frontend and backend
        $ openshift-install wait-for bootstrap-complete --dir ocp4
        INFO Waiting up to 20m0s (until 8:42AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
        INFO API v1.27.6+f67aeb3 up
        INFO Waiting up to 30m0s (until 8:52AM) for bootstrapping to complete...
        INFO It is now safe to remove the bootstrap resources
        INFO Time elapsed: 16m10s
    "#]],
    );
}

#[test]
fn fault_expired_ignition_and_fix() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    let what = lab
        .inst
        .inject_fault(&Fault::ExpiredIgnition, &mut lab.fs)
        .unwrap();
    lab.now = lab.inst.now();
    lab.note(&what);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.journal_tail("master0", &["ignition-fetch"], 2);
    lab.journal_tail("bootstrap", &["bootkube"], 1);
    lab.note("running create ignition-configs again reuses the certificates kept in .openshift_install_state.json");
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    lab.inst.boot_machines(lab.now);
    lab.advance(10 * 60_000);
    lab.journal_tail("master0", &["ignition-fetch"], 1);
    lab.note("fix: start from a fresh directory, regenerate the ignition configs, publish them and reinstall the machines");
    let _ = lab.fs.remove("/home/student/ocp4", true);
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    lab.inst.boot_machines(lab.now);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            # moved the clock 25 hours past the last create ignition-configs (now 2026-11-24T08:43:00Z)
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 9:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            ERROR Attempted to gather ClusterOperator status after wait failure: listing ClusterOperator objects: Get "https://api.ocp4.example.com:6443/apis/config.openshift.io/v1/clusteroperators": EOF
            INFO Use the following commands to gather logs from the cluster
            INFO openshift-install gather bootstrap --help
            ERROR Bootstrap failed to complete: Get "https://api.ocp4.example.com:6443/version": EOF
            ERROR Failed waiting for Kubernetes API. This error usually happens when there is a problem on the bootstrap host that prevents creating a temporary control plane.
            level=fatal msg=Bootstrap failed to complete
            [exit 5]
              Nov 24 09:03:00 master0.ocp4.example.com ignition[712]: GET https://api-int.ocp4.example.com:22623/config/master: attempt #113
              Nov 24 09:03:00 master0.ocp4.example.com ignition[712]: GET error: Get "https://api-int.ocp4.example.com:22623/config/master": x509: certificate has expired or is not yet valid: current time 2026-11-24T09:03:00Z is after 2026-11-24T07:43:00Z
              Nov 24 09:02:50 bootstrap.ocp4.example.com bootkube.sh[2816]: Error: unable to connect to etcd: x509: certificate has expired or is not yet valid: current time 2026-11-24T09:02:50Z is after 2026-11-24T07:43:00Z
            # running create ignition-configs again reuses the certificates kept in .openshift_install_state.json
            $ openshift-install create ignition-configs --dir ocp4
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
              Nov 24 09:13:00 master0.ocp4.example.com ignition[712]: GET error: Get "https://api-int.ocp4.example.com:22623/config/master": x509: certificate has expired or is not yet valid: current time 2026-11-24T09:13:00Z is after 2026-11-24T07:43:00Z
            # fix: start from a fresh directory, regenerate the ignition configs, publish them and reinstall the machines
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 9:33AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 9:52AM) for bootstrapping to complete...
            INFO It is now safe to remove the bootstrap resources
            INFO Time elapsed: 25m50s
        "#]],
    );
}

#[test]
fn fault_unapproved_csrs_then_approval() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.run("openshift-install wait-for install-complete --dir ocp4");
    lab.machines_table();
    lab.note("oc get nodes");
    for n in lab.inst.nodes() {
        let line = format!("  {} {} {} {}\n", n.name, n.status, n.roles, n.version);
        lab.transcript.push_str(&line);
    }
    lab.approve_all();
    lab.advance(60_000);
    lab.approve_all();
    lab.run("openshift-install wait-for install-complete --dir ocp4");
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
            INFO It is now safe to remove the bootstrap resources
            INFO Time elapsed: 25m50s
            $ openshift-install wait-for install-complete --dir ocp4
            INFO Waiting up to 40m0s (until 8:48AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            ERROR Cluster operator ingress Degraded is True with The "default" ingress controller reports Available=False: IngressControllerUnavailable: One or more status conditions indicate unavailable: DeploymentAvailable=False (DeploymentUnavailable: The deployment has Available status condition set to False (reason: MinimumReplicasUnavailable) with message: Deployment does not have minimum availability.)
            ERROR Cluster operator authentication Degraded is True with OAuthServerRouteEndpointAccessibleControllerAvailable: Get "https://oauth-openshift.apps.ocp4.example.com/healthz": EOF
            ERROR Cluster operator console Degraded is True with RouteHealthAvailable: failed to GET route (https://console-openshift-console.apps.ocp4.example.com): Get "https://console-openshift-console.apps.ocp4.example.com": EOF
            ERROR Cluster operator monitoring Degraded is True with Rollout of the monitoring stack failed and is degraded. Please investigate the degraded status error.
            ERROR Cluster initialization failed because one or more operators are not functioning properly.
            ERROR The cluster should be accessible for troubleshooting as detailed in the documentation linked below,
            ERROR https://docs.openshift.com/container-platform/latest/support/troubleshooting/troubleshooting-installations.html
            ERROR The 'wait-for install-complete' subcommand can then be used to continue the installation
            level=fatal msg=failed to initialize the cluster: Cluster operators authentication, console, ingress, monitoring are not available
            [exit 6]
              bootstrap  bootstrap 192.168.7.20   ShutDown: shut down by the installer; remove it from the load balancer
              master0    master    192.168.7.21   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master1    master    192.168.7.22   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master2    master    192.168.7.23   Ready: production control plane running (etcd, kube-apiserver, controllers)
              worker0    worker    192.168.7.11   NotReady: worker0.ocp4.example.com waits for its client CSR to be approved
              worker1    worker    192.168.7.12   NotReady: worker1.ocp4.example.com waits for its client CSR to be approved
              helper     helper    192.168.7.77   Running: serving DNS, DHCP, TFTP and HTTP (8080)
              lb         lb        192.168.7.77   Running: HAProxy: 6443, 22623, 80, 443, stats on 9000
            # oc get nodes
              master0.ocp4.example.com Ready control-plane,master v1.27.6+f67aeb3
              master1.ocp4.example.com Ready control-plane,master v1.27.6+f67aeb3
              master2.ocp4.example.com Ready control-plane,master v1.27.6+f67aeb3
            $ oc adm certificate approve csr-ktwvp
            certificatesigningrequest.certificates.k8s.io/csr-ktwvp approved
            $ oc adm certificate approve csr-4kt4b
            certificatesigningrequest.certificates.k8s.io/csr-4kt4b approved
            $ oc adm certificate approve csr-xslht
            certificatesigningrequest.certificates.k8s.io/csr-xslht approved
            $ oc adm certificate approve csr-scf68
            certificatesigningrequest.certificates.k8s.io/csr-scf68 approved
            $ openshift-install wait-for install-complete --dir ocp4
            INFO Waiting up to 40m0s (until 9:29AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            INFO Checking to see if there is a route at openshift-console/console...
            INFO Install complete!
            INFO To access the cluster as the system:admin user when using 'oc', run
            INFO     export KUBECONFIG=/home/student/ocp4/auth/kubeconfig
            INFO Access the OpenShift web-console here: https://console-openshift-console.apps.ocp4.example.com
            INFO Login to the console with user: "kubeadmin", and password: "ae4XR-eZHun-GtDCR-jQhP5"
            INFO Time elapsed: 2m8s
        "#]],
    );
}

#[test]
fn fault_ignition_not_published_and_fix() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.note("forgot: cp ~/ocp4/*.ign /var/www/html/ignition/");
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.journal_tail("bootstrap", &["coreos-installer"], 2);
    lab.run("curl http://192.168.7.77:8080/ignition/bootstrap.ign");
    lab.run("dig -x 192.168.7.20 +short");
    lab.run("journalctl -u haproxy");
    lab.note("fix: publish the ignition files and power-cycle the machines");
    lab.publish_ignition();
    lab.inst.boot_machines(lab.now);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4 --log-level=debug");
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # forgot: cp ~/ocp4/*.ign /var/www/html/ignition/
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            ERROR Attempted to gather ClusterOperator status after wait failure: listing ClusterOperator objects: Get "https://api.ocp4.example.com:6443/apis/config.openshift.io/v1/clusteroperators": EOF
            INFO Use the following commands to gather logs from the cluster
            INFO openshift-install gather bootstrap --help
            ERROR Bootstrap failed to complete: Get "https://api.ocp4.example.com:6443/version": EOF
            ERROR Failed waiting for Kubernetes API. This error usually happens when there is a problem on the bootstrap host that prevents creating a temporary control plane.
            level=fatal msg=Bootstrap failed to complete
            [exit 5]
              Nov 23 08:02:20 bootstrap.ocp4.example.com coreos-installer[1207]: Error: fetching 'http://192.168.7.77:8080/ignition/bootstrap.ign'
              Nov 23 08:02:20 bootstrap.ocp4.example.com coreos-installer[1207]: Caused by: HTTP status client error (404 Not Found) for url (http://192.168.7.77:8080/ignition/bootstrap.ign)
            $ curl http://192.168.7.77:8080/ignition/bootstrap.ign
            <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
            <html><head>
            <title>404 Not Found</title>
            </head><body>
            <h1>Not Found</h1>
            <p>The requested URL /ignition/bootstrap.ign was not found on this server.</p>
            </body></html>
            $ dig -x 192.168.7.20 +short
            bootstrap.ocp4.example.com.
            $ journalctl -u haproxy
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server ingress-http/worker0-http-router0 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server ingress-http/worker1-http-router0 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server ingress-https/worker0-https-router0 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server ingress-https/worker1-https-router0 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server openshift-api-server/bootstrap is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 3 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server openshift-api-server/master0 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server openshift-api-server/master1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server openshift-api-server/master2 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server machine-config-server/bootstrap is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 3 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server machine-config-server/master0 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server machine-config-server/master1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            Nov 23 07:43:20 helper.ocp4.example.com haproxy[1201]: Server machine-config-server/master2 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
            # fix: publish the ignition files and power-cycle the machines
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            $ openshift-install wait-for bootstrap-complete --dir ocp4 --log-level=debug
            DEBUG OpenShift Installer 4.14.0
            DEBUG Built from commit 7a8d5f1e3a2c9b04c6f1d2e8b3a7c5d9e0f4a6b2
            INFO Waiting up to 20m0s (until 8:23AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:42AM) for bootstrapping to complete...
            INFO It is now safe to remove the bootstrap resources
            INFO Time elapsed: 25m50s
        "#]],
    );
}

#[test]
fn fault_missing_apps_wildcard_and_fix() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    let zone = lab
        .fs
        .read(helper::ZONE_FILE)
        .unwrap()
        .replace("*.apps.ocp4.example.com.\t\tIN\tA\t192.168.7.77\n", "");
    lab.write(helper::ZONE_FILE, &zone);
    lab.note("the learner left the *.apps wildcard out of the zone file");
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.advance(4 * 60_000);
    lab.approve_all();
    lab.advance(60_000);
    lab.approve_all();
    lab.run("openshift-install wait-for install-complete --dir ocp4");
    lab.run("dig +short console-openshift-console.apps.ocp4.example.com");
    lab.note("fix: add the wildcard record back");
    let zone = lab.fs.read(helper::ZONE_FILE).unwrap().replace(
        "; The wildcard also points to the load balancer\n",
        "; The wildcard also points to the load balancer\n*.apps.ocp4.example.com.\t\tIN\tA\t192.168.7.77\n",
    );
    lab.write(helper::ZONE_FILE, &zone);
    lab.run("openshift-install wait-for install-complete --dir ocp4");
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            # the learner left the *.apps wildcard out of the zone file
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
            INFO It is now safe to remove the bootstrap resources
            INFO Time elapsed: 25m50s
            $ oc adm certificate approve csr-ktwvp
            certificatesigningrequest.certificates.k8s.io/csr-ktwvp approved
            $ oc adm certificate approve csr-4kt4b
            certificatesigningrequest.certificates.k8s.io/csr-4kt4b approved
            $ oc adm certificate approve csr-xslht
            certificatesigningrequest.certificates.k8s.io/csr-xslht approved
            $ oc adm certificate approve csr-scf68
            certificatesigningrequest.certificates.k8s.io/csr-scf68 approved
            $ openshift-install wait-for install-complete --dir ocp4
            INFO Waiting up to 40m0s (until 8:53AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            ERROR Cluster operator authentication Degraded is True with OAuthServerRouteEndpointAccessibleControllerAvailable: Get "https://oauth-openshift.apps.ocp4.example.com/healthz": dial tcp: lookup oauth-openshift.apps.ocp4.example.com on 172.30.0.10:53: no such host
            ERROR Cluster operator console Degraded is True with RouteHealthAvailable: failed to GET route (https://console-openshift-console.apps.ocp4.example.com): Get "https://console-openshift-console.apps.ocp4.example.com": dial tcp: lookup console-openshift-console.apps.ocp4.example.com on 172.30.0.10:53: no such host
            ERROR Cluster initialization failed because one or more operators are not functioning properly.
            ERROR The cluster should be accessible for troubleshooting as detailed in the documentation linked below,
            ERROR https://docs.openshift.com/container-platform/latest/support/troubleshooting/troubleshooting-installations.html
            ERROR The 'wait-for install-complete' subcommand can then be used to continue the installation
            level=fatal msg=failed to initialize the cluster: Cluster operators authentication, console are not available
            [exit 6]
            $ dig +short console-openshift-console.apps.ocp4.example.com
            # fix: add the wildcard record back
            $ openshift-install wait-for install-complete --dir ocp4
            INFO Waiting up to 40m0s (until 9:33AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            INFO Checking to see if there is a route at openshift-console/console...
            INFO Install complete!
            INFO To access the cluster as the system:admin user when using 'oc', run
            INFO     export KUBECONFIG=/home/student/ocp4/auth/kubeconfig
            INFO Access the OpenShift web-console here: https://console-openshift-console.apps.ocp4.example.com
            INFO Login to the console with user: "kubeadmin", and password: "ae4XR-eZHun-GtDCR-jQhP5"
            INFO Time elapsed: 1m0s
        "#]],
    );
}

#[test]
fn fault_too_few_masters() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    let what = lab
        .inst
        .inject_fault(&Fault::TooFewMasters, &mut lab.fs)
        .unwrap();
    lab.note(&what);
    lab.run("openshift-install wait-for bootstrap-complete --dir ocp4");
    lab.timeline_table();
    lab.journal_tail("bootstrap", &["bootkube"], 2);
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create ignition-configs --dir ocp4
            INFO Consuming Install Config from target directory
            INFO Ignition-Configs created in: ocp4 and ocp4/auth
            # cp ~/ocp4/*.ign /var/www/html/ignition/
            # master2 was never created; only 2 control plane machines exist
            $ openshift-install wait-for bootstrap-complete --dir ocp4
            INFO Waiting up to 20m0s (until 8:03AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:22AM) for bootstrapping to complete...
            ERROR Bootstrap failed to complete: timed out waiting for the condition
            ERROR Failed to wait for bootstrapping to complete. This error usually happens when there is a problem with control plane hosts that prevents the control plane operators from creating the control plane.
            level=fatal msg=Bootstrap failed to complete
            [exit 5]
               1 bootstrap-boot             2026-11-23T07:43:00Z -> 2026-11-23T07:47:50Z
               2 temporary-control-plane    2026-11-23T07:47:50Z -> 2026-11-23T07:52:50Z
               3 masters-fetch-ignition     2026-11-23T07:52:50Z -> 2026-11-23T07:54:50Z
               4 production-control-plane   2026-11-23T07:54:50Z -> 2026-11-23T07:58:50Z
               5 etcd-scaling               2026-11-23T07:58:50Z -> running
              Nov 23 08:21:50 bootstrap.ocp4.example.com bootkube.sh[2816]: I1123 08:21:50.000000       1 waitforceo.go:67] waiting on condition EtcdRunningInCluster in etcd CR /cluster to be True.
              Nov 23 08:22:50 bootstrap.ocp4.example.com bootkube.sh[2816]: I1123 08:22:50.000000       1 waitforceo.go:67] waiting on condition EtcdRunningInCluster in etcd CR /cluster to be True.
        "#]],
    );
}

#[test]
fn ignition_structure() {
    let mut lab = Lab::new();
    lab.prepare();
    lab.run("openshift-install create manifests --dir ocp4");
    // The learner's manifest edit is carried into bootstrap.ign.
    let sched = "/home/student/ocp4/manifests/cluster-scheduler-02-config.yml";
    let text = lab
        .fs
        .read(sched)
        .unwrap()
        .replace("mastersSchedulable: true", "mastersSchedulable: false");
    lab.write(sched, &text);
    lab.run("openshift-install create ignition-configs --dir ocp4");
    let read = |lab: &Lab, f: &str| -> Value {
        serde_json::from_str(lab.fs.read(&format!("/home/student/ocp4/{f}")).unwrap()).unwrap()
    };
    let boot = read(&lab, "bootstrap.ign");
    assert_eq!(boot["ignition"]["version"], "3.2.0");
    let files = boot["storage"]["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    for p in [
        "/usr/local/bin/bootkube.sh",
        "/opt/openshift/tls/root-ca.crt",
        "/opt/openshift/auth/kubeconfig",
        "/opt/openshift/manifests/cluster-scheduler-02-config.yml",
    ] {
        assert!(paths.contains(&p), "{p} missing from bootstrap.ign");
    }
    let decoded = |f: &Value| {
        crate::b64::decode_text(
            f["contents"]["source"]
                .as_str()
                .unwrap()
                .split("base64,")
                .nth(1)
                .unwrap(),
        )
        .unwrap()
    };
    let sched_file = files
        .iter()
        .find(|f| f["path"] == "/opt/openshift/manifests/cluster-scheduler-02-config.yml")
        .unwrap();
    assert!(decoded(sched_file).contains("mastersSchedulable: false"));
    let units: Vec<&str> = boot["systemd"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert!(units.contains(&"bootkube.service") && units.contains(&"release-image.service"));
    assert_eq!(boot["passwd"]["users"][0]["sshAuthorizedKeys"][0], SSH_KEY);
    let root = files
        .iter()
        .find(|f| f["path"] == "/opt/openshift/tls/root-ca.crt")
        .unwrap();
    let root_ca = decoded(root);
    assert!(root_ca.starts_with("-----BEGIN CERTIFICATE-----\n"));
    for role in ["master", "worker"] {
        let ign = read(&lab, &format!("{role}.ign"));
        assert_eq!(ign["ignition"]["version"], "3.2.0");
        assert_eq!(
            ign["ignition"]["config"]["merge"][0]["source"],
            format!("https://api-int.ocp4.example.com:22623/config/{role}")
        );
        let ca = ign["ignition"]["security"]["tls"]["certificateAuthorities"][0]["source"]
            .as_str()
            .unwrap();
        assert_eq!(
            crate::b64::decode_text(ca.split("base64,").nth(1).unwrap()).unwrap(),
            root_ca
        );
    }
    let meta: Value =
        serde_json::from_str(lab.fs.read("/home/student/ocp4/metadata.json").unwrap()).unwrap();
    assert_eq!(meta["clusterName"], "ocp4");
    assert!(meta["infraID"].as_str().unwrap().starts_with("ocp4-"));
    let kc = lab.fs.read("/home/student/ocp4/auth/kubeconfig").unwrap();
    assert!(kc.contains("server: https://api.ocp4.example.com:6443"));
    let state: Value = serde_json::from_str(
        lab.fs
            .read("/home/student/ocp4/.openshift_install_state.json")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        state["*installconfig.InstallConfig"]["config"]["metadata"]["name"],
        "ocp4"
    );
    assert!(
        lab.fs
            .read("/home/student/ocp4/install-config.yaml")
            .is_err()
    );
    assert!(!lab.fs.is_dir("/home/student/ocp4/manifests"));
    // The same inputs at the same time give the same files.
    let mut again = Lab::new();
    again.prepare();
    again.run("openshift-install create manifests --dir ocp4");
    again.write(sched, &text);
    again.run("openshift-install create ignition-configs --dir ocp4");
    assert_eq!(
        again.fs.read("/home/student/ocp4/master.ign"),
        lab.fs.read("/home/student/ocp4/master.ign")
    );
}

#[test]
fn helper_configs_are_generated() {
    let mut lab = Lab::new().helper();
    let mut out = String::new();
    for p in [
        helper::ZONE_FILE,
        helper::REVERSE_FILE,
        helper::DHCPD_CONF,
        helper::HAPROXY_CFG,
        "/var/lib/tftpboot/pxelinux.cfg/01-52-54-00-e7-9d-67",
    ] {
        out.push_str(&format!("==> {p} <==\n{}", lab.fs.read(p).unwrap()));
    }
    let net = NetView::read(&lab.fs, "192.168.7.77");
    assert_eq!(
        net.resolve("foo.apps.ocp4.example.com"),
        Some(vec!["192.168.7.77".to_owned()])
    );
    assert_eq!(
        net.resolve("master1.ocp4.example.com"),
        Some(vec!["192.168.7.22".to_owned()])
    );
    assert_eq!(
        net.ptr.get("192.168.7.21"),
        Some(&vec!["master0.ocp4.example.com".to_owned()])
    );
    assert_eq!(
        net.leases.get("52:54:00:f4:26:a1").map(|l| l.1.as_str()),
        Some("192.168.7.11")
    );
    assert_eq!(net.haproxy[&22623].len(), 4);
    assert_eq!(net.haproxy[&443].len(), 2);
    assert!(net.haproxy.contains_key(&9000));
    let yaml = HelperNode::example().to_vars_yaml();
    assert_eq!(
        HelperNode::from_vars_yaml(&yaml).unwrap(),
        HelperNode::example()
    );
    lab.run("nslookup api.ocp4.example.com");
    lab.run("nslookup nope.ocp4.example.com");
    let mut ctx = Ctx::new(&mut lab.fs, &lab.env, "/home/student", "", START);
    let argv: Vec<String> = ["dig", "+short", "www.google.com"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(
        lab.inst.run_diagnostic(&argv, &mut ctx),
        None,
        "names outside the lab domain go to the caller"
    );
    out.push_str(&lab.transcript);
    check(
        &out,
        expect![[r#"
        ==> /var/named/zonefile.db <==
        $TTL 1W
        @	IN	SOA	ns1.ocp4.example.com.	root (
        			2026112307	; serial
        			3H		; refresh (3 hours)
        			30M		; retry (30 minutes)
        			2W		; expiry (2 weeks)
        			1W )		; minimum (1 week)
        	IN	NS	ns1.ocp4.example.com.
        	IN	MX 10	smtp.ocp4.example.com.
        ;
        ;
        ns1.ocp4.example.com.		IN	A	192.168.7.77
        smtp.ocp4.example.com.		IN	A	192.168.7.77
        ;
        helper.ocp4.example.com.		IN	A	192.168.7.77
        ;
        ; The api points to the IP of your load balancer
        api.ocp4.example.com.		IN	A	192.168.7.77
        api-int.ocp4.example.com.		IN	A	192.168.7.77
        ;
        ; The wildcard also points to the load balancer
        *.apps.ocp4.example.com.		IN	A	192.168.7.77
        ;
        ; Create entry for the bootstrap host
        bootstrap.ocp4.example.com.	IN	A	192.168.7.20
        ;
        ; Create entries for the master hosts
        master0.ocp4.example.com.		IN	A	192.168.7.21
        master1.ocp4.example.com.		IN	A	192.168.7.22
        master2.ocp4.example.com.		IN	A	192.168.7.23
        ;
        ; Create entries for the worker hosts
        worker0.ocp4.example.com.		IN	A	192.168.7.11
        worker1.ocp4.example.com.		IN	A	192.168.7.12
        ;
        ;EOF
        ==> /var/named/reverse.db <==
        $TTL 1W
        @	IN	SOA	ns1.ocp4.example.com.	root (
        			2026112307	; serial
        			3H		; refresh (3 hours)
        			30M		; retry (30 minutes)
        			2W		; expiry (2 weeks)
        			1W )		; minimum (1 week)
        	IN	NS	ns1.ocp4.example.com.
        ;
        ; syntax is "last octet" and the host must have fqdn with trailing dot
        21	IN	PTR	master0.ocp4.example.com.
        22	IN	PTR	master1.ocp4.example.com.
        23	IN	PTR	master2.ocp4.example.com.
        ;
        20	IN	PTR	bootstrap.ocp4.example.com.
        ;
        77	IN	PTR	api.ocp4.example.com.
        77	IN	PTR	api-int.ocp4.example.com.
        ;
        11	IN	PTR	worker0.ocp4.example.com.
        12	IN	PTR	worker1.ocp4.example.com.
        ;
        ;EOF
        ==> /etc/dhcp/dhcpd.conf <==
        authoritative;
        ddns-update-style interim;
        default-lease-time 14400;
        max-lease-time 14400;

        	option routers                  192.168.7.1;
        	option broadcast-address        192.168.7.255;
        	option subnet-mask              255.255.255.0;
        	option domain-name-servers      192.168.7.77;
        	option domain-name              "ocp4.example.com";
        	option domain-search            "ocp4.example.com", "example.com";

        	subnet 192.168.7.0 netmask 255.255.255.0 {
        	interface ens3;
        		pool {
        			range 192.168.7.10 192.168.7.30;
        		# Static entries
        		host bootstrap { hardware ethernet 52:54:00:60:72:67; fixed-address 192.168.7.20; }
        		host master0 { hardware ethernet 52:54:00:e7:9d:67; fixed-address 192.168.7.21; }
        		host master1 { hardware ethernet 52:54:00:80:16:23; fixed-address 192.168.7.22; }
        		host master2 { hardware ethernet 52:54:00:d5:1c:39; fixed-address 192.168.7.23; }
        		host worker0 { hardware ethernet 52:54:00:f4:26:a1; fixed-address 192.168.7.11; }
        		host worker1 { hardware ethernet 52:54:00:82:90:00; fixed-address 192.168.7.12; }
        		# this will not give out addresses to hosts not listed above
        		deny unknown-clients;

        		# this is PXE specific
        		filename "pxelinux.0";
        		next-server 192.168.7.77;
        		}
        }
        ==> /etc/haproxy/haproxy.cfg <==
        #---------------------------------------------------------------------
        # Global settings
        #---------------------------------------------------------------------
        global
            maxconn     20000
            log         /dev/log local0 info
            chroot      /var/lib/haproxy
            pidfile     /var/run/haproxy.pid
            user        haproxy
            group       haproxy
            daemon

            # turn on stats unix socket
            stats socket /var/lib/haproxy/stats

        #---------------------------------------------------------------------
        # common defaults that all the 'listen' and 'backend' sections will
        # use if not designated in their block
        #---------------------------------------------------------------------
        defaults
            mode                    http
            log                     global
            option                  httplog
            option                  dontlognull
            option http-server-close
            option forwardfor       except 127.0.0.0/8
            option                  redispatch
            retries                 3
            timeout http-request    10s
            timeout queue           1m
            timeout connect         10s
            timeout client          300s
            timeout server          300s
            timeout http-keep-alive 10s
            timeout check           10s
            maxconn                 20000

        listen stats
            bind :9000
            mode http
            stats enable
            stats uri /

        frontend openshift-api-server
            bind *:6443
            default_backend openshift-api-server
            mode tcp
            option tcplog

        backend openshift-api-server
            balance source
            mode tcp
            server bootstrap 192.168.7.20:6443 check
            server master0 192.168.7.21:6443 check
            server master1 192.168.7.22:6443 check
            server master2 192.168.7.23:6443 check

        frontend machine-config-server
            bind *:22623
            default_backend machine-config-server
            mode tcp
            option tcplog

        backend machine-config-server
            balance source
            mode tcp
            server bootstrap 192.168.7.20:22623 check
            server master0 192.168.7.21:22623 check
            server master1 192.168.7.22:22623 check
            server master2 192.168.7.23:22623 check

        frontend ingress-http
            bind *:80
            default_backend ingress-http
            mode tcp
            option tcplog

        backend ingress-http
            balance source
            mode tcp
            server worker0-http-router0 192.168.7.11:80 check
            server worker1-http-router0 192.168.7.12:80 check

        frontend ingress-https
            bind *:443
            default_backend ingress-https
            mode tcp
            option tcplog

        backend ingress-https
            balance source
            mode tcp
            server worker0-https-router0 192.168.7.11:443 check
            server worker1-https-router0 192.168.7.12:443 check
        ==> /var/lib/tftpboot/pxelinux.cfg/01-52-54-00-e7-9d-67 <==
        default menu.c32
         prompt 1
         timeout 9
         ONTIMEOUT 1
         menu title ######## PXE Boot Menu ########
         label 1
         menu label ^1) Install Master Node
         menu default
         kernel rhcos/kernel
         append initrd=rhcos/initramfs.img nomodeset rd.neednet=1 console=tty0 console=ttyS0 ip=dhcp coreos.inst=yes coreos.inst.install_dev=vda coreos.live.rootfs_url=http://192.168.7.77:8080/install/rootfs.img coreos.inst.ignition_url=http://192.168.7.77:8080/ignition/master.ign
        # host master0
        $ nslookup api.ocp4.example.com
        Server:		192.168.7.77
        Address:	192.168.7.77#53

        Name:	api.ocp4.example.com
        Address: 192.168.7.77

        $ nslookup nope.ocp4.example.com
        Server:		192.168.7.77
        Address:	192.168.7.77#53

        ** server can't find nope.ocp4.example.com: NXDOMAIN

        [exit 1]
    "#]],
    );
}

#[test]
fn step_back_and_forward() {
    let mut lab = Lab::new().helper();
    lab.prepare();
    lab.run("openshift-install create ignition-configs --dir ocp4");
    lab.publish_ignition();
    lab.inst.sync(&lab.fs);
    lab.inst.boot_machines(lab.now);
    assert!(lab.inst.step_forward());
    assert_eq!(lab.inst.current_stage(), Some(Stage::TemporaryControlPlane));
    assert!(lab.inst.step_forward());
    assert_eq!(lab.inst.current_stage(), Some(Stage::MastersFetchIgnition));
    lab.inst.advance(30_000);
    assert!(lab.inst.step_back());
    assert_eq!(lab.inst.current_stage(), Some(Stage::MastersFetchIgnition));
    assert!(lab.inst.step_back());
    assert_eq!(lab.inst.current_stage(), Some(Stage::TemporaryControlPlane));
    assert!(lab.inst.step_back());
    assert_eq!(lab.inst.current_stage(), Some(Stage::BootstrapBoot));
    assert!(!lab.inst.step_back());
    assert!(lab.inst.step_forward());
    assert_eq!(lab.inst.current_stage(), Some(Stage::TemporaryControlPlane));
    for s in Stage::ALL {
        assert!(!stage_explanation(s, "ko").is_empty());
        assert_ne!(stage_explanation(s, "ko"), stage_explanation(s, "en"));
    }
    // A runaway request moves at most a day and does not hang.
    let mut far = lab.inst.clone();
    far.advance(u64::MAX);
    assert_eq!(far.now(), lab.inst.now() + 24 * 3_600_000);
    // The installer state survives a serialisation round trip.
    let json = serde_json::to_string(&lab.inst).unwrap();
    let back: Installer = serde_json::from_str(&json).unwrap();
    assert_eq!(back.sim, lab.inst.sim);
    assert_eq!(back.net, lab.inst.net);
    assert!(back.history.is_empty());
    assert!(
        json.len() < 200_000,
        "saved installer is {} bytes",
        json.len()
    );
}

#[test]
fn ipi_aws_create_cluster() {
    let mut lab = Lab::new();
    lab.fs.mkdir("/home/student/aws", true).unwrap();
    let cfg = install_config(
        "  none: {} =>   aws:\n    region: us-east-1 ;; - cidr: 192.168.7.0/24 => - cidr: 10.0.0.0/16 ;;   replicas: 0 =>   replicas: 3",
    );
    lab.write("/home/student/aws/install-config.yaml", &cfg);
    lab.run("openshift-install create cluster --dir aws");
    let plan = lab.inst.aws_infra().expect("plan").clone();
    lab.transcript
        .push_str(&format!("vpc {:?} azs {:?}\n", plan.vpc_cidr, plan.azs));
    for s in &plan.subnets {
        lab.transcript.push_str(&format!(
            "  subnet {} {} {}\n",
            s.name,
            s.cidr,
            if s.public { "public" } else { "private" }
        ));
    }
    for lb in &plan.load_balancers {
        lab.transcript.push_str(&format!(
            "  lb {} {} {} {:?}\n",
            lb.name, lb.kind, lb.scheme, lb.ports
        ));
    }
    for r in &plan.records {
        lab.transcript.push_str(&format!(
            "  record {} {} -> {}\n",
            if r.private_zone { "private" } else { "public" },
            r.name,
            r.target
        ));
    }
    let done = lab.inst.installed_cluster().expect("installed");
    for n in done.masters.iter().chain(done.workers.iter()) {
        lab.transcript
            .push_str(&format!("  node {} {}\n", n.name, n.ip));
    }
    assert!(
        lab.inst.pending_csrs().is_empty(),
        "the machine-approver approves IPI workers"
    );
    lab.run("openshift-install destroy cluster --dir aws");
    assert!(lab.inst.installed_cluster().is_none());
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install create cluster --dir aws
            INFO Consuming Install Config from target directory
            INFO Creating infrastructure resources...
            INFO Waiting up to 20m0s (until 8:07AM) for the Kubernetes API at https://api.ocp4.example.com:6443...
            INFO API v1.27.6+f67aeb3 up
            INFO Waiting up to 30m0s (until 8:25AM) for bootstrapping to complete...
            INFO Destroying the bootstrap resources...
            INFO Waiting up to 40m0s (until 8:51AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            INFO Checking to see if there is a route at openshift-console/console...
            INFO Install complete!
            INFO To access the cluster as the system:admin user when using 'oc', run
            INFO     export KUBECONFIG=/home/student/aws/auth/kubeconfig
            INFO Access the OpenShift web-console here: https://console-openshift-console.apps.ocp4.example.com
            INFO Login to the console with user: "kubeadmin", and password: "ae4XR-eZHun-GtDCR-jQhP5"
            INFO Time elapsed: 42m22s
            vpc Some("10.0.0.0/16") azs ["us-east-1a", "us-east-1b", "us-east-1c"]
              subnet ocp4-4hdbt-private-us-east-1a 10.0.0.0/19 private
              subnet ocp4-4hdbt-public-us-east-1a 10.0.96.0/21 public
              subnet ocp4-4hdbt-private-us-east-1b 10.0.32.0/19 private
              subnet ocp4-4hdbt-public-us-east-1b 10.0.104.0/21 public
              subnet ocp4-4hdbt-private-us-east-1c 10.0.64.0/19 private
              subnet ocp4-4hdbt-public-us-east-1c 10.0.112.0/21 public
              lb ocp4-4hdbt-ext network internet-facing [6443]
              lb ocp4-4hdbt-int network internal [6443, 22623]
              lb (created later by the ingress operator) classic internet-facing [80, 443]
              record public api.ocp4.example.com -> ocp4-4hdbt-ext
              record private api.ocp4.example.com -> ocp4-4hdbt-int
              record private api-int.ocp4.example.com -> ocp4-4hdbt-int
              record public *.apps.ocp4.example.com -> ingress classic load balancer
              record private *.apps.ocp4.example.com -> ingress classic load balancer
              node ip-10-0-0-126.ec2.internal 10.0.0.126
              node ip-10-0-32-185.ec2.internal 10.0.32.185
              node ip-10-0-64-53.ec2.internal 10.0.64.53
              node ip-10-0-0-22.ec2.internal 10.0.0.22
              node ip-10-0-32-53.ec2.internal 10.0.32.53
              node ip-10-0-64-120.ec2.internal 10.0.64.120
            $ openshift-install destroy cluster --dir aws
            INFO Time elapsed: 4m3s
            INFO Uninstallation complete!
        "#]],
    );
}

#[test]
fn agent_based_install() {
    let mut lab = Lab::new();
    lab.prepare();
    lab.write("/home/student/ocp4/agent-config.yaml", "apiVersion: v1beta1\nkind: AgentConfig\nmetadata:\n  name: ocp4\nrendezvousIP: 192.168.7.21\n");
    lab.run("openshift-install agent create image --dir ocp4");
    lab.run("openshift-install agent wait-for bootstrap-complete --dir ocp4");
    lab.run("openshift-install agent wait-for install-complete --dir ocp4");
    lab.machines_table();
    check(
        &lab.transcript,
        expect![[r#"
            $ openshift-install agent create image --dir ocp4
            INFO Configuration has 3 master replicas and 0 worker replicas
            INFO The rendezvous host IP (node0 IP) is 192.168.7.21
            INFO Extracting base ISO from release payload
            INFO Base ISO obtained from release and cached at [/home/student/.cache/agent/image_cache/coreos-x86_64.iso]
            INFO Consuming Install Config from target directory
            INFO Consuming Agent Config from target directory
            INFO Generated ISO at ocp4/agent.x86_64.iso
            $ openshift-install agent wait-for bootstrap-complete --dir ocp4
            INFO Waiting for cluster install to initialize. Sleeping for 30 seconds
            INFO Cluster is ready for install
            INFO Cluster validation: All hosts in the cluster are ready to install.
            INFO Preparing cluster for installation
            INFO Cluster installation in progress
            INFO Bootstrap Kube API Initialized
            INFO Bootstrap configMap status is complete
            INFO cluster bootstrap is complete
            $ openshift-install agent wait-for install-complete --dir ocp4
            INFO Waiting up to 40m0s (until 8:47AM) for the cluster at https://api.ocp4.example.com:6443 to initialize...
            INFO Checking to see if there is a route at openshift-console/console...
            INFO Install complete!
            INFO To access the cluster as the system:admin user when using 'oc', run
            INFO     export KUBECONFIG=/home/student/ocp4/auth/kubeconfig
            INFO Access the OpenShift web-console here: https://console-openshift-console.apps.ocp4.example.com
            INFO Login to the console with user: "kubeadmin", and password: "ae4XR-eZHun-GtDCR-jQhP5"
            INFO Time elapsed: 13m40s
              master0    rendezvous 192.168.7.21   Ready: rendezvous host rebooted and joined as a control plane node
              master1    master    192.168.7.22   Ready: production control plane running (etcd, kube-apiserver, controllers)
              master2    master    192.168.7.23   Ready: production control plane running (etcd, kube-apiserver, controllers)
        "#]],
    );
}

#[test]
fn wizard_writes_install_config() {
    let mut lab = Lab::new();
    let answers = WizardAnswers {
        ssh_key: SSH_KEY.into(),
        ..WizardAnswers::default()
    };
    let mut ctx = Ctx::new(&mut lab.fs, &lab.env, "/home/student", "", START);
    let out = lab.inst.write_install_config(&answers, &mut ctx);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "INFO Install-Config created in: ocp4\n");
    let text = lab
        .fs
        .read("/home/student/ocp4/install-config.yaml")
        .unwrap()
        .to_owned();
    assert!(
        text.starts_with(
            "additionalTrustBundlePolicy: Proxyonly\napiVersion: v1\nbaseDomain: example.com\n"
        ),
        "{text}"
    );
    let bad = WizardAnswers {
        cluster_name: "Bad".into(),
        ..answers
    };
    let mut ctx = Ctx::new(&mut lab.fs, &lab.env, "/home/student", "", START);
    let out = lab.inst.write_install_config(&bad, &mut ctx);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("metadata.name: Invalid value: \"Bad\""),
        "{}",
        out.stderr
    );
    assert_eq!(validate_through_cli(""), "ok");
}
