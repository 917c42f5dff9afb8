//! The "add" form: pick a resource kind, fill in a few fields, see the equivalent `aws ec2` command and EC2's validation message as you type, then run it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use engine::aws::Network;
use engine::session::Session;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::cmd::{self, argv, name_tag};
use super::text::{T, tr};

/// The image every instance launched from the builder uses (Amazon Linux 2023 in Seoul, as the lessons use).
pub const IMAGE_ID: &str = "ami-0c9c942bd7bf113a2";

/// The properties of [`AddForm`].
#[derive(Properties, Clone)]
pub struct AddFormProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// The VPC shown on the canvas.
    #[prop_or_default]
    pub vpc_id: Option<AttrValue>,
    /// Types a command into the terminal and runs it.
    pub on_run: Callback<String>,
    /// Korean (true) or English.
    pub ko: bool,
}

impl PartialEq for AddFormProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.vpc_id == other.vpc_id
            && self.on_run == other.on_run
            && self.ko == other.ko
    }
}

/// What the form adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `create-vpc`.
    Vpc,
    /// `create-subnet`.
    Subnet,
    /// `create-internet-gateway`.
    Igw,
    /// `allocate-address`.
    Eip,
    /// `create-nat-gateway`.
    Nat,
    /// `create-route-table`.
    RouteTable,
    /// `create-route`.
    Route,
    /// `create-security-group`.
    SecurityGroup,
    /// `authorize-security-group-ingress`.
    Ingress,
    /// `run-instances`.
    Instance,
}

impl Kind {
    /// Every kind, in the order a network is usually built.
    pub const ALL: [Kind; 10] = [
        Kind::Vpc,
        Kind::Subnet,
        Kind::Igw,
        Kind::RouteTable,
        Kind::Route,
        Kind::Eip,
        Kind::Nat,
        Kind::SecurityGroup,
        Kind::Ingress,
        Kind::Instance,
    ];

    fn id(self) -> &'static str {
        match self {
            Kind::Vpc => "vpc",
            Kind::Subnet => "subnet",
            Kind::Igw => "igw",
            Kind::Eip => "eip",
            Kind::Nat => "nat",
            Kind::RouteTable => "rtb",
            Kind::Route => "route",
            Kind::SecurityGroup => "sg",
            Kind::Ingress => "ingress",
            Kind::Instance => "instance",
        }
    }

    fn label(self) -> T {
        match self {
            Kind::Vpc => T::KindVpc,
            Kind::Subnet => T::KindSubnet,
            Kind::Igw => T::KindIgw,
            Kind::Eip => T::KindEip,
            Kind::Nat => T::KindNat,
            Kind::RouteTable => T::KindRouteTable,
            Kind::Route => T::KindRoute,
            Kind::SecurityGroup => T::KindSecurityGroup,
            Kind::Ingress => T::KindIngress,
            Kind::Instance => T::KindInstance,
        }
    }
}

