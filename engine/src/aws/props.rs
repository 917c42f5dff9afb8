//! Property tests of the VPC model's CIDR rules and route lookup, through the same methods the CLI and the builder call.

use std::net::Ipv4Addr;

use proptest::prelude::*;

use super::cidr::{self, Ipv4Net};
use super::model::{Network, RouteTarget};

/// A block with the given address bits and prefix, its host bits cleared.
fn block(bits: u32, prefix: u8) -> Ipv4Net {
    Ipv4Net::new(Ipv4Addr::from(bits), prefix)
        .expect("prefix at most 32")
        .trunc()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `create_subnet` accepts a block exactly when it is /16–/28, inside the VPC and overlaps no earlier subnet,
    /// names the broken rule with EC2's code otherwise, and a new subnet offers its size minus the five reserved addresses.
    #[test]
    fn subnet_rules(
        vpc_prefix in 16u8..=24,
        candidates in proptest::collection::vec((any::<u16>(), 14u8..=30, any::<bool>()), 1..12),
    ) {
        let mut net = Network::new("ap-northeast-2", 1);
        let vpc_block = block(0x0A00_0000, vpc_prefix);
        let vpc = net.create_vpc(&vpc_block.to_string()).unwrap();
        let mut accepted: Vec<Ipv4Net> = vec![];
        for (low, prefix, outside) in candidates {
            // Addresses inside the VPC's /16, or (sometimes) in 10.1.0.0/16, outside every VPC block tried here.
            let base = if outside { 0x0A01_0000 } else { 0x0A00_0000 };
            let b = block(base | u32::from(low), prefix);
            let result = net.create_subnet(&vpc, &b.to_string(), Some("ap-northeast-2a"));
            let fits = cidr::size_ok(&b) && vpc_block.contains(&b);
            let free = accepted.iter().all(|a| !cidr::overlaps(a, &b));
            match result {
                Ok(id) => {
                    prop_assert!(fits && free, "{b} accepted in {vpc_block} beside {accepted:?}");
                    let s = net.subnet(&id).unwrap().clone();
                    prop_assert_eq!(net.available_ip_count(&s), cidr::size(&b) - 5);
                    accepted.push(b);
                }
                Err(e) => {
                    prop_assert!(!(fits && free), "{b} refused: {e:?}");
                    let code = if fits { "InvalidSubnet.Conflict" } else { "InvalidSubnet.Range" };
                    prop_assert_eq!(e.code.as_str(), code, "{}", b);
                }
            }
        }
    }

    /// A route table sends each address to the route with the longest matching prefix, the local route included.
    #[test]
    fn route_lookup_is_longest_prefix_match(
        routes in proptest::collection::vec((any::<u32>(), 0u8..=32), 1..8),
        probes in proptest::collection::vec(any::<u32>(), 1..16),
    ) {
        let mut net = Network::new("ap-northeast-2", 2);
        let vpc = net.create_vpc("10.0.0.0/16").unwrap();
        let igw = net.create_internet_gateway();
        net.attach_internet_gateway(&igw, &vpc).unwrap();
        let rtb = net.create_route_table(&vpc).unwrap();
        let mut dests: Vec<Ipv4Net> = vec!["10.0.0.0/16".parse().unwrap()];
        for (bits, prefix) in routes {
            let d = block(bits, prefix);
            if net.create_route(&rtb, &d.to_string(), RouteTarget::Gateway(igw.clone())).is_ok() {
                dests.push(d);
            }
        }
        let table = net.route_table(&rtb).unwrap().clone();
        for p in probes {
            let ip = Ipv4Addr::from(p);
            let best = dests
                .iter()
                .filter(|d| d.contains(&ip))
                .map(|d| d.prefix_len())
                .max();
            let found = net.lookup_route(&table, ip).map(|r| r.destination.prefix_len());
            prop_assert_eq!(found, best, "{} in {:?}", ip, dests);
        }
    }
}
