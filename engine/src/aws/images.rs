//! The public AMI catalog the simulator offers (Amazon Linux, Ubuntu, an Amazon NAT instance image) and key pairs for SSH.
//!
//! Image IDs are region-specific in AWS; the Seoul IDs here are fixed values of this simulator's catalog and the other regions' IDs are derived from them.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::model::{AwsError, Network};
use crate::traits::Random;

/// One catalog image: Seoul ID, name, description, owner alias, owner account, root device.
pub struct CatalogImage {
    /// The image ID in ap-northeast-2.
    pub seoul_id: &'static str,
    /// The image name.
    pub name: &'static str,
    /// The description.
    pub description: &'static str,
    /// `amazon` or empty for Marketplace owners such as Canonical.
    pub owner_alias: &'static str,
    /// The owning account.
    pub owner_id: &'static str,
    /// `/dev/xvda` (Amazon Linux) or `/dev/sda1` (Ubuntu).
    pub root_device: &'static str,
    /// The creation date.
    pub created: &'static str,
}

/// The catalog.
pub const CATALOG: &[CatalogImage] = &[
    CatalogImage {
        seoul_id: "ami-0c9c942bd7bf113a2",
        name: "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64",
        description: "Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1",
        owner_alias: "amazon",
        owner_id: "137112412989",
        root_device: "/dev/xvda",
        created: "2024-11-20T19:03:37.000Z",
    },
    CatalogImage {
        seoul_id: "ami-0e18fe6ecdad223e5",
        name: "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2",
        description: "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 x86_64 HVM gp2",
        owner_alias: "amazon",
        owner_id: "137112412989",
        root_device: "/dev/xvda",
        created: "2024-11-13T22:41:05.000Z",
    },
    CatalogImage {
        seoul_id: "ami-0a5bc3c6bf4a2e6b2",
        name: "amzn-ami-vpc-nat-2018.03.0.20230807.0-x86_64-ebs",
        description: "Amazon Linux AMI 2018.03.0.20230807.0 x86_64 VPC NAT HVM EBS",
        owner_alias: "amazon",
        owner_id: "137112412989",
        root_device: "/dev/xvda",
        created: "2023-08-09T00:29:55.000Z",
    },
    CatalogImage {
        seoul_id: "ami-042e76978adeb8c48",
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119",
        description: "Canonical, Ubuntu, 24.04, amd64 noble image",
        owner_alias: "",
        owner_id: "099720109477",
        root_device: "/dev/sda1",
        created: "2024-11-19T07:48:13.000Z",
    },
    CatalogImage {
        seoul_id: "ami-0f3a440bbcff3d043",
        name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241119",
        description: "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-11-19",
        owner_alias: "",
        owner_id: "099720109477",
        root_device: "/dev/sda1",
        created: "2024-11-19T07:50:29.000Z",
    },
    CatalogImage {
        seoul_id: "ami-0b2f1a7b8e8b0e6c1",
        name: "amazon-eks-node-al2023-x86_64-standard-1.31-v20241121",
        description: "EKS-optimized Kubernetes node based on Amazon Linux 2023, (k8s: 1.31.2, containerd: 1.7.*)",
        owner_alias: "amazon",
        owner_id: "602401143452",
        root_device: "/dev/xvda",
        created: "2024-11-21T20:12:48.000Z",
    },
    CatalogImage {
        seoul_id: "ami-0a6e8a2d3b5b0d8f1",
        name: "amazon-eks-node-1.29-v20240315",
        description: "EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.0, containerd: 1.7.*)",
        owner_alias: "amazon",
        owner_id: "602401143452",
        root_device: "/dev/xvda",
        created: "2024-03-15T21:39:02.000Z",
    },
];

/// The ID of a catalog image in `region`.
pub fn image_id(img: &CatalogImage, region: &str) -> String {
    if region == super::DEFAULT_REGION {
        return img.seoul_id.to_owned();
    }
    let h = super::fnv1a(format!("{region}/{}", img.seoul_id).bytes());
    format!("ami-0{h:016x}")
}

/// The Red Hat Enterprise Linux CoreOS image an OpenShift 4.14 installer boots its machines from (the ID the Machine
/// API's provider spec names, the same in every region here). It is not listed by `describe-images`: it is Red Hat's,
/// not one of the catalog's public images.
pub const RHCOS: CatalogImage = CatalogImage {
    seoul_id: "ami-0e5a4b6d2c1f3e7a9",
    name: "rhcos-414.92.202310210434-0-x86_64",
    description: "OpenShift 4 414.92.202310210434-0",
    owner_alias: "",
    owner_id: "531415883065",
    root_device: "/dev/xvda",
    created: "2023-10-21T05:12:40.000Z",
};

/// The first catalog image whose name starts with `prefix`.
pub fn named(prefix: &str) -> Option<&'static CatalogImage> {
    CATALOG.iter().find(|i| i.name.starts_with(prefix))
}

