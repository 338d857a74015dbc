//! The `GET /` page: what a landlord's endpoint would have received.

use std::fmt::Write;

use crate::files::href;
use crate::listing::{next_query, Page};
use crate::store::StoredSubmission;

/// The page's Content-Security-Policy: nothing may load or run; only its
/// own inline `<style>` applies; no site may frame it.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; \
                       frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The listing page. `total` is how many are stored; `paged` says whether
/// this is a page other than the default first one.
pub fn index_page(page: &Page, total: i64, paged: bool) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Put Right reference receiver</title>\n<style>\n\
         body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#111}\n\
         section{border-top:1px solid #ccc;padding:.5rem 0}\n\
         h2{font-size:1.1rem;margin:.5rem 0}\n\
         pre{background:#f4f4f4;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere}\n\
         </style>\n</head>\n<body>\n<h1>Put Right reference receiver</h1>\n",
    );
    let _ = writeln!(
        out,
        "<p>{total} submission(s) received; {} on this page, newest first. \
         Each block shows the JSON body exactly as a landlord's endpoint would receive it \
         (indented for reading; no keys or values changed). \
         Machine-readable: <a href=\"/submissions\">/submissions</a>.</p>",
        page.rows.len()
    );
    if page.rows.is_empty() {
        out.push_str("<p>No submissions on this page.</p>\n");
    }
    for row in &page.rows {
        let _ = write!(
            out,
            "<section>\n<h2><a href=\"/submissions/{r}\">{r}</a></h2>\n\
             <p>Kind: <strong>{kind}</strong> &middot; Landlord: {landlord} &middot; \
             Received: <time datetime=\"{at}\">{at}</time></p>\n{files}<pre>{json}</pre>\n</section>\n",
            r = escape(&row.reference),
            kind = escape(&row.kind),
            landlord = escape(&row.landlord_id),
            at = escape(&row.received_at),
            files = file_list(row),
            json = escape(&reindent(&row.body)),
        );
    }
    let mut nav = Vec::new();
    if paged {
        nav.push("<a href=\"/\">Newest submissions</a>".to_owned());
    }
    if let Some(next) = next_query(page) {
        nav.push(format!(
            "<a rel=\"next\" href=\"/?{}\">Next page (older submissions)</a>",
            escape(&next)
        ));
    }
    if !nav.is_empty() {
        let _ = writeln!(out, "<nav><p>{}</p></nav>", nav.join(" &middot; "));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A submission's files, each a download link (empty without files).
fn file_list(row: &StoredSubmission) -> String {
    if row.files.is_empty() {
        return String::new();
    }
    let mut out = format!("<p>Files ({}):</p>\n<ul>\n", row.files.len());
    for f in &row.files {
        let _ = writeln!(
            out,
            "<li><a href=\"{href}\" download>{name}</a> ({media_type}, {bytes} bytes, SHA-256 <code>{sha}</code>)</li>",
            href = escape(&href(&row.reference, &f.id)),
            name = escape(&f.filename),
            media_type = escape(&f.media_type),
            bytes = f.bytes,
            sha = escape(&f.sha256),
        );
    }
    out.push_str("</ul>\n");
    out
}

/// Escapes text for use in HTML content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Re-indents JSON text by changing only whitespace between tokens, so key
/// order and the exact spelling of every value are kept (unlike a
/// parse-and-pretty-print round trip).
pub fn reindent(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = json.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                match chars.peek() {
                    Some(&close @ ('}' | ']')) => {
                        chars.next();
                        out.push(close);
                    }
                    _ => {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{StoredFile, StoredSubmission};

    #[test]
    fn reindent_keeps_order_and_values() {
        let raw = r#"{"z":1,"a":[ ],"s":"x, {y}: \"q\"","n":{"b":[1,2.50]},"e":{}}"#;
        let pretty = reindent(raw);
        assert_eq!(
            pretty,
            "{\n  \"z\": 1,\n  \"a\": [],\n  \"s\": \"x, {y}: \\\"q\\\"\",\n  \"n\": {\n    \"b\": [\n      1,\n      2.50\n    ]\n  },\n  \"e\": {}\n}"
        );
        let a: serde_json::Value = serde_json::from_str(raw).expect("raw");
        let b: serde_json::Value = serde_json::from_str(&pretty).expect("pretty");
        assert_eq!(a, b);
    }

    #[test]
    fn page_escapes_everything() {
        let row = StoredSubmission {
            reference: "PR-2026-000001".into(),
            id: "x".into(),
            kind: "complaint".into(),
            landlord_id: "<b>".into(),
            received_at: "2026-01-01T00:00:00.000Z".into(),
            body: r#"{"note":"</pre><script>alert('x')</script>&"}"#.into(),
            idempotency_key: None,
            files: vec![StoredFile {
                id: "a1".into(),
                filename: "<img src=x onerror=alert(1)>.jpg".into(),
                media_type: "image/jpeg".into(),
                bytes: 1234,
                sha256: "ab".repeat(32),
            }],
        };
        let page = Page {
            rows: vec![row],
            next: Some("PR-2026-000001".into()),
            limit: 1,
        };
        let page = index_page(&page, 2, false);
        assert!(!page.contains("<script>"));
        assert!(
            page.contains("<a rel=\"next\" href=\"/?after=PR-2026-000001&amp;limit=1\">Next page")
        );
        assert!(!page.contains("<b>"));
        assert!(page.contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
        assert!(page.contains("PR-2026-000001"));
        assert!(page.contains(
            "<li><a href=\"/submissions/PR-2026-000001/files/a1\" download>\
             &lt;img src=x onerror=alert(1)&gt;.jpg</a> (image/jpeg, 1234 bytes"
        ));
        assert!(!page.contains("<img"));
    }
}
