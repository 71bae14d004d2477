//! Content hashes: stable across runs, platforms and Rust versions (no `DefaultHasher`).

/// 128-bit FNV-1a of `bytes`, as 32 hex digits: the content hash of a document body.
pub fn body_hash(bytes: &[u8]) -> String {
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in bytes {
        h ^= u128::from(*b);
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}

/// 64-bit FNV-1a over `parts` (each followed by a 0 byte), as 16 hex digits: ids derived
/// from content.
pub fn id_hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.as_bytes().iter().chain(std::iter::once(&0u8)) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_hash_is_exact_and_stable() {
        assert_eq!(body_hash(b""), "6c62272e07bb014262b821756295c58d");
        assert_ne!(body_hash("حصار".as_bytes()), body_hash("حصار ".as_bytes()));
        assert_eq!(body_hash("قصف".as_bytes()).len(), 32);
    }

    #[test]
    fn id_hash_separates_parts() {
        assert_ne!(id_hash(&["ab", "c"]), id_hash(&["a", "bc"]));
        assert_eq!(id_hash(&["x"]), id_hash(&["x"]));
    }
}
