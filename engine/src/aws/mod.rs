//! The AWS account model (VPC networking, and later IAM and other services) and the `aws` command line.
