# An RHCOS node's own tools after `oc debug node/…` and `chroot /host`.
oc debug node/master01
chroot /host
rpm-ostree status
podman --version
podman
exit
exit
