//! `aws ec2 wait`: the botocore waiters for instances, NAT gateways, VPCs and subnets, polling the model while virtual time passes.

use serde_json::Value;

use super::AwsAccount;
use super::cli;

/// How an acceptor matches a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matcher {
    /// Every value at the path equals the expected one (and there is at least one).
    PathAll,
    /// Some value at the path equals the expected one.
    PathAny,
    /// The value at the path equals the expected one.
    Path,
    /// The call failed with the expected error code.
    Error,
}

/// What a matched acceptor means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Success,
    Failure,
    Retry,
}

struct Acceptor {
    matcher: Matcher,
    argument: &'static str,
    expected: &'static str,
    state: State,
}

struct Waiter {
    cli_name: &'static str,
    name: &'static str,
    operation: &'static str,
    delay_s: i64,
    max_attempts: u32,
    acceptors: &'static [Acceptor],
}

const fn acc(
    matcher: Matcher,
    argument: &'static str,
    expected: &'static str,
    state: State,
) -> Acceptor {
    Acceptor {
        matcher,
        argument,
        expected,
        state,
    }
}

const INSTANCE_STATE: &str = "Reservations[].Instances[].State.Name";

/// The waiters, with the delays, attempts and acceptors of the botocore ec2 waiter model.
const WAITERS: &[Waiter] = &[
    Waiter {
        cli_name: "instance-exists",
        name: "InstanceExists",
        operation: "describe-instances",
        delay_s: 5,
        max_attempts: 40,
        acceptors: &[
            acc(
                Matcher::Path,
                "length(Reservations[]) > `0`",
                "true",
                State::Success,
            ),
            acc(
                Matcher::Error,
                "",
                "InvalidInstanceID.NotFound",
                State::Retry,
            ),
        ],
    },
    Waiter {
        cli_name: "instance-running",
        name: "InstanceRunning",
        operation: "describe-instances",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[
            acc(Matcher::PathAll, INSTANCE_STATE, "running", State::Success),
            acc(
                Matcher::PathAny,
                INSTANCE_STATE,
                "shutting-down",
                State::Failure,
            ),
            acc(
                Matcher::PathAny,
                INSTANCE_STATE,
                "terminated",
                State::Failure,
            ),
            acc(Matcher::PathAny, INSTANCE_STATE, "stopping", State::Failure),
            acc(
                Matcher::Error,
                "",
                "InvalidInstanceID.NotFound",
                State::Retry,
            ),
        ],
    },
    Waiter {
        cli_name: "instance-terminated",
        name: "InstanceTerminated",
        operation: "describe-instances",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[
            acc(
                Matcher::PathAll,
                INSTANCE_STATE,
                "terminated",
                State::Success,
            ),
            acc(Matcher::PathAny, INSTANCE_STATE, "pending", State::Failure),
            acc(Matcher::PathAny, INSTANCE_STATE, "stopping", State::Failure),
        ],
    },
    Waiter {
        cli_name: "nat-gateway-available",
        name: "NatGatewayAvailable",
        operation: "describe-nat-gateways",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[
            acc(
                Matcher::PathAll,
                "NatGateways[].State",
                "available",
                State::Success,
            ),
            acc(
                Matcher::PathAny,
                "NatGateways[].State",
                "failed",
                State::Failure,
            ),
            acc(
                Matcher::PathAny,
                "NatGateways[].State",
                "deleting",
                State::Failure,
            ),
            acc(
                Matcher::PathAny,
                "NatGateways[].State",
                "deleted",
                State::Failure,
            ),
            acc(Matcher::Error, "", "NatGatewayNotFound", State::Retry),
        ],
    },
    Waiter {
        cli_name: "nat-gateway-deleted",
        name: "NatGatewayDeleted",
        operation: "describe-nat-gateways",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[
            acc(
                Matcher::PathAll,
                "NatGateways[].State",
                "deleted",
                State::Success,
            ),
            acc(Matcher::Error, "", "NatGatewayNotFound", State::Success),
        ],
    },
    Waiter {
        cli_name: "subnet-available",
        name: "SubnetAvailable",
        operation: "describe-subnets",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[acc(
            Matcher::PathAll,
            "Subnets[].State",
            "available",
            State::Success,
        )],
    },
    Waiter {
        cli_name: "vpc-available",
        name: "VpcAvailable",
        operation: "describe-vpcs",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[acc(
            Matcher::PathAll,
            "Vpcs[].State",
            "available",
            State::Success,
        )],
    },
];

