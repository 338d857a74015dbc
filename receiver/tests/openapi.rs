//! The published OpenAPI description (public/openapi/submissions.v1.json):
//! every `$ref` resolves, the examples validate against the schema it
//! references, and the reference receiver answers as it says.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use common::*;
use put_right::domain::payload::Submission;
use serde_json::{json, Value};
use ureq::http::Method;

fn public() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../public")
        .canonicalize()
        .expect("public/")
}

fn doc_path() -> PathBuf {
    public().join("openapi/submissions.v1.json")
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Resolves `$ref`s relative to the file they appear in.
#[derive(Default)]
struct Resolver {
    files: HashMap<PathBuf, Value>,
}

impl Resolver {
    fn file(&mut self, path: &Path) -> &Value {
        let path = path
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self.files
            .entry(path.clone())
            .or_insert_with(|| load(&path))
    }

    /// The file a reference points into and the value it names.
    fn resolve(&mut self, from: &Path, reference: &str) -> (PathBuf, Value) {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if file.is_empty() {
            from.to_owned()
        } else {
            from.parent().expect("dir").join(file)
        };
        let target = target
            .canonicalize()
            .unwrap_or_else(|e| panic!("{reference} from {}: {e}", from.display()));
        let doc = self.file(&target);
        let value = doc
            .pointer(fragment)
            .unwrap_or_else(|| panic!("{reference}: no {fragment} in {}", target.display()))
            .clone();
        (target, value)
    }

    /// Follows `$ref` chains until a value without one.
    fn deref(&mut self, from: &Path, value: &Value) -> Value {
        let mut from = from.to_owned();
        let mut value = value.clone();
        for _ in 0..16 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str).map(str::to_owned)
            else {
                return value;
            };
            (from, value) = self.resolve(&from, &reference);
        }
        panic!("$ref chain too long");
    }
}

fn collect_refs(value: &Value, key: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k == key, v) {
                    (true, Value::String(s)) => out.push(s.clone()),
                    _ => collect_refs(v, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, key, out)),
        _ => {}
    }
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("schema compiles")
}

fn example_files() -> BTreeSet<String> {
    std::fs::read_dir(public().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect()
}

#[test]
fn every_ref_resolves_and_every_example_validates() {
    let doc_path = doc_path();
    let doc = load(&doc_path);
    assert!(doc["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1.")));
    let mut resolver = Resolver::default();

    // Every $ref, in the description and in every file it reaches.
    let mut pending = vec![doc_path.clone()];
    let mut seen = BTreeSet::new();
    let mut resolved = 0;
    while let Some(file) = pending.pop() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let content = resolver.file(&file).clone();
        let mut refs = Vec::new();
        collect_refs(&content, "$ref", &mut refs);
        for reference in refs {
            let (target, _) = resolver.resolve(&file, &reference);
            resolved += 1;
            pending.push(target);
        }
    }
    assert!(resolved > 20, "{resolved}");
    assert!(
        seen.contains(&public().join("schema/submission.v1.json")),
        "the payload schema is referenced: {seen:?}"
    );

    // The JSON request body's schema is the published submission schema.
    let post = &doc["paths"]["/submissions"]["post"];
    let json_body = &post["requestBody"]["content"]["application/json"];
    let schema = resolver.deref(&doc_path, &json_body["schema"]);
    assert_eq!(
        schema["$id"],
        json!("https://putright.example/schema/submission.v1.json")
    );
    let check = validator(&schema);

    // Its examples are exactly the files in public/examples, and each validates.
    let mut listed = BTreeSet::new();
    for (name, example) in json_body["examples"].as_object().expect("examples") {
        let external = example["externalValue"].as_str().expect("externalValue");
        let path = doc_path.parent().expect("dir").join(external);
        let value = load(&path);
        assert_eq!(value["kind"], json!(name), "{external}");
        let errors: Vec<String> = check.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{external}: {errors:?}");
        listed.insert(
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned(),
        );
    }
    // The multipart body's example is its `submission` part, with files.
    let multipart = &post["requestBody"]["content"]["multipart/form-data"];
    let part = resolver.deref(&doc_path, &multipart["schema"]["properties"]["submission"]);
    assert_eq!(part["$id"], schema["$id"]);
    for (name, example) in multipart["examples"].as_object().expect("examples") {
        let external = example["externalValue"].as_str().expect("externalValue");
        let value = load(&doc_path.parent().expect("dir").join(external));
        assert!(check.is_valid(&value), "{external}");
        let files = value["attachments"].as_array().expect("attachments");
        assert!(!files.is_empty(), "{external} shows files");
        assert!(listed.insert(format!("{name}.json")), "{name}");
    }
    assert_eq!(listed, example_files());
    for file in example_files() {
        let value = load(&public().join("examples").join(&file));
        assert!(check.is_valid(&value), "{file}");
        let mut broken = value.clone();
        broken["resident"]["preferred_contact"] = json!("carrier pigeon");
        assert!(!check.is_valid(&broken), "the schema really checks {file}");
    }

    // The form example is the complaint example as the widget flattens it.
    let form = &post["requestBody"]["content"]["application/x-www-form-urlencoded"];
    let complaint = load(&public().join("examples/complaint.json"));
    let widget = Submission::from_json(&complaint.to_string()).expect("widget type");
    assert_eq!(
        form["examples"]["complaint"]["value"].as_str(),
        Some(widget.to_form_urlencoded().as_str())
    );

    // Examples inside the description match their schemas.
    let receipt =
        validator(&resolver.deref(&doc_path, &json!({"$ref": "#/components/schemas/Receipt"})));
    let error =
        validator(&resolver.deref(&doc_path, &json!({"$ref": "#/components/schemas/Error"})));
    assert!(receipt.is_valid(&doc["components"]["examples"]["Receipt"]["value"]));
    for name in ["ValidationError", "KeyMismatch"] {
        assert!(
            error.is_valid(&doc["components"]["examples"][name]["value"]),
            "{name}"
        );
    }
    for (name, response) in doc["components"]["responses"]
        .as_object()
        .expect("responses")
    {
        if let Some(example) = response.pointer("/content/application~1json/example") {
            assert!(error.is_valid(example), "{name}");
        }
    }
}

