//! IPv4 CIDR helpers for the VPC model: parsing as EC2 does, the size rules, overlap and the five reserved addresses.

use std::net::Ipv4Addr;

pub use ipnet::Ipv4Net;

/// The smallest prefix length (largest block) EC2 accepts for a VPC or subnet CIDR.
pub const MIN_PREFIX: u8 = 16;
/// The largest prefix length (smallest block) EC2 accepts for a VPC or subnet CIDR.
pub const MAX_PREFIX: u8 = 28;
/// How many addresses AWS reserves in every subnet: the network address, the VPC router, DNS, future use and the last address.
pub const RESERVED_PER_SUBNET: u64 = 5;

/// Parses `a.b.c.d/n` strictly: the address must be the network address of the block.
pub fn parse_strict(text: &str) -> Option<Ipv4Net> {
    let net: Ipv4Net = text.trim().parse().ok()?;
    (net.network() == net.addr()).then_some(net)
}

/// Whether the block's prefix length is within the /16–/28 range EC2 allows.
pub fn size_ok(net: &Ipv4Net) -> bool {
    (MIN_PREFIX..=MAX_PREFIX).contains(&net.prefix_len())
}

/// Whether two blocks share at least one address.
pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Whether the block lies inside one of the RFC 1918 private ranges.
pub fn is_rfc1918(net: &Ipv4Net) -> bool {
    ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
        .iter()
        .any(|r| r.parse::<Ipv4Net>().is_ok_and(|r| r.contains(net)))
}

/// The number of addresses in the block.
pub fn size(net: &Ipv4Net) -> u64 {
    1u64 << (32 - u32::from(net.prefix_len()))
}

/// The addresses a subnet can hand out: its size less the five AWS reserves.
pub fn available_addresses(net: &Ipv4Net) -> u64 {
    size(net).saturating_sub(RESERVED_PER_SUBNET)
}

/// Whether `ip` is one of the five addresses AWS reserves in `subnet`.
pub fn is_reserved(subnet: &Ipv4Net, ip: Ipv4Addr) -> bool {
    let base = u32::from(subnet.network());
    let off = u32::from(ip).wrapping_sub(base);
    off < 4 || ip == subnet.broadcast()
}

/// The address at `offset` from the start of the block.
pub fn nth(net: &Ipv4Net, offset: u64) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()).wrapping_add(offset as u32))
}

/// Parses a single address, or a CIDR, as the block it names (a bare address is a /32).
pub fn parse_any(text: &str) -> Option<Ipv4Net> {
    if let Ok(net) = text.parse::<Ipv4Net>() {
        return Some(net.trunc());
    }
    text.parse::<Ipv4Addr>()
        .ok()
        .and_then(|ip| Ipv4Net::new(ip, 32).ok())
}

/// Picks, among `candidates`, the index of the longest prefix that contains `ip` (the longest-prefix-match rule).
pub fn longest_prefix_match(candidates: &[Ipv4Net], ip: Ipv4Addr) -> Option<usize> {
    candidates
        .iter()
        .enumerate()
        .filter(|(_, n)| n.contains(&ip))
        .max_by_key(|(_, n)| n.prefix_len())
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strict_parse_rejects_host_bits_and_garbage() {
        assert!(parse_strict("10.0.0.0/16").is_some());
        assert!(parse_strict("10.0.0.1/16").is_none());
        assert!(parse_strict("10.0.0.0/33").is_none());
        assert!(parse_strict("abc").is_none());
    }

    #[test]
    fn sizes_and_reserved() {
        let n = parse_strict("10.0.1.0/24").unwrap();
        assert_eq!(available_addresses(&n), 251);
        assert!(is_reserved(&n, "10.0.1.3".parse().unwrap()));
        assert!(is_reserved(&n, "10.0.1.255".parse().unwrap()));
        assert!(!is_reserved(&n, "10.0.1.4".parse().unwrap()));
        assert_eq!(
            available_addresses(&parse_strict("10.0.0.0/28").unwrap()),
            11
        );
        assert!(is_rfc1918(&n));
        assert!(!is_rfc1918(&parse_strict("100.64.0.0/16").unwrap()));
    }

    proptest! {
        #[test]
        fn size_rule_matches_prefix(a in any::<u32>(), p in 0u8..=32) {
            let net = Ipv4Net::new(Ipv4Addr::from(a), p).unwrap().trunc();
            prop_assert_eq!(size_ok(&net), (16..=28).contains(&p));
            prop_assert_eq!(available_addresses(&net) + RESERVED_PER_SUBNET.min(size(&net)), size(&net));
        }

        #[test]
        fn overlap_is_symmetric_and_matches_address_sets(a in any::<u32>(), pa in 16u8..=28, b in any::<u32>(), pb in 16u8..=28) {
            let x = Ipv4Net::new(Ipv4Addr::from(a), pa).unwrap().trunc();
            let y = Ipv4Net::new(Ipv4Addr::from(b), pb).unwrap().trunc();
            prop_assert_eq!(overlaps(&x, &y), overlaps(&y, &x));
            let (xs, xe) = (u32::from(x.network()), u32::from(x.broadcast()));
            let (ys, ye) = (u32::from(y.network()), u32::from(y.broadcast()));
            prop_assert_eq!(overlaps(&x, &y), xs <= ye && ys <= xe);
        }

        #[test]
        fn longest_prefix_wins(ip in any::<u32>(), lens in proptest::collection::vec(0u8..=32, 1..6)) {
            let ip = Ipv4Addr::from(ip);
            let nets: Vec<Ipv4Net> = lens.iter().map(|&l| Ipv4Net::new(ip, l).unwrap().trunc()).collect();
            let best = longest_prefix_match(&nets, ip).unwrap();
            let max = *lens.iter().max().unwrap();
            prop_assert_eq!(nets[best].prefix_len(), max);
            // A block that does not contain the address never wins.
            let other = Ipv4Net::new(Ipv4Addr::from(u32::from(ip) ^ 0x8000_0000), 32).unwrap();
            let mut with_other = nets.clone();
            with_other.push(other);
            prop_assert_eq!(with_other[longest_prefix_match(&with_other, ip).unwrap()].prefix_len(), max);
        }
    }
}
