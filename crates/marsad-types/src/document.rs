//! Input documents and their full text.

use crate::Date;
use serde::{Deserialize, Serialize};

/// One input document: a news article or a pasted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier, unique within a run.
    pub id: String,
    /// Headline, if any.
    #[serde(default)]
    pub title: Option<String>,
    /// Body text.
    pub text: String,
    /// Publication date, the anchor for relative dates ("أمس").
    #[serde(default)]
    pub published: Option<Date>,
    /// Publishing outlet.
    #[serde(default)]
    pub source: Option<String>,
    /// Where the document was found.
    #[serde(default)]
    pub url: Option<String>,
}

impl Document {
    /// The text all offsets count into: the title without outer whitespace, a newline, then
    /// the body; a document without a (non-blank) title is its body. A leading BOM is dropped;
    /// CRLF is kept as is.
    pub fn full_text(&self) -> String {
        let body = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        match self.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => {
                let t = t.strip_prefix('\u{feff}').unwrap_or(t).trim();
                let mut s = String::with_capacity(t.len() + 1 + body.len());
                s.push_str(t);
                s.push('\n');
                s.push_str(body);
                s
            }
            _ => body.to_string(),
        }
    }

    /// The document's metadata as written in the output.
    pub fn meta(&self) -> DocMeta {
        DocMeta {
            id: self.id.clone(),
            title: self.title.clone(),
            published: self.published,
            source: self.source.clone(),
            url: self.url.clone(),
        }
    }
}

/// Document metadata as it appears in the `doc` field of an output line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Publishing outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: Option<&str>, text: &str) -> Document {
        Document {
            id: "d".into(),
            title: title.map(Into::into),
            text: text.into(),
            published: None,
            source: None,
            url: None,
        }
    }

    #[test]
    fn full_text_joins_trimmed_title_and_body() {
        assert_eq!(doc(Some("  عنوان \n"), "نص").full_text(), "عنوان\nنص");
        assert_eq!(doc(None, "نص").full_text(), "نص");
        assert_eq!(doc(Some("   "), "نص").full_text(), "نص");
    }

    #[test]
    fn full_text_drops_leading_bom_keeps_crlf() {
        assert_eq!(doc(None, "\u{feff}أ\r\nب").full_text(), "أ\r\nب");
    }
}
