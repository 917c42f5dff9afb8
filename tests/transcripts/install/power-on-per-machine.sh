# Each virt-install powers on only its own machine, so the install moves as machines come up: the bootstrap first, then
# the masters. A master that is never started stalls bootstrapping where etcd needs its third member; starting it
# lets the install finish.
git clone https://github.com/redhat-cop/ocp4-helpernode
cp ocp4-helpernode/docs/examples/vars.yaml .
ansible-playbook -e @vars.yaml tasks/main.yml
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
sudo cp ocp4/*.ign /var/www/html/ignition/
sudo virt-install --name ocp4-bootstrap --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:60:72:67 --pxe --boot hd,network --noautoconsole
# Only the bootstrap runs: the API comes up on it, and the masters are still off.
openshift-install wait-for bootstrap-complete --dir ocp4
export KUBECONFIG=~/ocp4/auth/kubeconfig
oc get nodes
sudo virt-install --name ocp4-master0 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:e7:9d:67 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-master1 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:80:16:23 --pxe --boot hd,network --noautoconsole
# master2 is never started.
sudo virsh list --all
openshift-install wait-for bootstrap-complete --dir ocp4
# Diagnose: etcd cannot scale to three members, so bootkube keeps waiting for it; only two masters registered.
ssh core@bootstrap.ocp4.example.com journalctl -b -u bootkube.service | tail -2
oc get nodes
# Fix: create and start the third master.
sudo virt-install --name ocp4-master2 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:d5:1c:39 --pxe --boot hd,network --noautoconsole
openshift-install wait-for bootstrap-complete --dir ocp4
oc get nodes
