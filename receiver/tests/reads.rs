//! Reading stored submissions is for landlord staff, not web pages: no
//! CORS on the read routes, the loopback-and-Host rule (or a bearer read
//! token), protective headers, and pages.

mod common;

use common::*;
use serde_json::Value;
use ureq::http::Method;

const TOKEN: &str = "staff-read-token-0123456789";
const READS: [&str; 4] = [
    "/",
    "/submissions",
    "/submissions/PR-2026-000001",
    "/_faults",
];

/// A server with fault admin on (so `/_faults` exists) and `stored`
/// submissions; their references, oldest first.
fn start(
    origins: &str,
    token: Option<&str>,
    stored: u64,
) -> (tempfile::TempDir, InProcess, Vec<String>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start_with(&dir.path().join("s.sqlite3"), origins, |s| {
        s.with_faults(&fault_admin())
            .with_read_token(token.map(str::to_owned))
    });
    let references = store(&server, stored);
    (dir, server, references)
}

fn store(server: &InProcess, n: u64) -> Vec<String> {
    let agent = agent();
    (0..n)
        .map(|i| {
            let reply = post_json(
                &agent,
                &server.base,
                &submission(&uuid(70, i), "complaint"),
                None,
            );
            assert_eq!(reply.status, 201, "{}", reply.body);
            reply.json()["reference"]
                .as_str()
                .expect("reference")
                .to_owned()
        })
        .collect()
}

#[test]
fn cors_only_on_post_and_its_preflight_even_with_any_origin() {
    let (_dir, server, stored) = start("*", None, 1);
    let reference = &stored[0];
    let agent = agent();
    let site = "https://any-site.example";
    let origin = ("origin", hv(site));

    for path in [
        "/",
        "/submissions",
        &format!("/submissions/{reference}"),
        "/health",
        "/_faults",
    ] {
        let reply = send(
            &agent,
            Method::GET,
            &format!("{}{path}", server.base),
            std::slice::from_ref(&origin),
            None,
        )
        .expect("get");
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert!(!reply.has_cors_headers(), "{path}: {:?}", reply.headers);
        // A preflight for a read is not answered with CORS either.
        let asks = [("access-control-request-method", hv("GET"))];
        let pre = preflight(&agent, &server.base, path, site, &asks);
        assert!(
            !pre.has_cors_headers(),
            "{path} preflight: {:?}",
            pre.headers
        );
        assert!(pre.status >= 400, "{path} preflight: {}", pre.status);
    }

    // POST /submissions and its preflight do get CORS (with Chrome's
    // private-network answer when it asks).
    let asks = [
        ("access-control-request-method", hv("POST")),
        ("access-control-request-private-network", hv("true")),
    ];
    let pre = preflight(&agent, &server.base, "/submissions", site, &asks);
    assert_eq!(pre.status, 204);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("https://any-site.example")
    );
    assert_eq!(
        pre.header("access-control-allow-private-network"),
        Some("true")
    );
    let post = send(
        &agent,
        Method::POST,
        &format!("{}/submissions", server.base),
        &[origin, ("content-type", hv("application/json"))],
        Some(submission(&uuid(70, 9), "complaint").as_bytes()),
    )
    .expect("post");
    assert_eq!(post.status, 201);
    assert_eq!(
        post.header("access-control-allow-origin"),
        Some("https://any-site.example")
    );
    server.stop();
}

#[test]
fn without_a_token_reads_need_a_host_naming_this_server() {
    let (_dir, server, _) = start(DEFAULT_ORIGINS, None, 1);
    let port = server.addr().rsplit_once(':').expect("port").1.to_owned();

    for host in ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"] {
        let host = format!("{host}:{port}");
        for path in READS {
            let raw = get_with_host(server.addr(), &host, path, &[]);
            assert_eq!(raw.status(), Some(200), "{host}{path}: {}", raw.text);
        }
    }
    // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends
    // its own name. Also refused: another port, no port, a proxy-style
    // absolute URL naming another host.
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "localhost".to_owned(),
    ] {
        for path in READS {
            let raw = get_with_host(server.addr(), &host, path, &[]);
            assert_eq!(raw.status(), Some(403), "{host}{path}: {}", raw.text);
            let body: Value = serde_json::from_str(raw.body()).expect("json");
            assert_eq!(body["field"], "Host");
            assert!(!raw.text.contains("evil"), "the Host is not echoed");
            assert!(!raw.text.contains("\"reference\""), "{}", raw.text);
        }
    }
    let absolute = get_with_host(
        server.addr(),
        &format!("127.0.0.1:{port}"),
        &format!("http://evil.example:{port}/submissions"),
        &[],
    );
    assert_eq!(absolute.status(), Some(403), "{}", absolute.text);

    // Posting and health need no such thing.
    let health = get_with_host(
        server.addr(),
        &format!("evil.example:{port}"),
        "/health",
        &[],
    );
    assert_eq!(health.status(), Some(200));
    server.stop();
}

