//! A compact, read-only byte trie over normalized match keys.
//!
//! Nodes live in one array; each node's outgoing edges are a contiguous, byte-sorted run in two
//! parallel arrays (labels, targets). The root has a dense 256-entry table. Lookup is a linear
//! scan for short runs and a binary search for long ones. Built once from sorted keys.

/// No value / no child.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    first: u32,
    len: u32,
    value: u32,
}

/// The trie.
#[derive(Debug, Clone)]
pub struct Trie {
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    labels: Vec<u8>,
    targets: Vec<u32>,
}

impl Trie {
    /// Builds a trie from `(key, value)` pairs; keys must be unique.
    pub fn build(mut keys: Vec<(Vec<u8>, u32)>) -> Trie {
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        keys.dedup_by(|a, b| a.0 == b.0);
        let mut t = Trie {
            root: Box::new([NONE; 256]),
            nodes: Vec::with_capacity(keys.len() * 4),
            labels: Vec::with_capacity(keys.len() * 4),
            targets: Vec::with_capacity(keys.len() * 4),
        };
        t.nodes.push(Node {
            first: 0,
            len: 0,
            value: NONE,
        });
        // Root children.
        let groups = group(&keys, 0);
        for (b, lo, hi) in groups {
            let child = t.build_node(&keys[lo..hi], 1);
            t.root[b as usize] = child;
        }
        t
    }

    fn build_node(&mut self, keys: &[(Vec<u8>, u32)], depth: usize) -> u32 {
        let idx = self.nodes.len() as u32;
        let mut value = NONE;
        let mut rest = keys;
        if let Some(first) = keys.first() {
            if first.0.len() == depth {
                value = first.1;
                rest = &keys[1..];
            }
        }
        self.nodes.push(Node {
            first: 0,
            len: 0,
            value,
        });
        let groups = group(rest, depth);
        let first = self.labels.len() as u32;
        for (b, _, _) in &groups {
            self.labels.push(*b);
            self.targets.push(NONE);
        }
        self.nodes[idx as usize].first = first;
        self.nodes[idx as usize].len = groups.len() as u32;
        for (i, (_, lo, hi)) in groups.into_iter().enumerate() {
            let child = self.build_node(&rest[lo..hi], depth + 1);
            self.targets[first as usize + i] = child;
        }
        idx
    }

    /// The node reached from `node` by byte `b` (node 0 is the root).
    #[inline]
    pub fn step(&self, node: u32, b: u8) -> Option<u32> {
        if node == 0 {
            let c = self.root[b as usize];
            return (c != NONE).then_some(c);
        }
        let n = self.nodes.get(node as usize)?;
        let lo = n.first as usize;
        let labels = self.labels.get(lo..lo + n.len as usize)?;
        let pos = if labels.len() <= 8 {
            labels.iter().position(|&l| l == b)
        } else {
            labels.binary_search(&b).ok()
        }?;
        Some(self.targets[lo + pos])
    }

    /// The value stored at `node`, if a key ends there.
    #[inline]
    pub fn value(&self, node: u32) -> Option<u32> {
        let v = self.nodes.get(node as usize)?.value;
        (v != NONE).then_some(v)
    }

    /// Exact lookup of a whole key.
    #[allow(dead_code)]
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let mut n = 0;
        for &b in key {
            n = self.step(n, b)?;
        }
        self.value(n)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the trie is empty.
    #[allow(dead_code)]
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }
}

/// Groups sorted keys (all longer than `depth`) by their byte at `depth`.
fn group(keys: &[(Vec<u8>, u32)], depth: usize) -> Vec<(u8, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let Some(&b) = keys[i].0.get(depth) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < keys.len() && keys[j].0.get(depth) == Some(&b) {
            j += 1;
        }
        out.push((b, i, j));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_prefixes_and_keys() {
        let t = Trie::build(vec![
            ("حلب".as_bytes().to_vec(), 1),
            ("حلب القديمه".as_bytes().to_vec(), 2),
            ("حماه".as_bytes().to_vec(), 3),
        ]);
        assert_eq!(t.get("حلب".as_bytes()), Some(1));
        assert_eq!(t.get("حلب القديمه".as_bytes()), Some(2));
        assert_eq!(t.get("حماه".as_bytes()), Some(3));
        assert_eq!(t.get("حم".as_bytes()), None);
        assert_eq!(t.get("حلبا".as_bytes()), None);
    }
}
