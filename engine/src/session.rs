//! A learner session: one shell, one cluster, one AWS account, one virtual home directory.