#[test]
fn with_a_token_every_read_needs_it() {
    let (_dir, server, _) = start(DEFAULT_ORIGINS, Some(TOKEN), 1);
    let port = server.addr().rsplit_once(':').expect("port").1.to_owned();
    let local = format!("127.0.0.1:{port}");
    let right = format!("Authorization: Bearer {TOKEN}");
    let lower = format!("authorization: bearer {TOKEN}");
    let wrong = format!("Authorization: Bearer {TOKEN}x");
    let basic = "Authorization: Basic c3RhZmY6cGFzcw==";

    for path in READS {
        for extra in [vec![], vec![wrong.as_str()], vec![basic]] {
            let raw = get_with_host(server.addr(), &local, path, &extra);
            assert_eq!(raw.status(), Some(401), "{path} {extra:?}: {}", raw.text);
            assert_eq!(
                raw.header("www-authenticate"),
                Some("Bearer realm=\"putright-receiver\"")
            );
            assert!(!raw.text.contains(TOKEN));
        }
        for extra in [right.as_str(), lower.as_str()] {
            let raw = get_with_host(server.addr(), &local, path, &[extra]);
            assert_eq!(raw.status(), Some(200), "{path}: {}", raw.text);
        }
        // The token is what counts then, whatever name the server is reached by.
        let raw = get_with_host(
            server.addr(),
            &format!("receiver.landlord.example:{port}"),
            path,
            &[&right],
        );
        assert_eq!(raw.status(), Some(200), "{path}: {}", raw.text);
    }
    let health = get_with_host(server.addr(), &local, "/health", &[]);
    assert_eq!(health.status(), Some(200), "health stays open");
    server.stop();
}

#[test]
fn protective_headers_on_the_listing_and_everywhere() {
    let (_dir, server, _) = start(DEFAULT_ORIGINS, None, 1);
    let agent = agent();

    let page = get(&agent, &format!("{}/", server.base));
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").expect("csp");
    for directive in [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("script-src"), "no script may run: {csp}");
    assert!(page.body.contains("<style>") && !page.body.contains("<script"));

    for path in ["/", "/submissions", "/health", "/nowhere"] {
        let reply = get(&agent, &format!("{}{path}", server.base));
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
        let csp = reply.header("content-security-policy").expect("csp");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
    let json = get(&agent, &format!("{}/submissions", server.base));
    assert_eq!(
        json.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    server.stop();
}

/// Follows `Link: <…>; rel="next"` from `first`; returns each page's references.
fn pages(agent: &ureq::Agent, base: &str, first: &str) -> Vec<Vec<String>> {
    let mut url = Some(format!("{base}{first}"));
    let mut out = Vec::new();
    while let Some(u) = url.take() {
        let reply = get(agent, &u);
        assert_eq!(reply.status, 200, "{u}: {}", reply.body);
        let refs = reply
            .json()
            .as_array()
            .expect("array")
            .iter()
            .map(|e| e["reference"].as_str().expect("reference").to_owned())
            .collect();
        out.push(refs);
        url = reply.header("link").map(|link| {
            let target = link
                .strip_prefix('<')
                .and_then(|l| l.split_once(">; rel=\"next\""))
                .expect("link");
            format!("{base}{}", target.0)
        });
        assert!(out.len() < 20, "paging does not end");
    }
    out
}

#[test]
fn listings_come_a_page_at_a_time() {
    let (_dir, server, mut refs) = start(DEFAULT_ORIGINS, None, 102);
    refs.reverse(); // newest first
    let agent = agent();

    // Default page: 100, then the rest.
    let default = pages(&agent, &server.base, "/submissions");
    assert_eq!(default.iter().map(Vec::len).collect::<Vec<_>>(), [100, 2]);
    assert_eq!(default.concat(), refs);
    // Small pages, no gaps or repeats; a page that ends exactly at the end has no next link.
    let small = pages(&agent, &server.base, "/submissions?limit=17");
    assert_eq!(small.len(), 6);
    assert_eq!(small.concat(), refs);
    assert_eq!(
        pages(&agent, &server.base, "/submissions?limit=51").len(),
        2
    );
    // One page holds up to 1000.
    assert_eq!(
        pages(&agent, &server.base, "/submissions?limit=1000"),
        [refs.clone()]
    );
    // After a given reference.
    let after = pages(
        &agent,
        &server.base,
        &format!("/submissions?after={}&limit=3", refs[98]),
    );
    assert_eq!(after.concat(), refs[99..]);

    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=x", "limit"),
        ("after=PR-1999-000001", "after"),
    ] {
        for path in ["/submissions", "/"] {
            let reply = get(&agent, &format!("{}{path}?{query}", server.base));
            assert_eq!(
                (reply.status, reply.field()),
                (400, field.to_owned()),
                "{path}?{query}"
            );
        }
    }

    // The HTML page: 100 by default, and a link to the next page.
    let page = get(&agent, &format!("{}/", server.base));
    assert_eq!(page.body.matches("<section>").count(), 100);
    assert!(page.body.contains("102 submission(s) received"));
    let next = format!(
        "<a rel=\"next\" href=\"/?after={}&amp;limit=100\">",
        refs[99]
    );
    assert!(page.body.contains(&next), "next link missing");
    let second = get(
        &agent,
        &format!("{}/?after={}&limit=100", server.base, refs[99]),
    );
    assert_eq!(second.body.matches("<section>").count(), 2);
    assert!(second.body.contains(&refs[101]) && !second.body.contains("rel=\"next\""));
    server.stop();
}