/// The documented response for `status` on `POST /submissions`, resolved.
fn documented(resolver: &mut Resolver, doc: &Value, method: &str, status: u16) -> Value {
    let responses = &doc["paths"]["/submissions"][method]["responses"];
    let exact = status.to_string();
    let range = format!("{}XX", status / 100);
    let response = responses
        .get(&exact)
        .or_else(|| responses.get(&range))
        .unwrap_or_else(|| panic!("{method} {status} is not documented"));
    resolver.deref(&doc_path(), response)
}

#[test]
fn the_reference_receiver_answers_as_documented() {
    let doc = load(&doc_path());
    let mut resolver = Resolver::default();
    let receipt = validator(&doc["components"]["schemas"]["Receipt"]);
    let error = validator(&doc["components"]["schemas"]["Error"]);

    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start_with(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS, |s| {
        s.with_faults(&fault_admin())
    });
    let agent = agent();
    let base = server.base.as_str();
    let origin = "http://localhost:8080";
    let post = |body: &[u8], content_type: &str, key: Option<&str>| {
        let mut headers = vec![("content-type", hv(content_type)), ("origin", hv(origin))];
        if let Some(key) = key {
            headers.push(("idempotency-key", hv(key)));
        }
        send(
            &agent,
            Method::POST,
            &format!("{base}/submissions"),
            &headers,
            Some(body),
        )
        .expect("post")
    };

    let id = uuid(60, 1);
    let body = submission(&id, "complaint");
    let mut answers = vec![
        post(body.as_bytes(), "application/json", Some(&id)),
        post(body.as_bytes(), "application/json", Some(&id)),
        post(b"[]", "application/json", None),
        post(body.as_bytes(), "text/plain", None),
        post(body.as_bytes(), "application/json", Some(&uuid(60, 2))),
        post(&vec![b' '; 300 * 1024], "application/json", None),
        post(
            body.replace("Damp", "Leak").as_bytes(),
            "application/json",
            Some(&id),
        ),
    ];
    // With files: multipart/form-data, and a file that does not match.
    let with_files = uuid(60, 3);
    let files = [jpeg("a1", "photo.jpg", 1, 5_000)];
    let text = submission_with(&with_files, "complaint", &files);
    let (multipart, content_type) = widget_body(&text, &files);
    answers.push(post(&multipart, &content_type, Some(&with_files)));
    let changed = [jpeg("a1", "photo.jpg", 2, 5_000)];
    let (mismatch, _) = widget_body(&text, &changed);
    answers.push(post(&mismatch, &content_type, Some(&with_files)));
    send(
        &agent,
        Method::POST,
        &format!("{base}/_faults"),
        &[("content-type", hv("application/json"))],
        Some(br#"[{"status":429,"retry_after":3},{"status":503}]"#),
    )
    .expect("queue faults");
    answers.push(post(body.as_bytes(), "application/json", Some(&id)));
    answers.push(post(body.as_bytes(), "application/json", Some(&id)));

    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert_eq!(
        statuses,
        [201, 200, 400, 415, 422, 413, 409, 201, 400, 429, 503]
    );
    for answer in &answers {
        let spec = documented(&mut resolver, &doc, "post", answer.status);
        let body = answer.json();
        let schema = spec["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .expect("schema ref");
        let ok = if schema.ends_with("/Receipt") {
            receipt.is_valid(&body)
        } else {
            error.is_valid(&body)
        };
        assert!(
            ok,
            "{}: {} does not match {schema}",
            answer.status, answer.body
        );
        // Headers the description requires are present.
        let headers = spec["headers"].as_object().cloned().unwrap_or_default();
        for (name, header) in headers {
            let header = resolver.deref(&doc_path(), &header);
            if header["required"] != json!(true) {
                continue;
            }
            assert!(
                answer.header(&name).is_some(),
                "{}: documented header {name} missing",
                answer.status
            );
        }
    }
    assert_eq!(answers[9].header("retry-after"), Some("3"));

    let pre = post_preflight(&agent, base, origin, Some("content-type,idempotency-key"));
    let spec = documented(&mut resolver, &doc, "options", pre.status);
    let mut required = 0;
    for (name, header) in spec["headers"].as_object().expect("headers") {
        if resolver.deref(&doc_path(), header)["required"] == json!(true) {
            required += 1;
            assert!(
                pre.header(name).is_some(),
                "preflight header {name} missing"
            );
        }
    }
    assert_eq!(required, 3);
    server.stop();
}

/// Every string and list a submission can hold, with its bound: from the
/// widget's limits (`src/domain/validate.rs` `limits`: LONG_TEXT 2000,
/// SHORT_TEXT 200, NAME 100, REFERENCE 50; phone 40, email 254) where the
/// widget checks the field, and a generous bound where it does not.
const BOUNDS: [(&str, &str, u64); 64] = [
    ("id", "maxLength", 36),
    ("submitted_at", "maxLength", 64),
    ("landlord_id", "maxLength", 100),
    ("widget.version", "maxLength", 64),
    ("widget.locale", "maxLength", 35),
    ("resident.name", "maxLength", 100),
    ("resident.address_lines", "maxItems", 10),
    ("resident.address_lines[]", "maxLength", 100),
    ("resident.postcode", "maxLength", 8),
    ("resident.tenancy_reference", "maxLength", 50),
    ("resident.phone", "maxLength", 40),
    ("resident.email", "maxLength", 254),
    ("resident.contact_times", "maxLength", 200),
    ("representative.name", "maxLength", 100),
    ("representative.organisation", "maxLength", 100),
    ("representative.phone", "maxLength", 40),
    ("representative.email", "maxLength", 254),
    ("representative.address_lines", "maxItems", 10),
    ("representative.address_lines[]", "maxLength", 100),
    ("representative.postcode", "maxLength", 8),
    ("adjustments.formats", "maxItems", 5),
    ("adjustments.language", "maxLength", 100),
    ("adjustments.contact_times", "maxLength", 200),
    ("adjustments.other", "maxLength", 2000),
    ("adjustments.disability.details", "maxLength", 2000),
    ("complaint.what_went_wrong", "maxLength", 2000),
    ("complaint.started_on", "maxLength", 10),
    ("complaint.became_aware_on", "maxLength", 10),
    ("complaint.tried_already", "maxLength", 2000),
    ("complaint.tried_reference", "maxLength", 50),
    ("complaint.impact", "maxLength", 2000),
    ("complaint.outcomes.something_else", "maxLength", 2000),
    ("complaint.delay_reason", "maxLength", 2000),
    ("service_request.what_needs_doing", "maxLength", 2000),
    ("service_request.location", "maxLength", 200),
    ("service_request.access", "maxLength", 2000),
    ("service_request.availability", "maxLength", 200),
    ("escalation.stage1_reference", "maxLength", 50),
    ("escalation.stage1_response_on", "maxLength", 10),
    ("escalation.reasons", "maxLength", 2000),
    ("escalation.outcome_wanted", "maxLength", 2000),
    ("escalation.window.closes_on", "maxLength", 10),
    ("ombudsman.why_still_unhappy", "maxLength", 2000),
    ("ombudsman.outcome_wanted", "maxLength", 2000),
    ("ombudsman.landlord_reference", "maxLength", 50),
    ("previous_references", "maxItems", 20),
    ("previous_references[].reference", "maxLength", 50),
    ("previous_references[].description", "maxLength", 200),
    ("hazard.hazards", "maxItems", 9),
    ("hazard.details", "maxLength", 2000),
    ("warnings", "maxItems", 20),
    ("warnings[].message", "maxLength", 2000),
    ("warnings[].code_section", "maxLength", 10),
    ("warnings[].ombudsman_right", "maxLength", 2000),
    ("warnings[].rule", "maxLength", 200),
    ("expected_dates", "maxItems", 20),
    ("expected_dates[].due", "maxLength", 10),
    ("expected_dates[].rule", "maxLength", 200),
    ("expected_dates[].code_section", "maxLength", 10),
    ("expected_dates[].basis", "maxLength", 2000),
    ("attachments", "maxItems", 10),
    ("attachments[].id", "maxLength", 64),
    ("attachments[].filename", "maxLength", 255),
    ("attachments[].sha256", "maxLength", 64),
];

/// Walks a schema (local `$ref`s, `oneOf`/`anyOf` branches, properties and
/// items), listing each string and list place with its bound, if any.
fn bounds(root: &Value, schema: &Value, path: &str, out: &mut Vec<(String, String, Option<u64>)>) {
    let mut schema = schema;
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let pointer = reference.strip_prefix('#').expect("local $ref");
        schema = root.pointer(pointer).expect("$ref resolves");
    }
    for key in ["oneOf", "anyOf"] {
        for branch in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            bounds(root, branch, path, out);
        }
    }
    let types = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    for (kind, keyword) in [("string", "maxLength"), ("array", "maxItems")] {
        if types.contains(&kind) {
            out.push((
                path.to_owned(),
                keyword.to_owned(),
                schema[keyword].as_u64(),
            ));
        }
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        bounds(root, property, &child, out);
    }
    if let Some(items) = schema.get("items") {
        bounds(root, items, &format!("{path}[]"), out);
    }
}