/// The describe operation a waiter polls (the API it is authorised as).
pub fn waiter_operation(name: &str) -> Option<&'static str> {
    WAITERS
        .iter()
        .find(|w| w.cli_name == name)
        .map(|w| w.operation)
}

/// The CLI names of every waiter.
pub fn waiter_names() -> Vec<&'static str> {
    WAITERS.iter().map(|w| w.cli_name).collect()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl AwsAccount {
    /// Runs `aws ec2 wait <waiter> …` in `region`: polls every delay, advancing the account's virtual clock, until an acceptor decides.
    pub(super) fn wait(&mut self, region: &str, words: &[String]) -> Result<String, (String, i32)> {
        let names = waiter_names();
        let Some(name) = words.first() else {
            return Err(cli::arg_error(
                "the following arguments are required: subcommand",
            ));
        };
        let Some(w) = WAITERS.iter().find(|w| w.cli_name == name) else {
            return Err(cli::invalid_choice("subcommand", &names));
        };
        let spec = cli::EC2_OPS
            .iter()
            .find(|o| o.0 == w.operation)
            .map(|o| o.2)
            .expect("waiters poll implemented operations");
        let params =
            cli::parse_op(spec, "ec2", &words[1..]).map_err(|e| cli::describe_arg_error(&e))?;
        for attempt in 1..=w.max_attempts {
            let result = cli::call_ec2(self.network_mut(region), w.operation, &params);
            let mut decided = None;
            for a in w.acceptors {
                let hit = match (&result, a.matcher) {
                    (Err(e), Matcher::Error) => e.code == a.expected,
                    (Ok(Some(v)), Matcher::PathAll | Matcher::PathAny | Matcher::Path) => {
                        let found = super::format::query(v, a.argument).unwrap_or(Value::Null);
                        match (a.matcher, &found) {
                            (Matcher::PathAll, Value::Array(xs)) => {
                                !xs.is_empty() && xs.iter().all(|x| text(x) == a.expected)
                            }
                            (Matcher::PathAny, Value::Array(xs)) => {
                                xs.iter().any(|x| text(x) == a.expected)
                            }
                            (Matcher::Path, x) => text(x) == a.expected,
                            _ => false,
                        }
                    }
                    _ => false,
                };
                if hit {
                    decided = Some(a);
                    break;
                }
            }
            match decided.map(|a| (a, a.state)) {
                Some((_, State::Success)) => return Ok(String::new()),
                Some((a, State::Failure)) => {
                    return Err((
                        format!(
                            "\nWaiter {} failed: Waiter encountered a terminal failure state: For expression \"{}\" we matched expected path: \"{}\" at least once\n",
                            w.name, a.argument, a.expected
                        ),
                        255,
                    ));
                }
                Some((_, State::Retry)) => {}
                None => {
                    if let Err(e) = &result {
                        return Err((
                            format!(
                                "\nWaiter {} failed: An error occurred ({}): {}\n",
                                w.name, e.code, e.message
                            ),
                            255,
                        ));
                    }
                }
            }
            if attempt < w.max_attempts {
                self.advance(w.delay_s * 1000);
            }
        }
        Err((
            format!("\nWaiter {} failed: Max attempts exceeded\n", w.name),
            255,
        ))
    }
}
