//! The Machine API through the command line: none on the user-provisioned classroom cluster; on a cluster
//! installed on AWS, Machines and MachineSets per zone, and scaling a MachineSet adds or removes a node.

use expect_test::expect;

use crate::cluster::quota::tests::check;
use crate::session::Session;

const INSTALL_CONFIG: &str = "mkdir aws && cat > aws/install-config.yaml <<EOF
apiVersion: v1
baseDomain: example.com
compute:
- hyperthreading: Enabled
  name: worker
  replicas: 3
controlPlane:
  hyperthreading: Enabled
  name: master
  replicas: 3
metadata:
  name: ocp4
networking:
  clusterNetwork:
  - cidr: 10.128.0.0/14
    hostPrefix: 23
  machineNetwork:
  - cidr: 10.0.0.0/16
  networkType: OVNKubernetes
  serviceNetwork:
  - 172.30.0.0/16
platform:
  aws:
    region: us-east-1
pullSecret: '{\"auths\":{\"cloud.openshift.com\":{\"auth\":\"b3BlbnNoaWZ0\",\"email\":\"student@example.com\"}}}'
sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOsm student@workstation'
EOF";

const MACHINES: &str = "oc get machines -n openshift-machine-api";

#[test]
fn a_user_provisioned_cluster_has_pools_but_no_machines() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        "oc get machinesets -n openshift-machine-api",
        expect![[r#"
        --- stderr
        No resources found in openshift-machine-api namespace.
    "#]],
    );
    check(
        &mut s,
        MACHINES,
        expect![[r#"
        --- stderr
        No resources found in openshift-machine-api namespace.
    "#]],
    );
    check(
        &mut s,
        "oc get mcp",
        expect![[r#"
        NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
        master   rendered-master-188f262fa097d51e971b662ba61d0ca1   True      False      False      3              3                   3                     0                      89d
        worker   rendered-worker-4e407f1e5b3ebbdabafcc612eee2a835   True      False      False      3              3                   3                     0                      89d
    "#]],
    );
    check(
        &mut s,
        "oc scale machineset ocp4-worker-0 --replicas=2 -n openshift-machine-api",
        expect![[r#"
            --- stderr
            Error from server (NotFound): machinesets.machine.openshift.io "ocp4-worker-0" not found
            --- exit 1
        "#]],
    );
}

#[test]
fn scaling_a_machine_set_on_aws_adds_and_removes_a_node() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(&mut s, INSTALL_CONFIG, expect![[""]]);
    let out = s.exec("openshift-install create cluster --dir aws");
    assert_eq!(out.code, 0, "{}", out.stderr);
    check(
        &mut s,
        "export KUBECONFIG=/home/student/aws/auth/kubeconfig",
        expect![[""]],
    );
    check(
        &mut s,
        "oc get nodes -L topology.kubernetes.io/zone",
        expect![[r#"
        NAME                          STATUS   ROLES                  AGE    VERSION           ZONE
        ip-10-0-0-128.ec2.internal    Ready    control-plane,master   137m   v1.27.6+f67aeb3   us-east-1a
        ip-10-0-0-68.ec2.internal     Ready    worker                 137m   v1.27.6+f67aeb3   us-east-1a
        ip-10-0-32-178.ec2.internal   Ready    control-plane,master   137m   v1.27.6+f67aeb3   us-east-1b
        ip-10-0-32-199.ec2.internal   Ready    worker                 137m   v1.27.6+f67aeb3   us-east-1b
        ip-10-0-64-161.ec2.internal   Ready    control-plane,master   137m   v1.27.6+f67aeb3   us-east-1c
        ip-10-0-64-185.ec2.internal   Ready    worker                 137m   v1.27.6+f67aeb3   us-east-1c
    "#]],
    );
    check(
        &mut s,
        "oc get machinesets -n openshift-machine-api",
        expect![[r#"
        NAME                           DESIRED   CURRENT   READY   AVAILABLE   AGE
        ocp4-fmxk8-worker-us-east-1a   1         1         1       1           137m
        ocp4-fmxk8-worker-us-east-1b   1         1         1       1           137m
        ocp4-fmxk8-worker-us-east-1c   1         1         1       1           137m
    "#]],
    );
    check(
        &mut s,
        &format!("{MACHINES} -o wide"),
        expect![[r#"
            NAME                                 PHASE     TYPE         REGION      ZONE         AGE    NODE                          PROVIDERID                              STATE
            ocp4-fmxk8-master-0                  Running   m6i.xlarge   us-east-1   us-east-1a   137m   ip-10-0-0-128.ec2.internal    aws:///us-east-1a/i-0564bad5bb56bf14d   running
            ocp4-fmxk8-master-1                  Running   m6i.xlarge   us-east-1   us-east-1b   137m   ip-10-0-32-178.ec2.internal   aws:///us-east-1b/i-095a25fe1555733fe   running
            ocp4-fmxk8-master-2                  Running   m6i.xlarge   us-east-1   us-east-1c   137m   ip-10-0-64-161.ec2.internal   aws:///us-east-1c/i-03732ee3e17d1f32d   running
            ocp4-fmxk8-worker-us-east-1a-x7k2p   Running   m6i.xlarge   us-east-1   us-east-1a   137m   ip-10-0-0-68.ec2.internal     aws:///us-east-1a/i-0fe81a674543f5f57   running
            ocp4-fmxk8-worker-us-east-1b-m4qzd   Running   m6i.xlarge   us-east-1   us-east-1b   137m   ip-10-0-32-199.ec2.internal   aws:///us-east-1b/i-0a0ed16140a89414a   running
            ocp4-fmxk8-worker-us-east-1c-b9vwl   Running   m6i.xlarge   us-east-1   us-east-1c   137m   ip-10-0-64-185.ec2.internal   aws:///us-east-1c/i-0b9bd38d9ca770e15   running
        "#]],
    );
    check(
        &mut s,
        "oc get mcp",
        expect![[r#"
        NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
        master   rendered-master-188f262fa097d51e971b662ba61d0ca1   True      False      False      3              3                   3                     0                      137m
        worker   rendered-worker-4e407f1e5b3ebbdabafcc612eee2a835   True      False      False      3              3                   3                     0                      137m
    "#]],
    );
    check(
        &mut s,
        "MS=$(oc get machineset -n openshift-machine-api -o name | head -1); oc scale $MS --replicas=2 -n openshift-machine-api",
        expect![[r#"
            machineset.machine.openshift.io/ocp4-fmxk8-worker-us-east-1a scaled
        "#]],
    );
    check(
        &mut s,
        MACHINES,
        expect![[r#"
        NAME                                 PHASE          TYPE         REGION      ZONE         AGE
        ocp4-fmxk8-master-0                  Running        m6i.xlarge   us-east-1   us-east-1a   137m
        ocp4-fmxk8-master-1                  Running        m6i.xlarge   us-east-1   us-east-1b   137m
        ocp4-fmxk8-master-2                  Running        m6i.xlarge   us-east-1   us-east-1c   137m
        ocp4-fmxk8-worker-us-east-1a-s6cl2   Provisioning   m6i.xlarge   us-east-1   us-east-1a   6s
        ocp4-fmxk8-worker-us-east-1a-x7k2p   Running        m6i.xlarge   us-east-1   us-east-1a   137m
        ocp4-fmxk8-worker-us-east-1b-m4qzd   Running        m6i.xlarge   us-east-1   us-east-1b   137m
        ocp4-fmxk8-worker-us-east-1c-b9vwl   Running        m6i.xlarge   us-east-1   us-east-1c   137m
    "#]],
    );
    s.pass_time(60_000);
    check(
        &mut s,
        MACHINES,
        expect![[r#"
        NAME                                 PHASE         TYPE         REGION      ZONE         AGE
        ocp4-fmxk8-master-0                  Running       m6i.xlarge   us-east-1   us-east-1a   138m
        ocp4-fmxk8-master-1                  Running       m6i.xlarge   us-east-1   us-east-1b   138m
        ocp4-fmxk8-master-2                  Running       m6i.xlarge   us-east-1   us-east-1c   138m
        ocp4-fmxk8-worker-us-east-1a-s6cl2   Provisioned   m6i.xlarge   us-east-1   us-east-1a   72s
        ocp4-fmxk8-worker-us-east-1a-x7k2p   Running       m6i.xlarge   us-east-1   us-east-1a   138m
        ocp4-fmxk8-worker-us-east-1b-m4qzd   Running       m6i.xlarge   us-east-1   us-east-1b   138m
        ocp4-fmxk8-worker-us-east-1c-b9vwl   Running       m6i.xlarge   us-east-1   us-east-1c   138m
    "#]],
    );
    s.pass_time(200_000);
    check(
        &mut s,
        MACHINES,
        expect![[r#"
        NAME                                 PHASE     TYPE         REGION      ZONE         AGE
        ocp4-fmxk8-master-0                  Running   m6i.xlarge   us-east-1   us-east-1a   142m
        ocp4-fmxk8-master-1                  Running   m6i.xlarge   us-east-1   us-east-1b   142m
        ocp4-fmxk8-master-2                  Running   m6i.xlarge   us-east-1   us-east-1c   142m
        ocp4-fmxk8-worker-us-east-1a-s6cl2   Running   m6i.xlarge   us-east-1   us-east-1a   4m38s
        ocp4-fmxk8-worker-us-east-1a-x7k2p   Running   m6i.xlarge   us-east-1   us-east-1a   142m
        ocp4-fmxk8-worker-us-east-1b-m4qzd   Running   m6i.xlarge   us-east-1   us-east-1b   142m
        ocp4-fmxk8-worker-us-east-1c-b9vwl   Running   m6i.xlarge   us-east-1   us-east-1c   142m
    "#]],
    );
    check(
        &mut s,
        "oc get nodes -l topology.kubernetes.io/zone=us-east-1a",
        expect![[r#"
            NAME                         STATUS     ROLES                  AGE    VERSION
            ip-10-0-0-128.ec2.internal   Ready      control-plane,master   142m   v1.27.6+f67aeb3
            ip-10-0-0-68.ec2.internal    Ready      worker                 142m   v1.27.6+f67aeb3
            ip-10-0-8-128.ec2.internal   NotReady   worker                 44s    v1.27.6+f67aeb3
        "#]],
    );
    s.pass_time(60_000);
    check(
        &mut s,
        "oc get nodes -l topology.kubernetes.io/zone=us-east-1a",
        expect![[r#"
            NAME                         STATUS   ROLES                  AGE    VERSION
            ip-10-0-0-128.ec2.internal   Ready    control-plane,master   143m   v1.27.6+f67aeb3
            ip-10-0-0-68.ec2.internal    Ready    worker                 143m   v1.27.6+f67aeb3
            ip-10-0-8-128.ec2.internal   Ready    worker                 110s   v1.27.6+f67aeb3
        "#]],
    );
    check(
        &mut s,
        "oc get machinesets -n openshift-machine-api",
        expect![[r#"
        NAME                           DESIRED   CURRENT   READY   AVAILABLE   AGE
        ocp4-fmxk8-worker-us-east-1a   2         2         2       2           143m
        ocp4-fmxk8-worker-us-east-1b   1         1         1       1           143m
        ocp4-fmxk8-worker-us-east-1c   1         1         1       1           143m
    "#]],
    );
    check(
        &mut s,
        "oc get mcp worker",
        expect![[r#"
        NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
        worker   rendered-worker-4e407f1e5b3ebbdabafcc612eee2a835   True      False      False      4              4                   4                     0                      143m
    "#]],
    );
    check(
        &mut s,
        "oc scale $MS --replicas=1 -n openshift-machine-api",
        expect![[r#"
        machineset.machine.openshift.io/ocp4-fmxk8-worker-us-east-1a scaled
    "#]],
    );
    check(
        &mut s,
        MACHINES,
        expect![[r#"
        NAME                                 PHASE      TYPE         REGION      ZONE         AGE
        ocp4-fmxk8-master-0                  Running    m6i.xlarge   us-east-1   us-east-1a   143m
        ocp4-fmxk8-master-1                  Running    m6i.xlarge   us-east-1   us-east-1b   143m
        ocp4-fmxk8-master-2                  Running    m6i.xlarge   us-east-1   us-east-1c   143m
        ocp4-fmxk8-worker-us-east-1a-s6cl2   Deleting   m6i.xlarge   us-east-1   us-east-1a   6m14s
        ocp4-fmxk8-worker-us-east-1a-x7k2p   Running    m6i.xlarge   us-east-1   us-east-1a   143m
        ocp4-fmxk8-worker-us-east-1b-m4qzd   Running    m6i.xlarge   us-east-1   us-east-1b   143m
        ocp4-fmxk8-worker-us-east-1c-b9vwl   Running    m6i.xlarge   us-east-1   us-east-1c   143m
    "#]],
    );
    s.pass_time(60_000);
    check(
        &mut s,
        MACHINES,
        expect![[r#"
        NAME                                 PHASE     TYPE         REGION      ZONE         AGE
        ocp4-fmxk8-master-0                  Running   m6i.xlarge   us-east-1   us-east-1a   144m
        ocp4-fmxk8-master-1                  Running   m6i.xlarge   us-east-1   us-east-1b   144m
        ocp4-fmxk8-master-2                  Running   m6i.xlarge   us-east-1   us-east-1c   144m
        ocp4-fmxk8-worker-us-east-1a-x7k2p   Running   m6i.xlarge   us-east-1   us-east-1a   144m
        ocp4-fmxk8-worker-us-east-1b-m4qzd   Running   m6i.xlarge   us-east-1   us-east-1b   144m
        ocp4-fmxk8-worker-us-east-1c-b9vwl   Running   m6i.xlarge   us-east-1   us-east-1c   144m
    "#]],
    );
    check(
        &mut s,
        "oc get nodes -l topology.kubernetes.io/zone=us-east-1a",
        expect![[r#"
        NAME                         STATUS   ROLES                  AGE    VERSION
        ip-10-0-0-128.ec2.internal   Ready    control-plane,master   144m   v1.27.6+f67aeb3
        ip-10-0-0-68.ec2.internal    Ready    worker                 144m   v1.27.6+f67aeb3
    "#]],
    );
    check(
        &mut s,
        "oc get mcp worker",
        expect![[r#"
        NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
        worker   rendered-worker-4e407f1e5b3ebbdabafcc612eee2a835   True      False      False      3              3                   3                     0                      145m
    "#]],
    );
}

/// What `aws ec2 describe-instances` shows of the cluster's workers.
const WORKER_INSTANCES: &str = "aws ec2 describe-instances --region us-east-1 --filters 'Name=tag:Name,Values=*worker*' --query 'Reservations[].Instances[].{Name:Tags[?Key==`Name`]|[0].Value,Id:InstanceId,Type:InstanceType,Zone:Placement.AvailabilityZone,Subnet:SubnetId,Ip:PrivateIpAddress,State:State.Name}' --output table";

#[test]
fn scaling_a_machine_set_on_aws_launches_and_terminates_an_ec2_instance() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(&mut s, INSTALL_CONFIG, expect![[""]]);
    let out = s.exec("openshift-install create cluster --dir aws");
    assert_eq!(out.code, 0, "{}", out.stderr);
    check(
        &mut s,
        "export KUBECONFIG=/home/student/aws/auth/kubeconfig",
        expect![[""]],
    );
    // The installer's machines are the account's instances.
    check(
        &mut s,
        &format!("{MACHINES} -o wide"),
        expect![[r#"
            NAME                                 PHASE     TYPE         REGION      ZONE         AGE    NODE                          PROVIDERID                              STATE
            ocp4-fmxk8-master-0                  Running   m6i.xlarge   us-east-1   us-east-1a   137m   ip-10-0-0-128.ec2.internal    aws:///us-east-1a/i-0564bad5bb56bf14d   running
            ocp4-fmxk8-master-1                  Running   m6i.xlarge   us-east-1   us-east-1b   137m   ip-10-0-32-178.ec2.internal   aws:///us-east-1b/i-095a25fe1555733fe   running
            ocp4-fmxk8-master-2                  Running   m6i.xlarge   us-east-1   us-east-1c   137m   ip-10-0-64-161.ec2.internal   aws:///us-east-1c/i-03732ee3e17d1f32d   running
            ocp4-fmxk8-worker-us-east-1a-x7k2p   Running   m6i.xlarge   us-east-1   us-east-1a   137m   ip-10-0-0-68.ec2.internal     aws:///us-east-1a/i-0fe81a674543f5f57   running
            ocp4-fmxk8-worker-us-east-1b-m4qzd   Running   m6i.xlarge   us-east-1   us-east-1b   137m   ip-10-0-32-199.ec2.internal   aws:///us-east-1b/i-0a0ed16140a89414a   running
            ocp4-fmxk8-worker-us-east-1c-b9vwl   Running   m6i.xlarge   us-east-1   us-east-1c   137m   ip-10-0-64-185.ec2.internal   aws:///us-east-1c/i-0b9bd38d9ca770e15   running
        "#]],
    );
    check(
        &mut s,
        WORKER_INSTANCES,
        expect![[r#"
            -------------------------------------------------------------------------------------------------------------------------------------------------------
            |                                                                  DescribeInstances                                                                  |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
            |          Id           |      Ip       |                 Name                 |   State   |           Subnet           |     Type     |     Zone     |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
            |  i-0fe81a674543f5f57  |  10.0.0.68    |  ocp4-fmxk8-worker-us-east-1a-x7k2p  |  running  |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            |  i-0a0ed16140a89414a  |  10.0.32.199  |  ocp4-fmxk8-worker-us-east-1b-m4qzd  |  running  |  subnet-0c5b9aed35df6420c  |  m6i.xlarge  |  us-east-1b  |
            |  i-0b9bd38d9ca770e15  |  10.0.64.185  |  ocp4-fmxk8-worker-us-east-1c-b9vwl  |  running  |  subnet-0721621975e92d791  |  m6i.xlarge  |  us-east-1c  |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
        "#]],
    );
    check(
        &mut s,
        "aws ec2 describe-subnets --region us-east-1 --filters 'Name=tag:Name,Values=*private*' --query 'Subnets[].[Tags[?Key==`Name`]|[0].Value,SubnetId,CidrBlock]' --output text",
        expect![[r#"
            ocp4-fmxk8-private-us-east-1a	subnet-0ebd938648851dac3	10.0.0.0/19
            ocp4-fmxk8-private-us-east-1b	subnet-0c5b9aed35df6420c	10.0.32.0/19
            ocp4-fmxk8-private-us-east-1c	subnet-0721621975e92d791	10.0.64.0/19
        "#]],
    );
    check(
        &mut s,
        "aws ec2 describe-security-groups --region us-east-1 --filters 'Name=tag:Name,Values=*worker-sg' --query 'SecurityGroups[].[GroupName,GroupId]' --output text",
        expect![[r#"
            ocp4-fmxk8-worker-sg	sg-002cda190dd477824
        "#]],
    );
    check(
        &mut s,
        "aws ec2 describe-route-tables --region us-east-1 --filters Name=tag:Name,Values=ocp4-fmxk8-private-us-east-1a --query 'RouteTables[].Routes[].[DestinationCidrBlock,GatewayId||NatGatewayId,State]' --output text",
        expect![[r#"
            10.0.0.0/16	local	active
            0.0.0.0/0	nat-0fb9b4c09f6ca02df	active
        "#]],
    );
    check(
        &mut s,
        "aws ec2 describe-nat-gateways --region us-east-1 --query 'NatGateways[].[Tags[?Key==`Name`]|[0].Value,State]' --output text",
        expect![[r#"
            ocp4-fmxk8-nat-us-east-1a	available
            ocp4-fmxk8-nat-us-east-1b	available
            ocp4-fmxk8-nat-us-east-1c	available
        "#]],
    );
    check(
        &mut s,
        "oc get node ip-10-0-0-68.ec2.internal -o jsonpath='{.spec.providerID}{\"\\n\"}'",
        expect![[r#"
            aws:///us-east-1a/i-0fe81a674543f5f57
        "#]],
    );
    // Scaling up: the new Machine's instance is pending, then running, and its node carries the instance's ID.
    check(
        &mut s,
        "MS=$(oc get machineset -n openshift-machine-api -o name | head -1); oc scale $MS --replicas=2 -n openshift-machine-api",
        expect![[r#"
            machineset.machine.openshift.io/ocp4-fmxk8-worker-us-east-1a scaled
        "#]],
    );
    check(
        &mut s,
        &format!("{MACHINES} -o wide"),
        expect![[r#"
            NAME                                 PHASE          TYPE         REGION      ZONE         AGE    NODE                          PROVIDERID                              STATE
            ocp4-fmxk8-master-0                  Running        m6i.xlarge   us-east-1   us-east-1a   137m   ip-10-0-0-128.ec2.internal    aws:///us-east-1a/i-0564bad5bb56bf14d   running
            ocp4-fmxk8-master-1                  Running        m6i.xlarge   us-east-1   us-east-1b   137m   ip-10-0-32-178.ec2.internal   aws:///us-east-1b/i-095a25fe1555733fe   running
            ocp4-fmxk8-master-2                  Running        m6i.xlarge   us-east-1   us-east-1c   137m   ip-10-0-64-161.ec2.internal   aws:///us-east-1c/i-03732ee3e17d1f32d   running
            ocp4-fmxk8-worker-us-east-1a-s6cl2   Provisioning   m6i.xlarge   us-east-1   us-east-1a   6s                                   aws:///us-east-1a/i-0dd0e457ab6368792   pending
            ocp4-fmxk8-worker-us-east-1a-x7k2p   Running        m6i.xlarge   us-east-1   us-east-1a   137m   ip-10-0-0-68.ec2.internal     aws:///us-east-1a/i-0fe81a674543f5f57   running
            ocp4-fmxk8-worker-us-east-1b-m4qzd   Running        m6i.xlarge   us-east-1   us-east-1b   137m   ip-10-0-32-199.ec2.internal   aws:///us-east-1b/i-0a0ed16140a89414a   running
            ocp4-fmxk8-worker-us-east-1c-b9vwl   Running        m6i.xlarge   us-east-1   us-east-1c   137m   ip-10-0-64-185.ec2.internal   aws:///us-east-1c/i-0b9bd38d9ca770e15   running
        "#]],
    );
    check(
        &mut s,
        WORKER_INSTANCES,
        expect![[r#"
            -------------------------------------------------------------------------------------------------------------------------------------------------------
            |                                                                  DescribeInstances                                                                  |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
            |          Id           |      Ip       |                 Name                 |   State   |           Subnet           |     Type     |     Zone     |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
            |  i-0fe81a674543f5f57  |  10.0.0.68    |  ocp4-fmxk8-worker-us-east-1a-x7k2p  |  running  |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            |  i-0a0ed16140a89414a  |  10.0.32.199  |  ocp4-fmxk8-worker-us-east-1b-m4qzd  |  running  |  subnet-0c5b9aed35df6420c  |  m6i.xlarge  |  us-east-1b  |
            |  i-0b9bd38d9ca770e15  |  10.0.64.185  |  ocp4-fmxk8-worker-us-east-1c-b9vwl  |  running  |  subnet-0721621975e92d791  |  m6i.xlarge  |  us-east-1c  |
            |  i-0dd0e457ab6368792  |  10.0.8.128   |  ocp4-fmxk8-worker-us-east-1a-s6cl2  |  pending  |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
        "#]],
    );
    check(
        &mut s,
        "aws ec2 describe-instances --region us-east-1 --filters 'Name=tag:Name,Values=*worker*' --query 'Reservations[-1].Instances[].[SecurityGroups[0].GroupName,Tags[?Key==`kubernetes.io/cluster/ocp4-fmxk8`]|[0].Value,ImageId]' --output text",
        expect![[r#"
            ocp4-fmxk8-worker-sg	owned	ami-0e5a4b6d2c1f3e7a9
        "#]],
    );
    s.pass_time(300_000);
    check(
        &mut s,
        &format!("{MACHINES} -o wide"),
        expect![[r#"
            NAME                                 PHASE     TYPE         REGION      ZONE         AGE     NODE                          PROVIDERID                              STATE
            ocp4-fmxk8-master-0                  Running   m6i.xlarge   us-east-1   us-east-1a   143m    ip-10-0-0-128.ec2.internal    aws:///us-east-1a/i-0564bad5bb56bf14d   running
            ocp4-fmxk8-master-1                  Running   m6i.xlarge   us-east-1   us-east-1b   143m    ip-10-0-32-178.ec2.internal   aws:///us-east-1b/i-095a25fe1555733fe   running
            ocp4-fmxk8-master-2                  Running   m6i.xlarge   us-east-1   us-east-1c   143m    ip-10-0-64-161.ec2.internal   aws:///us-east-1c/i-03732ee3e17d1f32d   running
            ocp4-fmxk8-worker-us-east-1a-s6cl2   Running   m6i.xlarge   us-east-1   us-east-1a   5m24s   ip-10-0-8-128.ec2.internal    aws:///us-east-1a/i-0dd0e457ab6368792   running
            ocp4-fmxk8-worker-us-east-1a-x7k2p   Running   m6i.xlarge   us-east-1   us-east-1a   143m    ip-10-0-0-68.ec2.internal     aws:///us-east-1a/i-0fe81a674543f5f57   running
            ocp4-fmxk8-worker-us-east-1b-m4qzd   Running   m6i.xlarge   us-east-1   us-east-1b   143m    ip-10-0-32-199.ec2.internal   aws:///us-east-1b/i-0a0ed16140a89414a   running
            ocp4-fmxk8-worker-us-east-1c-b9vwl   Running   m6i.xlarge   us-east-1   us-east-1c   143m    ip-10-0-64-185.ec2.internal   aws:///us-east-1c/i-0b9bd38d9ca770e15   running
        "#]],
    );
    check(
        &mut s,
        WORKER_INSTANCES,
        expect![[r#"
            -------------------------------------------------------------------------------------------------------------------------------------------------------
            |                                                                  DescribeInstances                                                                  |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
            |          Id           |      Ip       |                 Name                 |   State   |           Subnet           |     Type     |     Zone     |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
            |  i-0fe81a674543f5f57  |  10.0.0.68    |  ocp4-fmxk8-worker-us-east-1a-x7k2p  |  running  |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            |  i-0a0ed16140a89414a  |  10.0.32.199  |  ocp4-fmxk8-worker-us-east-1b-m4qzd  |  running  |  subnet-0c5b9aed35df6420c  |  m6i.xlarge  |  us-east-1b  |
            |  i-0b9bd38d9ca770e15  |  10.0.64.185  |  ocp4-fmxk8-worker-us-east-1c-b9vwl  |  running  |  subnet-0721621975e92d791  |  m6i.xlarge  |  us-east-1c  |
            |  i-0dd0e457ab6368792  |  10.0.8.128   |  ocp4-fmxk8-worker-us-east-1a-s6cl2  |  running  |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            +-----------------------+---------------+--------------------------------------+-----------+----------------------------+--------------+--------------+
        "#]],
    );
    check(
        &mut s,
        "oc get nodes -l topology.kubernetes.io/zone=us-east-1a -o custom-columns=NAME:.metadata.name,PROVIDERID:.spec.providerID",
        expect![[r#"
            NAME                         PROVIDERID
            ip-10-0-0-128.ec2.internal   aws:///us-east-1a/i-0564bad5bb56bf14d
            ip-10-0-0-68.ec2.internal    aws:///us-east-1a/i-0fe81a674543f5f57
            ip-10-0-8-128.ec2.internal   aws:///us-east-1a/i-0dd0e457ab6368792
        "#]],
    );
    // Scaling down: the node drains, the instance shuts down and is terminated, the Machine goes.
    check(
        &mut s,
        "oc scale $MS --replicas=1 -n openshift-machine-api",
        expect![[r#"
            machineset.machine.openshift.io/ocp4-fmxk8-worker-us-east-1a scaled
        "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        &format!("{MACHINES} -o wide"),
        expect![[r#"
            NAME                                 PHASE      TYPE         REGION      ZONE         AGE     NODE                          PROVIDERID                              STATE
            ocp4-fmxk8-master-0                  Running    m6i.xlarge   us-east-1   us-east-1a   144m    ip-10-0-0-128.ec2.internal    aws:///us-east-1a/i-0564bad5bb56bf14d   running
            ocp4-fmxk8-master-1                  Running    m6i.xlarge   us-east-1   us-east-1b   144m    ip-10-0-32-178.ec2.internal   aws:///us-east-1b/i-095a25fe1555733fe   running
            ocp4-fmxk8-master-2                  Running    m6i.xlarge   us-east-1   us-east-1c   144m    ip-10-0-64-161.ec2.internal   aws:///us-east-1c/i-03732ee3e17d1f32d   running
            ocp4-fmxk8-worker-us-east-1a-s6cl2   Deleting   m6i.xlarge   us-east-1   us-east-1a   6m18s   ip-10-0-8-128.ec2.internal    aws:///us-east-1a/i-0dd0e457ab6368792   shutting-down
            ocp4-fmxk8-worker-us-east-1a-x7k2p   Running    m6i.xlarge   us-east-1   us-east-1a   144m    ip-10-0-0-68.ec2.internal     aws:///us-east-1a/i-0fe81a674543f5f57   running
            ocp4-fmxk8-worker-us-east-1b-m4qzd   Running    m6i.xlarge   us-east-1   us-east-1b   144m    ip-10-0-32-199.ec2.internal   aws:///us-east-1b/i-0a0ed16140a89414a   running
            ocp4-fmxk8-worker-us-east-1c-b9vwl   Running    m6i.xlarge   us-east-1   us-east-1c   144m    ip-10-0-64-185.ec2.internal   aws:///us-east-1c/i-0b9bd38d9ca770e15   running
        "#]],
    );
    check(
        &mut s,
        WORKER_INSTANCES,
        expect![[r#"
            -------------------------------------------------------------------------------------------------------------------------------------------------------------
            |                                                                     DescribeInstances                                                                     |
            +-----------------------+---------------+--------------------------------------+-----------------+----------------------------+--------------+--------------+
            |          Id           |      Ip       |                 Name                 |      State      |           Subnet           |     Type     |     Zone     |
            +-----------------------+---------------+--------------------------------------+-----------------+----------------------------+--------------+--------------+
            |  i-0fe81a674543f5f57  |  10.0.0.68    |  ocp4-fmxk8-worker-us-east-1a-x7k2p  |  running        |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            |  i-0a0ed16140a89414a  |  10.0.32.199  |  ocp4-fmxk8-worker-us-east-1b-m4qzd  |  running        |  subnet-0c5b9aed35df6420c  |  m6i.xlarge  |  us-east-1b  |
            |  i-0b9bd38d9ca770e15  |  10.0.64.185  |  ocp4-fmxk8-worker-us-east-1c-b9vwl  |  running        |  subnet-0721621975e92d791  |  m6i.xlarge  |  us-east-1c  |
            |  i-0dd0e457ab6368792  |  10.0.8.128   |  ocp4-fmxk8-worker-us-east-1a-s6cl2  |  shutting-down  |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            +-----------------------+---------------+--------------------------------------+-----------------+----------------------------+--------------+--------------+
        "#]],
    );
    s.pass_time(60_000);
    check(
        &mut s,
        &format!("{MACHINES} -o wide"),
        expect![[r#"
            NAME                                 PHASE     TYPE         REGION      ZONE         AGE    NODE                          PROVIDERID                              STATE
            ocp4-fmxk8-master-0                  Running   m6i.xlarge   us-east-1   us-east-1a   145m   ip-10-0-0-128.ec2.internal    aws:///us-east-1a/i-0564bad5bb56bf14d   running
            ocp4-fmxk8-master-1                  Running   m6i.xlarge   us-east-1   us-east-1b   145m   ip-10-0-32-178.ec2.internal   aws:///us-east-1b/i-095a25fe1555733fe   running
            ocp4-fmxk8-master-2                  Running   m6i.xlarge   us-east-1   us-east-1c   145m   ip-10-0-64-161.ec2.internal   aws:///us-east-1c/i-03732ee3e17d1f32d   running
            ocp4-fmxk8-worker-us-east-1a-x7k2p   Running   m6i.xlarge   us-east-1   us-east-1a   145m   ip-10-0-0-68.ec2.internal     aws:///us-east-1a/i-0fe81a674543f5f57   running
            ocp4-fmxk8-worker-us-east-1b-m4qzd   Running   m6i.xlarge   us-east-1   us-east-1b   145m   ip-10-0-32-199.ec2.internal   aws:///us-east-1b/i-0a0ed16140a89414a   running
            ocp4-fmxk8-worker-us-east-1c-b9vwl   Running   m6i.xlarge   us-east-1   us-east-1c   145m   ip-10-0-64-185.ec2.internal   aws:///us-east-1c/i-0b9bd38d9ca770e15   running
        "#]],
    );
    check(
        &mut s,
        WORKER_INSTANCES,
        expect![[r#"
            ----------------------------------------------------------------------------------------------------------------------------------------------------------
            |                                                                   DescribeInstances                                                                    |
            +-----------------------+---------------+--------------------------------------+--------------+----------------------------+--------------+--------------+
            |          Id           |      Ip       |                 Name                 |    State     |           Subnet           |     Type     |     Zone     |
            +-----------------------+---------------+--------------------------------------+--------------+----------------------------+--------------+--------------+
            |  i-0fe81a674543f5f57  |  10.0.0.68    |  ocp4-fmxk8-worker-us-east-1a-x7k2p  |  running     |  subnet-0ebd938648851dac3  |  m6i.xlarge  |  us-east-1a  |
            |  i-0a0ed16140a89414a  |  10.0.32.199  |  ocp4-fmxk8-worker-us-east-1b-m4qzd  |  running     |  subnet-0c5b9aed35df6420c  |  m6i.xlarge  |  us-east-1b  |
            |  i-0b9bd38d9ca770e15  |  10.0.64.185  |  ocp4-fmxk8-worker-us-east-1c-b9vwl  |  running     |  subnet-0721621975e92d791  |  m6i.xlarge  |  us-east-1c  |
            |  i-0dd0e457ab6368792  |  None         |  ocp4-fmxk8-worker-us-east-1a-s6cl2  |  terminated  |  None                      |  m6i.xlarge  |  us-east-1a  |
            +-----------------------+---------------+--------------------------------------+--------------+----------------------------+--------------+--------------+
        "#]],
    );
    // A save replays to the same instances.
    let mut restored = Session::load(&s.save()).unwrap();
    assert_eq!(restored.peek(WORKER_INSTANCES), s.peek(WORKER_INSTANCES));
}