#[test]
fn every_string_and_list_in_a_request_is_bounded() {
    let doc_path = doc_path();
    let doc = load(&doc_path);
    let mut resolver = Resolver::default();
    let content = &doc["paths"]["/submissions"]["post"]["requestBody"]["content"];
    let schema = resolver.deref(&doc_path, &content["application/json"]["schema"]);
    let mut found = Vec::new();
    bounds(&schema, &schema, "", &mut found);
    found.sort();
    let mut expected: Vec<(String, String, Option<u64>)> = BOUNDS
        .iter()
        .map(|(p, k, n)| (p.to_string(), k.to_string(), Some(*n)))
        .collect();
    expected.sort();
    assert_eq!(found, expected);

    // The form body's values, and the Idempotency-Key header.
    let form = &content["application/x-www-form-urlencoded"]["schema"];
    assert_eq!(form["additionalProperties"]["maxLength"], json!(2000));
    let key = &doc["components"]["parameters"]["IdempotencyKey"]["schema"];
    assert_eq!(key["maxLength"], json!(36));

    // And the receiver enforces them: one character over is refused.
    let check = validator(&schema);
    let mut long = load(&public().join("examples/complaint.json"));
    long["widget"]["version"] = json!("1".repeat(65));
    assert!(!check.is_valid(&long));
    long["widget"]["version"] = json!("1".repeat(64));
    assert!(check.is_valid(&long));
}
