# The helper node (ocp4-helpernode): its vars.yaml and the playbook that writes DNS, DHCP, PXE, HTTP and HAProxy.
cat > vars.yaml <<'VARS'
disk: vda
helper:
  name: "helper"
  ipaddr: "192.168.7.77"
  networkifacename: "ens3"
dns:
  domain: "example.com"
  clusterid: "ocp4"
  forwarder1: "8.8.8.8"
  forwarder2: "8.8.4.4"
dhcp:
  router: "192.168.7.1"
  bcast: "192.168.7.255"
  netmask: "255.255.255.0"
  poolstart: "192.168.7.10"
  poolend: "192.168.7.30"
  ipid: "192.168.7.0"
  netmaskid: "255.255.255.0"
bootstrap:
  name: "bootstrap"
  ipaddr: "192.168.7.20"
  macaddr: "52:54:00:60:72:67"
masters:
  - name: "master0"
    ipaddr: "192.168.7.21"
    macaddr: "52:54:00:e7:9d:67"
  - name: "master1"
    ipaddr: "192.168.7.22"
    macaddr: "52:54:00:80:16:23"
  - name: "master2"
    ipaddr: "192.168.7.23"
    macaddr: "52:54:00:d5:1c:39"
workers:
  - name: "worker0"
    ipaddr: "192.168.7.11"
    macaddr: "52:54:00:f4:26:a1"
  - name: "worker1"
    ipaddr: "192.168.7.12"
    macaddr: "52:54:00:82:90:00"
VARS
ansible-playbook -e @vars.yaml tasks/main.yml
# install-config.yaml: three masters, workers added by hand (UPI), platform none.
mkdir ocp4
cat > ocp4/install-config.yaml <<'CFG'
apiVersion: v1
baseDomain: example.com
compute:
- hyperthreading: Enabled
  name: worker
  replicas: 0
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
  networkType: OVNKubernetes
  serviceNetwork:
  - 172.30.0.0/16
platform:
  none: {}
pullSecret: '{"auths":{"cloud.openshift.com":{"auth":"dXNlcjpwYXNz","email":"student@example.com"}}}'
sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g student@bastion'
CFG
cp ocp4/install-config.yaml install-config.yaml.bak
openshift-install create manifests --dir ocp4
openshift-install create ignition-configs --dir ocp4
ls ocp4 ocp4/auth
# The helper's web server on 8080 serves the ignition files the machines fetch when they PXE boot.
cp ocp4/*.ign /var/www/html/ignition/
# Fault: only two control plane machines were created.
#@ fault too-few-masters
openshift-install wait-for bootstrap-complete --dir ocp4
# Diagnose: etcd cannot scale to three members, so bootkube keeps waiting for it.
ssh core@bootstrap.ocp4.example.com journalctl -b -u bootkube.service | tail -2
export KUBECONFIG=~/ocp4/auth/kubeconfig
oc get nodes
# Fix: create the third master (the playbook's machines) and boot the machines again.
ansible-playbook -e @vars.yaml tasks/main.yml | tail -3
#@ reboot
openshift-install wait-for bootstrap-complete --dir ocp4
oc get nodes
