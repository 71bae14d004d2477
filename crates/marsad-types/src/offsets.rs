//! Byte offset ↔ Unicode code point offset conversion.

/// Converts byte offsets of one string into code point offsets, in O(log n) per lookup.
///
/// Built once per document; the output schema counts code points, Rust slices count bytes.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every char boundary, in order, plus the string length at the end.
    boundaries: Vec<u32>,
}

impl CharOffsets {
    /// Index every char boundary of `text`.
    pub fn new(text: &str) -> Self {
        let mut boundaries: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        boundaries.push(text.len() as u32);
        CharOffsets { boundaries }
    }

    /// Code point offset of byte offset `byte`. A byte offset inside a character maps to
    /// the start of that character; one past the end maps to the char count.
    pub fn char_of(&self, byte: usize) -> u32 {
        let b = byte as u32;
        match self.boundaries.binary_search(&b) {
            Ok(i) => i as u32,
            Err(i) => i.saturating_sub(1) as u32,
        }
    }

    /// Byte offset of code point offset `ch` (clamped to the end of the text).
    pub fn byte_of(&self, ch: u32) -> usize {
        let i = (ch as usize).min(self.boundaries.len() - 1);
        self.boundaries[i] as usize
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> u32 {
        (self.boundaries.len() - 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_offsets_count_code_points() {
        let s = "اتفاق بين";
        let c = CharOffsets::new(s);
        assert_eq!(c.len_chars(), 9);
        assert_eq!(c.char_of(0), 0);
        assert_eq!(c.char_of(10), 5); // "اتفاق" is 5 chars, 10 bytes
        assert_eq!(c.byte_of(5), 10);
        assert_eq!(c.char_of(s.len()), 9);
        assert_eq!(c.char_of(1), 0); // inside a char
    }
}
