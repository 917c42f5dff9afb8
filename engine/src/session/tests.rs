//! Session tests: whole command lines through the shell, the CLI and the nested shells, as a learner types them.

use super::*;

fn run(session: &mut Session, line: &str) -> Output {
    session.exec(line)
}

#[test]
fn a_fresh_ocp4_session_is_the_installers_admin() {
    let mut s = Session::new("ocp4", 1).unwrap();
    assert_eq!(run(&mut s, "oc whoami").stdout, "system:admin\n");
    assert_eq!(run(&mut s, "oc project -q").stdout.trim(), "default");
    assert_eq!(s.prompt(), "[student@workstation ~]$ ");
}

#[test]
fn the_notes_debug_node_walkthrough() {
    let mut s = Session::new("ocp4", 1).unwrap();
    let out = run(
        &mut s,
        "oc login -u admin -p redhatocp https://api.ocp4.example.com:6443",
    );
    assert!(out.stdout.contains("Login successful."), "{out:?}");
    let out = run(&mut s, "oc debug node/master01");
    assert!(
        out.stdout
            .contains("To use host binaries, run `chroot /host`")
            || out.stderr.contains("chroot /host"),
        "{out:?}"
    );
    assert_eq!(s.prompt(), "sh-4.4# ");
    let out = run(&mut s, "systemctl status kubelet");
    assert_eq!(
        out.code, 1,
        "no systemd in the debug pod before chroot: {out:?}"
    );
    run(&mut s, "chroot /host");
    assert_eq!(s.prompt(), "sh-5.1# ");
    let out = run(&mut s, "systemctl status kubelet");
    assert!(out.stdout.contains("Active: active (running)"), "{out:?}");
    let out = run(&mut s, "crictl ps | grep etcd");
    assert!(out.stdout.contains("Running"), "{out:?}");
    run(&mut s, "exit");
    let out = run(&mut s, "exit");
    assert!(
        out.stdout.contains("Removing debug pod") || out.stderr.contains("Removing debug pod"),
        "{out:?}"
    );
    assert_eq!(s.prompt(), "[student@workstation ~]$ ");
}

#[test]
fn new_app_route_and_curl_reach_the_pod() {
    let mut s = Session::new("ocp4", 1).unwrap();
    run(
        &mut s,
        "oc login -u developer -p developer https://api.ocp4.example.com:6443",
    );
    let out = run(&mut s, "oc new-project myproject");
    assert_eq!(out.code, 0, "{out:?}");
    let out = run(&mut s, "oc new-app nginx");
    assert_eq!(out.code, 0, "{out:?}");
    s.pass_time(60_000);
    let out = run(&mut s, "oc get pods -n myproject");
    assert!(out.stdout.contains("Running"), "{out:?}");
    let out = run(&mut s, "oc expose svc/nginx");
    assert_eq!(out.code, 0, "{out:?}");
    let out = run(
        &mut s,
        "curl -s http://nginx-myproject.apps.ocp4.example.com/",
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("<title>"), "{out:?}");
    let out = run(&mut s, "curl http://nginx.myproject.svc:8080/");
    assert_eq!(
        out.code, 6,
        "service names do not resolve outside the cluster: {out:?}"
    );
}

#[test]
fn saves_replay_to_the_same_world() {
    let mut s = Session::new("vanilla", 3).unwrap();
    run(
        &mut s,
        "kubectl create deployment web --image=nginx --replicas=2",
    );
    s.pass_time(30_000);
    run(&mut s, "kubectl scale deployment web --replicas=3");
    s.act(Action::StopNode("node01".into()));
    s.pass_time(60_000);
    let before = run(&mut s, "kubectl get pods -o wide").stdout;
    let saved = s.save();
    let mut restored = Session::load(&saved).unwrap();
    assert_eq!(restored.cluster.now, s.cluster.now);
    assert_eq!(
        run(&mut restored, "kubectl get pods -o wide").stdout,
        run(&mut s, "kubectl get pods -o wide").stdout
    );
    assert!(!before.is_empty());
    assert!(Session::load("{\"version\":99}").is_err());
    assert!(Session::load("garbage").is_err());
}