/// The EKS-optimised node image for Kubernetes `version` (`1.29`), or the newest one when the catalog has none for it.
pub fn eks_node_image(version: &str) -> Option<&'static CatalogImage> {
    let nodes = || {
        CATALOG
            .iter()
            .filter(|i| i.name.starts_with("amazon-eks-node"))
    };
    nodes()
        .find(|i| i.name.contains(&format!("-{version}-")))
        .or_else(|| nodes().next())
}

/// The catalog image with ID `id` in `region` (or the RHCOS image machines of an OpenShift cluster boot).
pub fn find(region: &str, id: &str) -> Option<&'static CatalogImage> {
    CATALOG
        .iter()
        .find(|i| image_id(i, region) == id)
        .or_else(|| (id == RHCOS.seoul_id).then_some(&RHCOS))
}

/// A catalog image as `describe-images` prints it.
pub fn image_json(img: &CatalogImage, region: &str) -> Value {
    let id = image_id(img, region);
    let mut v = json!({
        "PlatformDetails": "Linux/UNIX",
        "UsageOperation": "RunInstances",
        "BlockDeviceMappings": [{
            "Ebs": {"DeleteOnTermination": true, "SnapshotId": format!("snap-{}", &id[4..]), "VolumeSize": 8, "VolumeType": "gp3", "Encrypted": false},
            "DeviceName": img.root_device
        }],
        "Description": img.description,
        "EnaSupport": true,
        "Hypervisor": "xen",
        "Name": img.name,
        "RootDeviceName": img.root_device,
        "RootDeviceType": "ebs",
        "SriovNetSupport": "simple",
        "VirtualizationType": "hvm",
        "BootMode": "uefi-preferred",
        "ImdsSupport": "v2.0",
        "ImageId": id,
        "ImageLocation": format!("{}/{}", if img.owner_alias.is_empty() { img.owner_id } else { img.owner_alias }, img.name),
        "State": "available",
        "OwnerId": img.owner_id,
        "CreationDate": img.created,
        "Public": true,
        "Architecture": "x86_64",
        "ImageType": "machine"
    });
    if !img.owner_alias.is_empty()
        && let Value::Object(m) = &mut v
    {
        m.insert("ImageOwnerAlias".into(), json!(img.owner_alias));
    }
    v
}

/// An EC2 key pair (the private key is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPair {
    /// `key-…`.
    pub id: String,
    /// The name.
    pub name: String,
    /// `rsa` or `ed25519`.
    pub key_type: String,
    /// The fingerprint AWS shows.
    pub fingerprint: String,
    /// When it was created (virtual ms).
    pub created_at: i64,
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Network {
    /// Creates a key pair; returns it with its private key material (PEM).
    pub fn create_key_pair(
        &mut self,
        name: &str,
        key_type: &str,
    ) -> Result<(KeyPair, String), AwsError> {
        if self.key_pairs.iter().any(|k| k.name == name) {
            return Err(AwsError::new(
                "InvalidKeyPair.Duplicate",
                format!("The keypair '{name}' already exists."),
            ));
        }
        if key_type != "rsa" && key_type != "ed25519" {
            return Err(AwsError::bad_value(
                key_type,
                "keyType",
                "Must be rsa or ed25519.",
            ));
        }
        let id = self.new_id("key");
        let mut body = String::new();
        let len = if key_type == "rsa" { 1588 } else { 300 };
        let mut rng = crate::traits::SplitMix64::new(self.random());
        for i in 0..len {
            if i > 0 && i % 64 == 0 {
                body.push('\n');
            }
            body.push(B64[(rng.next_u64() % 64) as usize] as char);
        }
        let (fingerprint, pem) = if key_type == "rsa" {
            let fp: Vec<String> = (0..20)
                .map(|_| format!("{:02x}", rng.next_u64() & 0xff))
                .collect();
            (
                fp.join(":"),
                format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"),
            )
        } else {
            let fp: String = (0..43)
                .map(|_| B64[(rng.next_u64() % 64) as usize] as char)
                .collect();
            (
                format!("{fp}="),
                format!(
                    "-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----"
                ),
            )
        };
        let kp = KeyPair {
            id,
            name: name.to_owned(),
            key_type: key_type.to_owned(),
            fingerprint,
            created_at: self.now,
        };
        self.key_pairs.push(kp.clone());
        Ok((kp, pem))
    }

    /// The key pair named `name`.
    pub fn key_pair(&self, name: &str) -> Result<&KeyPair, AwsError> {
        self.key_pairs
            .iter()
            .find(|k| k.name == name)
            .ok_or_else(|| {
                AwsError::new(
                    "InvalidKeyPair.NotFound",
                    format!("The key pair '{name}' does not exist"),
                )
            })
    }

    /// Deletes a key pair by name (deleting a missing one succeeds, as in EC2).
    pub fn delete_key_pair(&mut self, name: &str) -> Option<String> {
        let id = self
            .key_pairs
            .iter()
            .find(|k| k.name == name)
            .map(|k| k.id.clone());
        self.key_pairs.retain(|k| k.name != name);
        id
    }
}
