# A VM created with a MAC that has no DHCP lease never PXE boots: the wrong-MAC fault, made on the hypervisor.
git clone https://github.com/redhat-cop/ocp4-helpernode
cp ocp4-helpernode/docs/examples/vars.yaml .
ansible-playbook -e @vars.yaml tasks/main.yml
sudo virt-install --name ocp4-bootstrap --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:60:72:99 --pxe --boot hd,network --noautoconsole
grep -c 52:54:00:60:72:99 /etc/dhcp/dhcpd.conf
#@ step
