# The bare-metal lesson's host commands on the helper node: downloads, keys, packages, the playbook and its checker.
sudo tar -xzf openshift-install-linux.tar.gz -C /usr/local/bin openshift-install
curl -LO https://mirror.openshift.com/pub/openshift-v4/clients/ocp/4.5.41/openshift-install-linux.tar.gz
curl -LO https://mirror.openshift.com/pub/openshift-v4/clients/ocp/4.5.41/openshift-client-linux.tar.gz
sudo tar -xzf openshift-install-linux.tar.gz -C /usr/local/bin openshift-install
sudo tar -xzf openshift-client-linux.tar.gz -C /usr/local/bin oc kubectl
sudo tar -xzf openshift-client-linux.tar.gz -C /usr/local/bin helm
tar -tzf openshift-client-linux.tar.gz
ls /usr/local/bin
tar -xzf vars.yaml
ssh-keygen -t ed25519 -N '' -f ~/.ssh/id_ed25519
cat ~/.ssh/id_ed25519.pub
head -2 ~/.ssh/id_ed25519
ssh-keygen -t dsa -f x
sudo yum -y install ansible git
sudo yum -y install ansible git
sudo yum -y install nosuchpackage
ansible --version
git clone https://github.com/redhat-cop/ocp4-helpernode
cd ocp4-helpernode
cp docs/examples/vars.yaml .
systemctl status haproxy
ansible-playbook -e @vars.yaml tasks/main.yml
/usr/local/bin/helpernodecheck services
/usr/local/bin/helpernodecheck dns-masters
/usr/local/bin/helpernodecheck dns-workers
/usr/local/bin/helpernodecheck haproxy
/usr/local/bin/helpernodecheck install-info
/usr/local/bin/helpernodecheck bogus
sudo systemctl status haproxy
chmod q vars.yaml
chmod o+r nosuch.ign
chmod 400
chmod o+r,u=rw vars.yaml
sudo restorecon -vR /var/www/html/
restorecon -vR /nonexistent
htpasswd -c -B -b users.htpasswd admin redhatocp
htpasswd -B -b users.htpasswd developer developer
htpasswd -B -b users.htpasswd developer changed
htpasswd -B -b missing.htpasswd x y
htpasswd users.htpasswd
cat users.htpasswd
# Without sudo the same commands meet a regular user's permissions.
yum -y install ansible
systemctl restart haproxy
systemctl reload haproxy
chmod o+r /etc/haproxy/haproxy.cfg
tar -xzf ~/openshift-client-linux.tar.gz -C /usr/local/bin oc
install -m 0755 ~/.ssh/id_ed25519.pub /usr/local/bin/key
virt-install --name vm1 --memory 1024 --network network=openshift4 --pxe
sudo whoami
whoami
# ssh-keygen's checks of an RSA key's length.
ssh-keygen -t rsa -b 512 -N '' -f /tmp/k
ssh-keygen -t rsa -b 99999999 -N '' -f /tmp/k
ssh-keygen -t rsa -b lots -N '' -f /tmp/k
ssh-keygen -t rsa -b 2048 -q -N '' -f /tmp/k
ssh-keygen -t ed25519 -N '' -f /tmp/k