/// Boots `boot` one piece of work per step, counting the steps.
fn step_by_step(mut boot: SessionBoot) -> (Result<Session, String>, usize) {
    let mut steps = 1;
    loop {
        if let Some(done) = boot.step(|| false) {
            return (done, steps);
        }
        steps += 1;
    }
}

#[test]
fn a_session_booted_in_steps_is_the_one_new_makes() {
    let (booted, steps) = step_by_step(SessionBoot::new("ocp4", 7).unwrap());
    let mut booted = booted.unwrap();
    let mut fresh = Session::new("ocp4", 7).unwrap();
    assert!(steps > 100, "the boot is cut into small steps ({steps})");
    assert_eq!(
        booted.cluster.snapshot(7).to_json(),
        fresh.cluster.snapshot(7).to_json()
    );
    for line in [
        "oc get pods -A -o wide",
        "oc create deployment web --image=nginx --replicas=3",
        "oc get pods -n default",
    ] {
        assert_eq!(run(&mut booted, line), run(&mut fresh, line), "{line}");
    }
    assert_eq!(
        SessionBoot::new("nope", 1).err().as_deref(),
        Some("unknown scenario \"nope\"")
    );
}

#[test]
fn a_save_restored_in_steps_replays_to_the_same_world() {
    let mut s = Session::new("vanilla", 3).unwrap();
    run(
        &mut s,
        "kubectl create deployment web --image=nginx --replicas=2",
    );
    s.pass_time(30_000);
    run(&mut s, "kubectl scale deployment web --replicas=3");
    s.act(Action::StopNode("node01".into()));
    s.pass_time(60_000);
    let saved = s.save();
    let (restored, _) = step_by_step(SessionBoot::load(&saved).unwrap());
    let mut restored = restored.unwrap();
    assert_eq!(restored.save(), saved);
    assert_eq!(
        run(&mut restored, "kubectl get pods -o wide"),
        run(&mut s, "kubectl get pods -o wide")
    );
    assert_eq!(
        SessionBoot::load("{\"version\":99}").err(),
        Session::load("{\"version\":99}").err()
    );
}

#[test]
fn unknown_commands_and_bad_input_never_panic() {
    let mut s = Session::new("eks", 1).unwrap();
    assert_eq!(run(&mut s, "frobnicate").code, 127);
    for line in [
        "kubectl",
        "kubectl get",
        "oc",
        "aws",
        "aws ec2",
        "openshift-install",
        "curl",
        "ssh",
        "'",
        "kubectl get pods -o jsonpath='{.items[*'",
        "| |",
        "$(",
        "kubectl apply -f -",
    ] {
        let _ = run(&mut s, line);
    }
}

#[test]
fn applying_metadata_that_is_not_a_map_is_rejected_not_a_panic() {
    // Found by the `apply` fuzz target.
    let mut s = Session::new("vanilla", 1).unwrap();
    let out = run(
        &mut s,
        "cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata: oops\nEOF",
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("ValidationError(ConfigMap.metadata)"),
        "{out:?}"
    );
    assert_eq!(
        run(&mut s, "kubectl get ns default -o name").stdout,
        "namespace/default\n"
    );
}