/// One field of a form.
enum Field {
    Text(&'static str, T, &'static str),
    Select(&'static str, T, Vec<(String, String)>),
    Check(&'static str, T),
}

fn label_of(tags: &[engine::aws::model::Tag], id: &str) -> String {
    match Network::name_of(tags) {
        Some(n) => format!("{n} ({id})"),
        None => id.to_owned(),
    }
}

fn fields(kind: Kind, net: Option<&Network>, vpc: &str) -> Vec<Field> {
    let empty = Network::new("ap-northeast-2", 0);
    let net = net.unwrap_or(&empty);
    let subnets: Vec<(String, String)> = net
        .subnets
        .iter()
        .filter(|s| s.vpc_id == vpc)
        .map(|s| {
            (
                s.id.clone(),
                format!("{} {}", label_of(&s.tags, &s.id), s.cidr),
            )
        })
        .collect();
    let tables: Vec<(String, String)> = net
        .route_tables
        .iter()
        .filter(|t| t.vpc_id == vpc)
        .map(|t| {
            let main = if t.is_main() { " (main)" } else { "" };
            (t.id.clone(), format!("{}{main}", label_of(&t.tags, &t.id)))
        })
        .collect();
    let groups: Vec<(String, String)> = net
        .security_groups
        .iter()
        .filter(|g| g.vpc_id == vpc)
        .map(|g| (g.id.clone(), format!("{} ({})", g.name, g.id)))
        .collect();
    match kind {
        Kind::Vpc => vec![
            Field::Text("cidr", T::Cidr, "10.0.0.0/16"),
            Field::Text("name", T::Name, ""),
        ],
        Kind::Subnet => vec![
            Field::Text("cidr", T::Cidr, "10.0.1.0/24"),
            Field::Select(
                "az",
                T::Zone,
                net.zones()
                    .into_iter()
                    .map(|z| (z.name.clone(), z.name))
                    .collect(),
            ),
            Field::Text("name", T::Name, ""),
        ],
        Kind::Igw => vec![Field::Text("name", T::Name, "")],
        Kind::Eip => vec![],
        Kind::Nat => vec![
            Field::Select("subnet", T::Subnet, subnets),
            Field::Select(
                "eip",
                T::ElasticIp,
                net.addresses
                    .iter()
                    .filter(|a| a.association.is_none())
                    .map(|a| {
                        (
                            a.allocation_id.clone(),
                            format!("{} ({})", a.public_ip, a.allocation_id),
                        )
                    })
                    .collect(),
            ),
            Field::Text("name", T::Name, ""),
        ],
        Kind::RouteTable => vec![Field::Text("name", T::Name, "")],
        Kind::Route => {
            let mut targets: Vec<(String, String)> = vec![];
            if let Some(g) = net.igw_of_vpc(vpc) {
                targets.push((g.id.clone(), format!("IGW {}", g.id)));
            }
            for g in net
                .nat_gateways
                .iter()
                .filter(|g| g.vpc_id == vpc && g.deleted_at.is_none())
            {
                targets.push((g.id.clone(), format!("NAT {}", label_of(&g.tags, &g.id))));
            }
            for i in net
                .instances
                .iter()
                .filter(|i| i.vpc_id == vpc && !i.is_terminated())
            {
                targets.push((i.id.clone(), format!("EC2 {}", label_of(&i.tags, &i.id))));
            }
            vec![
                Field::Select("rtb", T::RouteTable, tables),
                Field::Text("dest", T::Destination, "0.0.0.0/0"),
                Field::Select("target", T::Target, targets),
            ]
        }
        Kind::SecurityGroup => vec![
            Field::Text("name", T::GroupName, "web-sg"),
            Field::Text("desc", T::Description, "allow web"),
        ],
        Kind::Ingress => {
            let mut sources = vec![(String::new(), "—".to_owned())];
            sources.extend(groups.iter().cloned());
            vec![
                Field::Select("group", T::SecurityGroup, groups),
                Field::Select(
                    "proto",
                    T::Protocol,
                    ["tcp", "udp", "icmp", "-1"]
                        .iter()
                        .map(|p| ((*p).to_owned(), (*p).to_owned()))
                        .collect(),
                ),
                Field::Text("port", T::Port, "22"),
                Field::Text("cidr", T::SourceCidr, "0.0.0.0/0"),
                Field::Select("source", T::SourceGroup, sources),
            ]
        }
        Kind::Instance => vec![
            Field::Select("subnet", T::Subnet, subnets),
            Field::Select(
                "type",
                T::InstanceType,
                ["t3.micro", "t2.micro", "t3.small", "t3.medium", "m5.large"]
                    .iter()
                    .map(|p| ((*p).to_owned(), (*p).to_owned()))
                    .collect(),
            ),
            Field::Select("sg", T::SecurityGroup, groups),
            Field::Check("public", T::PublicIp),
            Field::Text("name", T::Name, ""),
        ],
    }
}

/// The value of `key`: what the learner set, else the field's default (a text's placeholder value, a select's first option).
fn value(values: &BTreeMap<String, String>, fields: &[Field], key: &str) -> String {
    if let Some(v) = values.get(key) {
        return v.clone();
    }
    fields
        .iter()
        .find_map(|f| match f {
            Field::Text(k, _, d) if *k == key => Some((*d).to_owned()),
            Field::Select(k, _, opts) if *k == key => {
                Some(opts.first().map(|o| o.0.clone()).unwrap_or_default())
            }
            Field::Check(k, _) if *k == key => Some(String::new()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The command a form's values stand for.
pub fn command(kind: Kind, vpc: &str, get: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut a = match kind {
        Kind::Vpc => argv(&["aws", "ec2", "create-vpc", "--cidr-block", &get("cidr")]),
        Kind::Subnet => argv(&[
            "aws",
            "ec2",
            "create-subnet",
            "--vpc-id",
            vpc,
            "--cidr-block",
            &get("cidr"),
            "--availability-zone",
            &get("az"),
        ]),
        Kind::Igw => argv(&["aws", "ec2", "create-internet-gateway"]),
        Kind::Eip => argv(&["aws", "ec2", "allocate-address", "--domain", "vpc"]),
        Kind::Nat => argv(&[
            "aws",
            "ec2",
            "create-nat-gateway",
            "--subnet-id",
            &get("subnet"),
            "--allocation-id",
            &get("eip"),
        ]),
        Kind::RouteTable => argv(&["aws", "ec2", "create-route-table", "--vpc-id", vpc]),
        Kind::Route => {
            let target = get("target");
            let flag = if target.starts_with("igw-") {
                "--gateway-id"
            } else if target.starts_with("nat-") {
                "--nat-gateway-id"
            } else {
                "--instance-id"
            };
            argv(&[
                "aws",
                "ec2",
                "create-route",
                "--route-table-id",
                &get("rtb"),
                "--destination-cidr-block",
                &get("dest"),
                flag,
                &target,
            ])
        }
        Kind::SecurityGroup => argv(&[
            "aws",
            "ec2",
            "create-security-group",
            "--group-name",
            &get("name"),
            "--description",
            &get("desc"),
            "--vpc-id",
            vpc,
        ]),
        Kind::Ingress => {
            let mut a = argv(&[
                "aws",
                "ec2",
                "authorize-security-group-ingress",
                "--group-id",
                &get("group"),
                "--protocol",
                &get("proto"),
            ]);
            let proto = get("proto");
            if proto == "tcp" || proto == "udp" {
                a.extend(argv(&["--port", &get("port")]));
            }
            let source = get("source");
            if source.is_empty() {
                a.extend(argv(&["--cidr", &get("cidr")]));
            } else {
                a.extend(argv(&["--source-group", &source]));
            }
            a
        }
        Kind::Instance => {
            let mut a = argv(&[
                "aws",
                "ec2",
                "run-instances",
                "--image-id",
                IMAGE_ID,
                "--instance-type",
                &get("type"),
                "--subnet-id",
                &get("subnet"),
            ]);
            let sg = get("sg");
            if !sg.is_empty() {
                a.extend(argv(&["--security-group-ids", &sg]));
            }
            if get("public") == "true" {
                a.push("--associate-public-ip-address".into());
            }
            a
        }
    };
    let resource = match kind {
        Kind::Vpc => Some("vpc"),
        Kind::Subnet => Some("subnet"),
        Kind::Igw => Some("internet-gateway"),
        Kind::Nat => Some("natgateway"),
        Kind::RouteTable => Some("route-table"),
        Kind::Instance => Some("instance"),
        _ => None,
    };
    if let Some(r) = resource {
        a.extend(name_tag(r, &get("name")));
    }
    a
}

/// The add form.
#[function_component(AddForm)]
pub fn add_form(props: &AddFormProps) -> Html {
    let ko = props.ko;
    let kind = use_state(|| Kind::Vpc);
    let values = use_state(BTreeMap::<String, String>::new);
    let session = props.session.borrow();
    let region = session.aws.default_region.clone();
    let net = session.aws.network(&region);
    let vpc = props.vpc_id.as_deref().unwrap_or("").to_owned();
    let fs = fields(*kind, net, &vpc);
    let get = |k: &str| value(&values, &fs, k);
    let args = command(*kind, &vpc, &get);
    let line = cmd::line(&args);
    let check = cmd::preview(&session, &args);
    drop(session);

    let on_kind = {
        let kind = kind.clone();
        let values = values.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(k) = Kind::ALL.iter().find(|k| k.id() == v) {
                kind.set(*k);
                values.set(BTreeMap::new());
            }
        })
    };
    let set = |key: &'static str| {
        let values = values.clone();
        move |v: String| {
            let mut m = (*values).clone();
            m.insert(key.to_owned(), v);
            values.set(m);
        }
    };
    let inputs = fs.iter().map(|f| match f {
        Field::Text(key, label, placeholder) => {
            let set = set(key);
            let oninput = Callback::from(move |e: InputEvent| {
                set(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <label class="vpc-field" key={*key}>
                    <span>{ tr(ko, *label) }</span>
                    <input type="text" name={*key} value={get(key)} placeholder={*placeholder} spellcheck="false" {oninput} />
                </label>
            }
        }
        Field::Select(key, label, options) => {
            let set = set(key);
            let onchange = Callback::from(move |e: Event| {
                set(e.target_unchecked_into::<HtmlSelectElement>().value())
            });
            let current = get(key);
            html! {
                <label class="vpc-field" key={*key}>
                    <span>{ tr(ko, *label) }</span>
                    <select name={*key} {onchange}>
                        { for options.iter().map(|(v, text)| html! {
                            <option value={v.clone()} selected={*v == current}>{ text.clone() }</option>
                        }) }
                    </select>
                </label>
            }
        }
        Field::Check(key, label) => {
            let set = set(key);
            let onchange = Callback::from(move |e: Event| {
                set(e.target_unchecked_into::<HtmlInputElement>().checked().to_string())
            });
            html! {
                <label class="vpc-field check" key={*key}>
                    <input type="checkbox" name={*key} checked={get(key) == "true"} {onchange} />
                    <span>{ tr(ko, *label) }</span>
                </label>
            }
        }
    });
    let ok = check.is_ok();
    let onsubmit = {
        let run = props.on_run.clone();
        let line = line.clone();
        let values = values.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ok {
                run.emit(line.clone());
                values.set(BTreeMap::new());
            }
        })
    };
    html! {
        <form class="vpc-form" {onsubmit} aria-label={tr(ko, T::Add)}>
            <label class="vpc-field">
                <span>{ tr(ko, T::What) }</span>
                <select name="kind" onchange={on_kind}>
                    { for Kind::ALL.iter().map(|k| html! {
                        <option value={k.id()} selected={*k == *kind}>{ tr(ko, k.label()) }</option>
                    }) }
                </select>
            </label>
            { for inputs }
            <code class="vpc-command" aria-label={tr(ko, T::Command)}>{ format!("$ {line}") }</code>
            { match &check {
                Ok(_) => html! { <p class="vpc-valid" role="status">{ tr(ko, T::Valid) }</p> },
                Err(msg) => html! { <p class="vpc-error" role="alert">{ msg.clone() }</p> },
            } }
            <button type="submit" class="vpc-run" disabled={!ok}>{ tr(ko, T::Run) }</button>
        </form>
    }
}
