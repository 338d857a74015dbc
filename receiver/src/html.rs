//! The `GET /` page: what a landlord's endpoint would have received.

use std::fmt::Write;

use crate::store::StoredSubmission;

pub fn index_page(rows: &[StoredSubmission]) -> String {
    let mut page = String::from(
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
        page,
        "<p>{} submission(s) received, newest first. \
         Each block shows the JSON body exactly as a landlord's endpoint would receive it \
         (indented for reading; no keys or values changed). \
         Machine-readable: <a href=\"/submissions\">/submissions</a>.</p>",
        rows.len()
    );
    if rows.is_empty() {
        page.push_str("<p>No submissions received yet.</p>\n");
    }
    for row in rows {
        let _ = write!(
            page,
            "<section>\n<h2><a href=\"/submissions/{r}\">{r}</a></h2>\n\
             <p>Kind: <strong>{kind}</strong> &middot; Landlord: {landlord} &middot; \
             Received: <time datetime=\"{at}\">{at}</time></p>\n<pre>{json}</pre>\n</section>\n",
            r = escape(&row.reference),
            kind = escape(&row.kind),
            landlord = escape(&row.landlord_id),
            at = escape(&row.received_at),
            json = escape(&reindent(&row.body)),
        );
    }
    page.push_str("</body>\n</html>\n");
    page
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
        };
        let page = index_page(&[row]);
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<b>"));
        assert!(page.contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
        assert!(page.contains("PR-2026-000001"));
    }
}
