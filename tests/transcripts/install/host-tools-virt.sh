# The hypervisor's virt-install and virsh power on the install simulator's machines by their MACs.
git clone https://github.com/redhat-cop/ocp4-helpernode
cd ocp4-helpernode
cp docs/examples/vars.yaml .
ansible-playbook -e @vars.yaml tasks/main.yml
cd
sudo virsh list --all
sudo virt-install --name ocp4-bootstrap --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:60:72:67 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-bootstrap --vcpus 4 --memory 16384 --pxe --noautoconsole
sudo virt-install --name ocp4-master01 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:e7:9d:67 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-worker01 --vcpus 2 --memory 8192 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:f4:26:a1 --pxe --boot hd,network
sudo virt-install --name ocp4-master1 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:80:16:23 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-master2 --vcpus 4 --memory 16384 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:d5:1c:39 --pxe --boot hd,network --noautoconsole
sudo virt-install --name ocp4-worker1 --vcpus 2 --memory 8192 --disk size=120,bus=virtio --os-variant rhel8.0 --network network=openshift4,mac=52:54:00:82:90:00 --pxe --boot hd,network --noautoconsole
sudo virt-install --vcpus 2
sudo virsh list --all
sudo sed -i '/server bootstrap/d' /etc/haproxy/haproxy.cfg
sudo systemctl reload haproxy
sudo systemctl status haproxy
sudo systemctl restart named
sudo systemctl status nosuch
sudo virsh destroy ocp4-bootstrap
sudo virsh destroy ocp4-bootstrap
sudo virsh list --all
sudo virsh start ocp4-bootstrap
sudo virsh start nosuch
sudo virsh list
# The first machine powered on starts the install simulator's bootstrap sequence.
#@ step
