# A VM created with a MAC that has no DHCP lease never PXE boots: the wrong-MAC fault, made on the hypervisor.
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
# Each virt-install powers on its own machine: the bootstrap and the two other masters get the MACs dhcpd.conf knows.
sudo virt-install --name ocp4-bootstrap --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:60:72:67 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-master0 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:e7:9d:67 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-master2 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:d5:1c:39 --pxe --boot hd,network --noautoconsole
# master1's VM gets 52:54:00:80:16:99, but dhcpd.conf has a host entry only for 52:54:00:80:16:23.
sudo virt-install --name ocp4-master1 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:80:16:99 --pxe --boot hd,network --noautoconsole
sudo virsh list --all
grep -c 52:54:00:80:16:99 /etc/dhcp/dhcpd.conf
openshift-install wait-for bootstrap-complete --dir ocp4
journalctl -u dhcpd | grep 52:54:00:80:16:99 | tail -2
