# The EKS lesson's kubectl download on the bastion, installed into /usr/local/bin.
install -m 0755 kubectl /usr/local/bin/kubectl
curl -LO https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubectl
install -m 0755 kubectl /usr/local/bin/kubectl
sudo install -m 0755 kubectl /usr/local/bin/kubectl
sudo install -m 9999 kubectl /usr/local/bin/kubectl
sudo install kubectl
ls /usr/local/bin