/// The observable state of a session: what a learner would print, with resourceVersions (renumbered by a snapshot
/// load) blanked.
fn observe(s: &mut Session, lines: &[&str]) -> Vec<String> {
    let rv = regex_lite::Regex::new(r#"resourceVersion": "\d+""#).unwrap();
    lines
        .iter()
        .map(|line| {
            let out = run(s, line);
            format!(
                "$ {line}\n{}{}exit {}",
                rv.replace_all(&out.stdout, r#"resourceVersion": "N""#),
                out.stderr,
                out.code
            )
        })
        .collect()
}

#[test]
fn a_snapshot_session_prints_what_a_simulated_boot_prints() {
    use crate::cluster::snapshot::SNAPSHOT_SEED;
    let lines = [
        "oc get pods -A",
        "oc get co",
        "oc get nodes",
        "oc get events -A",
        "oc get pods -A -o wide",
        "oc get clusterversion",
        "oc get pods -A -o json",
        "oc get nodes -o json",
        "oc describe node worker01",
        "oc new-project snap",
        "oc create deployment web --image=nginx --replicas=4",
        "oc expose deployment web --port=8080",
        "sleep 90",
        "oc get pods -o wide",
        "oc get svc,ep",
        "oc get events",
        "oc get pods -A",
        "oc get events -A",
    ];
    for scenario in crate::cluster::scenario::BUILT_IN {
        let text = crate::cluster::scenario::built_in(scenario).unwrap();
        let booted = Cluster::from_scenario(text, SNAPSHOT_SEED).unwrap();
        let mut simulated = Session::with_cluster(scenario, SNAPSHOT_SEED, booted);
        let mut restored = Session::new(scenario, SNAPSHOT_SEED).unwrap();
        let lines: Vec<&str> = if scenario == "ocp4" {
            lines.to_vec()
        } else {
            lines
                .iter()
                .map(|l| match *l {
                    "oc new-project snap" => "kubectl create namespace snap",
                    l => l,
                })
                .filter(|l| !l.contains("clusterversion") && !l.contains(" co"))
                .collect()
        };
        let lines: Vec<String> = lines
            .iter()
            .map(|l| {
                if scenario == "ocp4" {
                    (*l).to_owned()
                } else {
                    l.replacen("oc ", "kubectl ", 1)
                        .replace(
                            "kubectl get pods -o wide",
                            "kubectl get pods -n snap -o wide",
                        )
                        .replace(
                            "kubectl create deployment web",
                            "kubectl create deployment web -n snap",
                        )
                        .replace(
                            "kubectl expose deployment web",
                            "kubectl expose deployment web -n snap",
                        )
                        .replace("kubectl get svc,ep", "kubectl get svc,ep -n snap")
                        .replace("kubectl get events\u{0}", "")
                }
            })
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let expected = observe(&mut simulated, &lines);
        let actual = observe(&mut restored, &lines);
        for (e, a) in expected.iter().zip(&actual) {
            assert_eq!(e, a, "{scenario}: a snapshot session differs");
        }
        assert!(
            expected[0].lines().count() > 5,
            "{scenario}: {}",
            expected[0]
        );
    }
}

#[test]
fn the_terminal_shows_each_commands_error_where_it_happened() {
    let mut s = Session::new("vanilla", 1).unwrap();
    let out = run(&mut s, "echo a; ls /nope; echo b && kubectl get nope");
    assert_eq!(
        s.screen(&out),
        vec![
            (false, "a\n".to_owned()),
            (
                true,
                "ls: cannot access '/nope': No such file or directory\n".to_owned()
            ),
            (false, "b\n".to_owned()),
            (
                true,
                "error: the server doesn't have a resource type \"nope\"\n".to_owned()
            ),
        ]
    );
    // An output that is not the last command line's is shown as its streams, in turn.
    let other = Output {
        stdout: "x\n".into(),
        stderr: "y\n".into(),
        code: 1,
    };
    assert_eq!(
        s.screen(&other),
        vec![(false, "x\n".to_owned()), (true, "y\n".to_owned())]
    );
}

/// The EC2 instance IDs behind the cluster's nodes (from their provider IDs).
fn node_instances(s: &mut Session) -> Vec<String> {
    run(
        s,
        "kubectl get nodes -o jsonpath='{.items[*].spec.providerID}'",
    )
    .stdout
    .split_whitespace()
    .map(|p| p.rsplit('/').next().unwrap_or_default().to_owned())
    .collect()
}

/// One field of an instance, by a `describe-instances` query on it.
fn instance_field(s: &mut Session, id: &str, field: &str) -> String {
    run(
        s,
        &format!("aws ec2 describe-instances --instance-ids {id} --query 'Reservations[0].Instances[0].{field}' --output text"),
    )
    .stdout
    .trim()
    .to_owned()
}

#[test]
fn the_eks_clusters_own_vpc_is_not_taken_for_the_week1_assignment() {
    let mut s = Session::new("eks", 1).unwrap();
    let before = s.aws.week1_assignment();
    assert!(!before[0].passed, "{}", before[0].detail);
    assert_eq!(before[0].detail, "no vpc with 10.0.0.0/16");
    // The learner's own 10.0.0.0/16 is the one checked.
    assert_eq!(
        run(
            &mut s,
            "aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text"
        )
        .code,
        0
    );
    let after = s.aws.week1_assignment();
    assert!(after[0].passed, "{}", after[0].detail);
}

#[test]
fn eks_nodes_are_the_node_groups_instances_and_a_load_balancer_service_has_its_elb() {
    let mut s = Session::new("eks", 1).unwrap();
    let ids = run(
        &mut s,
        "aws eks describe-nodegroup --cluster-name bastion-eks --nodegroup-name bastion-ng --query 'nodegroup.subnets' --output text",
    );
    assert_eq!(ids.code, 0, "{}", ids.stderr);
    for instance in node_instances(&mut s) {
        let subnet = instance_field(&mut s, &instance, "SubnetId");
        assert!(
            ids.stdout.contains(&subnet),
            "{instance} is in {subnet} outside {}",
            ids.stdout
        );
    }
    run(&mut s, "kubectl create deployment web --image=nginx");
    run(
        &mut s,
        "kubectl expose deployment web --type=LoadBalancer --port=8080 --target-port=80",
    );
    run(&mut s, "sleep 5");
    let host = run(
        &mut s,
        "kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].hostname}'",
    )
    .stdout;
    let node_port = run(
        &mut s,
        "kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'",
    )
    .stdout;
    let name = host.split('-').next().unwrap();
    assert_eq!(
        name.len(),
        32,
        "elb names are at most 32 characters: {name}"
    );
    let listener = run(
        &mut s,
        &format!(
            "aws elb describe-load-balancers --load-balancer-names {name} --query 'LoadBalancerDescriptions[0].[DNSName,ListenerDescriptions[0].Listener.LoadBalancerPort,ListenerDescriptions[0].Listener.InstancePort,length(Instances)]' --output text"
        ),
    );
    assert_eq!(listener.stdout, format!("{host}\t8080\t{node_port}\t2\n"));
    // Editing the Service's port moves the listener; deleting the Service deletes the load balancer.
    run(
        &mut s,
        "kubectl patch svc web -p '{\"spec\":{\"ports\":[{\"port\":9090,\"targetPort\":80}]}}'",
    );
    let ports = run(
        &mut s,
        &format!(
            "aws elb describe-load-balancers --load-balancer-names {name} --query 'LoadBalancerDescriptions[0].ListenerDescriptions[].Listener.LoadBalancerPort' --output text"
        ),
    );
    assert_eq!(ports.stdout, "9090\n");
    let open = run(
        &mut s,
        &format!(
            "aws ec2 describe-security-groups --filters Name=group-name,Values=k8s-elb-{name} --query 'SecurityGroups[0].IpPermissions[?IpProtocol==`tcp`].FromPort' --output text"
        ),
    );
    assert_eq!(open.stdout, "9090\n");
    run(&mut s, "kubectl delete svc web");
    let gone = run(
        &mut s,
        &format!("aws elb describe-load-balancers --load-balancer-names {name}"),
    );
    assert_eq!(gone.code, 254);
    assert!(
        gone.stderr
            .contains(&format!("There is no ACTIVE Load Balancer named '{name}'")),
        "{}",
        gone.stderr
    );
}

#[test]
fn scaling_the_eks_node_group_adds_a_ready_node_backed_by_a_new_instance() {
    let mut s = Session::new("eks", 1).unwrap();
    let out = run(
        &mut s,
        "aws eks update-nodegroup-config --cluster-name bastion-eks --nodegroup-name bastion-ng --scaling-config desiredSize=3 --query update.status --output text",
    );
    assert_eq!(out.stdout, "InProgress\n", "{}", out.stderr);
    run(&mut s, "sleep 120");
    let nodes = run(&mut s, "kubectl get nodes --no-headers");
    assert_eq!(nodes.stdout.lines().count(), 3, "{}", nodes.stdout);
    assert!(
        nodes
            .stdout
            .lines()
            .all(|l| l.split_whitespace().nth(1) == Some("Ready")),
        "{}",
        nodes.stdout
    );
    let group = run(
        &mut s,
        "aws eks describe-nodegroup --cluster-name bastion-eks --nodegroup-name bastion-ng --query nodegroup.status --output text",
    );
    assert_eq!(group.stdout, "ACTIVE\n");
    for instance in node_instances(&mut s) {
        assert_eq!(
            instance_field(&mut s, &instance, "State.Name"),
            "running",
            "{instance}"
        );
    }
}

/// The terminal's view of a command line: standard error lines marked `!`, in the order they were written.
fn screen_text(session: &mut Session, line: &str) -> String {
    let out = run(session, line);
    let mut text = String::new();
    for (error, chunk) in session.screen(&out) {
        for l in chunk.lines() {
            text.push_str(if error { "! " } else { "  " });
            text.push_str(l);
            text.push('\n');
        }
    }
    text.push_str(&format!("[exit {}]\n", out.code));
    text
}

#[test]
fn a_debug_pods_command_output_sits_between_its_start_and_removal() {
    let mut s = Session::new("ocp4", 1).unwrap();
    expect_test::expect![[r#"
          start
        ! Temporary namespace openshift-debug-8nmlk is created for debugging node...
        ! Starting pod/master01-debug-s6cl2 ...
        ! To use host binaries, run `chroot /host`
          master01
        ! 
        ! Removing debug pod ...
        ! Temporary namespace openshift-debug-8nmlk was removed.
        [exit 0]
    "#]]
    .assert_eq(&screen_text(
        &mut s,
        "echo start && oc debug node/master01 -- chroot /host hostname",
    ));
    // A failed command: its error is part of the pod's log, and oc fails after removing the pod.
    expect_test::expect![[r#"
        ! Temporary namespace openshift-debug-hthg9 is created for debugging node...
        ! Starting pod/worker01-debug-5hr45 ...
        ! To use host binaries, run `chroot /host`
          chroot: failed to run command 'nope': No such file or directory
        ! 
        ! Removing debug pod ...
        ! Temporary namespace openshift-debug-hthg9 was removed.
        ! error: non-zero exit code from debug container
        [exit 1]
    "#]]
    .assert_eq(&screen_text(
        &mut s,
        "oc debug node/worker01 -- chroot /host nope",
    ));
}

#[test]
fn oc_debug_of_a_crash_looping_deployment_runs_a_shell_copy_and_removes_it() {
    let mut s = Session::new("ocp4", 1).unwrap();
    run(&mut s, "oc create deployment bad --image=nginx");
    run(&mut s, "sleep 60");
    let pods = run(&mut s, "oc get pods").stdout;
    assert!(pods.contains("CrashLoopBackOff"), "{pods}");
    // With a command, oc prints its start-up line, the pod's log, then its removal line.
    let out = run(&mut s, "oc debug deployment/bad -- id");
    let screen = s.screen(&out);
    let texts: Vec<&str> = screen.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts.len(), 3, "{screen:?}");
    assert!(
        texts[0].starts_with("Starting pod/bad-debug-") && texts[0].ends_with(" ...\n"),
        "{screen:?}"
    );
    assert!(texts[1].starts_with("uid=1000"), "{screen:?}");
    assert_eq!(texts[2], "\nRemoving debug pod ...\n");
    assert_eq!(
        screen.iter().map(|(e, _)| *e).collect::<Vec<_>>(),
        [true, false, true]
    );
    // The copy runs the shell, not nginx, so the restricted SCC does not crash it; it is gone after the shell.
    let out = run(&mut s, "oc debug deployment/bad");
    assert!(out.stdout.contains("Pod IP: 10."), "{}", out.stdout);
    let id = run(&mut s, "id").stdout;
    let ns_range = s
        .cluster
        .get(crate::api::k::namespace(), "", "default")
        .and_then(|ns| {
            ns.meta
                .annotation("openshift.io/sa.scc.uid-range")
                .map(str::to_owned)
        })
        .unwrap();
    let first_uid = ns_range.split('/').next().unwrap();
    assert_eq!(
        id,
        format!("uid={first_uid}({first_uid}) gid=0(root) groups=0(root),{first_uid}\n")
    );
    let out = run(&mut s, "exit");
    assert_eq!(out.stdout, "\nRemoving debug pod ...\n");
    let pods = run(&mut s, "oc get pods").stdout;
    assert!(!pods.contains("-debug-"), "{pods}");
}

/// The session's git branches and CodeCommit's pull requests come back from a save, and `git push -u` shows the
/// transfer before the upstream line, in the order git writes them.
#[test]
fn branches_and_pull_requests_survive_a_save() {
    let mut s = Session::new("ocp4", 1).unwrap();
    for line in [
        "aws codecommit create-repository --repository-name my-app",
        "git clone https://git-codecommit.ap-northeast-2.amazonaws.com/v1/repos/my-app",
        "cd my-app",
        "echo '# my-app' > README.md",
        "git add README.md",
        "git commit -m 'Initial commit'",
        "git push",
        "git checkout -b feature-login",
        "echo '<form>login</form>' > login.html",
        "git add login.html",
        "git commit -m 'Add login page'",
    ] {
        assert_eq!(run(&mut s, line).code, 0, "{line}");
    }
    expect_test::expect![[r#"
        ! To https://git-codecommit.ap-northeast-2.amazonaws.com/v1/repos/my-app
        !  * [new branch]      feature-login -> feature-login
          branch 'feature-login' set up to track 'origin/feature-login'.
        [exit 0]
    "#]]
    .assert_eq(&screen_text(&mut s, "git push -u origin feature-login"));
    let created = run(
        &mut s,
        "aws codecommit create-pull-request --title 'Add login page' --targets repositoryName=my-app,sourceReference=feature-login",
    );
    assert_eq!(created.code, 0, "{}", created.stderr);
    let mut restored = Session::load(&s.save()).unwrap();
    for line in [
        "git branch -a",
        "git status",
        "git log --oneline",
        "aws codecommit list-branches --repository-name my-app",
        "aws codecommit list-pull-requests --repository-name my-app --pull-request-status OPEN",
        "aws codecommit get-pull-request --pull-request-id 1",
        "aws codecommit merge-pull-request-by-fast-forward --pull-request-id 1 --repository-name my-app",
        "git checkout main",
        "git pull",
        "git log --oneline",
    ] {
        assert_eq!(run(&mut restored, line), run(&mut s, line), "{line}");
    }
    assert_eq!(
        run(&mut restored, "git branch").stdout,
        "  feature-login\n* main\n"
    );
}

#[test]
fn the_eks_shell_is_ec2_user_on_the_bastion_instance_and_a_save_keeps_it() {
    let mut s = Session::new("eks", 1).unwrap();
    assert_eq!(s.prompt(), "[ec2-user@ip-10-0-0-10 ~]$ ");
    // The shell's host is the bastion the account holds, at the scenario's `bastionAddress`.
    let bastion = run(
        &mut s,
        "aws ec2 describe-instances --filters Name=tag:Name,Values=bastion-eks-bastion --query 'Reservations[0].Instances[0].[PrivateIpAddress,PrivateDnsName]' --output text",
    );
    let hostname = run(&mut s, "hostname").stdout;
    assert_eq!(
        bastion.stdout,
        format!("{}\t{hostname}", s.cluster.info.fact("bastionAddress"))
    );
    assert_eq!(run(&mut s, "echo $HOME").stdout, "/home/ec2-user\n");
    run(&mut s, "mkdir work && cd work");
    assert_eq!(s.prompt(), "[ec2-user@ip-10-0-0-10 work]$ ");
    // A save is replayed on the scenario, so the restored shell is the same user in the same place.
    let mut restored = Session::load(&s.save()).unwrap();
    assert_eq!(restored.prompt(), s.prompt());
    assert_eq!(
        run(&mut restored, "id -un; pwd").stdout,
        "ec2-user\n/home/ec2-user/work\n"
    );
    // A save written before the shell's identity was a scenario fact (the same format) still loads, now as ec2-user.
    let older = r#"{"version":1,"scenario":"eks","seed":1,"journal":[{"at":1711929600000,"action":{"Exec":"echo hi > note.txt"}}],"now":1711929603000}"#;
    let mut loaded = Session::load(older).unwrap();
    assert_eq!(loaded.prompt(), "[ec2-user@ip-10-0-0-10 ~]$ ");
    assert_eq!(
        run(&mut loaded, "cat /home/ec2-user/note.txt").stdout,
        "hi\n"
    );
}

#[test]
fn the_classroom_scenarios_keep_the_rhel_workstation() {
    for scenario in ["ocp4", "vanilla"] {
        let mut s = Session::new(scenario, 1).unwrap();
        assert_eq!(s.prompt(), "[student@workstation ~]$ ", "{scenario}");
        assert_eq!(
            run(&mut s, "id").stdout,
            "uid=1000(student) gid=1000(student) groups=1000(student),10(wheel) context=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023\n"
        );
        assert_eq!(
            run(&mut s, "hostname -s; whoami").stdout,
            "workstation\nstudent\n"
        );
    }
}
