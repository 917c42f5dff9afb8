//! Support for the visual VPC builder: trying a command on a copy of the account, so a form can show EC2's own validation error before anything changes.

use std::collections::BTreeMap;

use super::AwsAccount;
use crate::exec::{Ctx, Output};
use crate::vfs::Vfs;

/// The home directory a preview runs in.
const PREVIEW_CWD: &str = "/home/student";

impl AwsAccount {
    /// Runs `argv` (beginning with `aws`) on a copy of the account, as the default identity in the default region, and
    /// returns what it would print; the account itself is unchanged.
    pub fn preview(&self, argv: &[String]) -> Output {
        let mut copy = self.clone();
        let mut fs = Vfs::new();
        let env = BTreeMap::new();
        let mut ctx = Ctx::new(&mut fs, &env, PREVIEW_CWD, "", self.now);
        copy.run(argv, &mut ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn preview_reports_errors_and_changes_nothing() {
        let mut acct = AwsAccount::new_at(7, 1_795_000_000_000);
        let vpc = acct.seoul().create_vpc("10.0.0.0/16").unwrap();
        let before = acct.clone();
        let bad = acct.preview(&argv(&format!(
            "aws ec2 create-subnet --vpc-id {vpc} --cidr-block 10.1.0.0/24"
        )));
        assert_eq!(bad.code, 254);
        assert!(bad.stderr.contains("InvalidSubnet.Range"), "{}", bad.stderr);
        let good = acct.preview(&argv(&format!(
            "aws ec2 create-subnet --vpc-id {vpc} --cidr-block 10.0.1.0/24"
        )));
        assert_eq!(good.code, 0, "{}", good.stderr);
        assert!(good.stdout.contains("\"CidrBlock\": \"10.0.1.0/24\""));
        assert_eq!(acct, before);
    }
}
