//! `application/x-www-form-urlencoded` bodies in the widget's flattened form.
//!
//! The widget (`Submission::to_form_fields` in `src/domain/payload.rs`)
//! flattens the JSON payload: nested keys joined with dots, array items by
//! index (`resident.address_lines.0`), nulls left out, and so empty arrays
//! and empty objects vanish. Every value arrives as text.
//!
//! [`decode`] rebuilds the JSON object: keys are split on dots into a tree;
//! the JSON Schema then says, for each place in the tree, whether it is an
//! array (numbered children become items in order), a boolean, a number or
//! a string; required fields that are missing become `null` where the
//! schema allows null, or `[]` where it expects an array. The result is then
//! validated like any JSON body, so nothing here decides what is valid.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use percent_encoding::percent_decode;
use serde_json::{Map, Number, Value};

use crate::validate::{field_path, Step};
use crate::ApiError;

/// Most fields accepted in one form body.
pub const MAX_FIELDS: usize = 2000;
/// Deepest nesting of dotted keys.
pub const MAX_DEPTH: usize = 16;

#[derive(Debug)]
enum Node {
    Leaf(String),
    Branch(BTreeMap<String, Node>),
}

/// Decodes a form body into JSON shaped by `schema`.
pub fn decode(body: &[u8], schema: &Value) -> Result<Value, ApiError> {
    let mut root = BTreeMap::new();
    let mut fields = 0usize;
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        fields += 1;
        if fields > MAX_FIELDS {
            return Err(bad_request(format!(
                "form body has more than {MAX_FIELDS} fields"
            )));
        }
        let (key, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let key = decode_component(key)?;
        let value = decode_component(value)?;
        insert(&mut root, &key, value)?;
    }
    if root.is_empty() {
        return Err(bad_request("form body has no fields".to_owned()));
    }
    let root = Node::Branch(root);
    let ctx = Ctx { root: schema };
    build(&root, Some(schema), &ctx, &[])
}

fn bad_request(message: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, message, "$")
}

fn unprocessable(message: String, field: String) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message, field)
}

/// `+` is a space; `%XX` is a byte; the bytes must be UTF-8.
fn decode_component(raw: &[u8]) -> Result<String, ApiError> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let bytes: Vec<u8> = percent_decode(&plus_as_space).collect();
    String::from_utf8(bytes)
        .map_err(|_| bad_request("form field is not valid UTF-8 once decoded".to_owned()))
}

/// The JSON path of dotted key parts, for error answers: numbered parts
/// are list items; only names the schema defines are repeated (see
/// [`field_path`]), since a mis-sent body can arrive as one huge key.
fn dotted_path(segments: &[&str]) -> String {
    field_path(segments.iter().map(|s| match s.parse::<usize>() {
        Ok(i) if i < MAX_FIELDS && i.to_string() == *s => Step::Index(i),
        _ => Step::Key(s),
    }))
}

fn insert(root: &mut BTreeMap<String, Node>, key: &str, value: String) -> Result<(), ApiError> {
    let segments: Vec<&str> = key.split('.').collect();
    if let Some(empty) = segments.iter().position(|s| s.is_empty()) {
        return Err(unprocessable(
            "a form field name has an empty part (two dots together, or a dot at either end)"
                .to_owned(),
            dotted_path(&segments[..empty]),
        ));
    }
    if segments.len() > MAX_DEPTH {
        return Err(unprocessable(
            format!("a form field name is nested more than {MAX_DEPTH} deep"),
            "$".to_owned(),
        ));
    }
    let clash = || {
        unprocessable(
            "this form field is given twice, or both a value and fields inside it".to_owned(),
            dotted_path(&segments),
        )
    };
    let (last, parents) = segments.split_last().ok_or_else(clash)?;
    let mut map = root;
    for segment in parents {
        let node = map
            .entry((*segment).to_owned())
            .or_insert_with(|| Node::Branch(BTreeMap::new()));
        map = match node {
            Node::Branch(children) => children,
            Node::Leaf(_) => return Err(clash()),
        };
    }
    if map.contains_key(*last) {
        return Err(clash());
    }
    map.insert((*last).to_owned(), Node::Leaf(value));
    Ok(())
}

struct Ctx<'s> {
    root: &'s Value,
}

/// What the schema allows at one place, merged over `$ref`, `oneOf`,
/// `anyOf` and `allOf` branches.
#[derive(Default)]
struct Shape<'s> {
    types: Vec<&'static str>,
    properties: BTreeMap<&'s str, &'s Value>,
    required: Vec<&'s str>,
    items: Option<&'s Value>,
}

impl Shape<'_> {
    fn allows(&self, t: &str) -> bool {
        self.types.contains(&t)
    }
}

impl<'s> Ctx<'s> {
    fn resolve(&self, schema: &'s Value) -> &'s Value {
        let mut current = schema;
        // Local references only; a bounded walk guards against cycles.
        for _ in 0..32 {
            let Some(reference) = current.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(pointer) = reference.strip_prefix('#') else {
                break;
            };
            match self.root.pointer(pointer) {
                Some(target) => current = target,
                None => break,
            }
        }
        current
    }

    fn shape(&self, schema: &'s Value) -> Shape<'s> {
        let mut shape = Shape::default();
        self.collect(schema, &mut shape, 0);
        shape
    }

    fn collect(&self, schema: &'s Value, shape: &mut Shape<'s>, depth: usize) {
        if depth > 32 {
            return;
        }
        let schema = self.resolve(schema);
        let mut add = |t: &str| {
            let t: &'static str = match t {
                "null" => "null",
                "boolean" => "boolean",
                "integer" => "integer",
                "number" => "number",
                "string" => "string",
                "array" => "array",
                "object" => "object",
                _ => return,
            };
            if !shape.types.contains(&t) {
                shape.types.push(t);
            }
        };
        match schema.get("type") {
            Some(Value::String(t)) => add(t),
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).for_each(&mut add),
            _ => {}
        }
        let values = schema.get("const").into_iter().chain(
            schema
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        for v in values {
            add(match v {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                Value::Number(_) => "number",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
            });
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                shape.properties.entry(k.as_str()).or_insert(v);
            }
        }
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for r in required.iter().filter_map(Value::as_str) {
                if !shape.required.contains(&r) {
                    shape.required.push(r);
                }
            }
        }
        if shape.items.is_none() {
            shape.items = schema.get("items");
        }
        for key in ["oneOf", "anyOf"] {
            for branch in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.collect(branch, shape, depth + 1);
            }
        }
        // `allOf` here holds only if/then rules about which section a kind
        // needs; they add no types.
    }
}

/// `path` with one more step.
fn then<'n>(path: &[Step<'n>], step: Step<'n>) -> Vec<Step<'n>> {
    let mut longer = path.to_vec();
    longer.push(step);
    longer
}

fn build<'n>(
    node: &'n Node,
    schema: Option<&Value>,
    ctx: &Ctx<'_>,
    path: &[Step<'n>],
) -> Result<Value, ApiError> {
    let shape = schema.map(|s| ctx.shape(s)).unwrap_or_default();
    match node {
        Node::Leaf(text) => Ok(scalar(text, &shape)),
        Node::Branch(children) => {
            if shape.allows("array") && !shape.allows("object") {
                return build_array(children, &shape, ctx, path);
            }
            let mut out = Map::new();
            for (key, child) in children {
                let child_schema = shape.properties.get(key.as_str()).copied();
                let child_path = then(path, Step::Key(key));
                out.insert(key.clone(), build(child, child_schema, ctx, &child_path)?);
            }
            for key in &shape.required {
                if out.contains_key(*key) {
                    continue;
                }
                let Some(prop) = shape.properties.get(key) else {
                    continue;
                };
                let missing = ctx.shape(prop);
                if missing.allows("null") {
                    out.insert((*key).to_owned(), Value::Null);
                } else if missing.allows("array") {
                    out.insert((*key).to_owned(), Value::Array(Vec::new()));
                }
            }
            Ok(Value::Object(out))
        }
    }
}

fn build_array<'n>(
    children: &'n BTreeMap<String, Node>,
    shape: &Shape<'_>,
    ctx: &Ctx<'_>,
    path: &[Step<'n>],
) -> Result<Value, ApiError> {
    let mut items: Vec<(usize, &Node)> = Vec::with_capacity(children.len());
    for (key, child) in children {
        let index = key
            .parse::<usize>()
            .ok()
            .filter(|i| i.to_string() == *key)
            .ok_or_else(|| {
                unprocessable(
                    "list items must be numbered 0, 1, 2, ...".to_owned(),
                    field_path(path.iter().copied()),
                )
            })?;
        items.push((index, child));
    }
    items.sort_by_key(|(i, _)| *i);
    let mut out = Vec::with_capacity(items.len());
    for (expected, (index, child)) in items.into_iter().enumerate() {
        if index != expected {
            return Err(unprocessable(
                format!("list items must be numbered 0, 1, 2, ... with no gaps; item {expected} is missing"),
                field_path(then(path, Step::Index(expected))),
            ));
        }
        out.push(build(
            child,
            shape.items,
            ctx,
            &then(path, Step::Index(index)),
        )?);
    }
    Ok(Value::Array(out))
}

/// Text to the JSON type the schema expects there. Anything that does not
/// fit stays text, so validation names the field.
fn scalar(text: &str, shape: &Shape<'_>) -> Value {
    if shape.allows("string") || shape.types.is_empty() {
        return Value::String(text.to_owned());
    }
    if shape.allows("boolean") {
        match text {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            _ => {}
        }
    }
    if shape.allows("integer") || shape.allows("number") {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Number(i.into());
        }
        if let Ok(u) = text.parse::<u64>() {
            return Value::Number(u.into());
        }
    }
    if shape.allows("number") {
        if let Some(n) = text
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .and_then(Number::from_f64)
        {
            return Value::Number(n);
        }
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::schema;
    use serde_json::json;

    fn decoded(body: &str) -> Result<Value, (u16, String)> {
        decode(body.as_bytes(), schema()).map_err(|e| {
            (
                e.status.as_u16(),
                e.field.map(|f| f.into_owned()).unwrap_or_default(),
            )
        })
    }

    #[test]
    fn rebuilds_types_arrays_and_missing_nulls() {
        let v = decoded(
            "schema=putright.submission%2Fv1&resident.name=Si%C3%A2n+O%27Brien\
             &resident.address_lines.1=Road&resident.address_lines.0=Flat+2\
             &resident.tenancy_reference=12345\
             &complaint.outcomes.apology=true&complaint.outcomes.compensation_amount_pence=15000\
             &complaint.court_proceedings_filed=false",
        )
        .expect("decodes");
        assert_eq!(v["schema"], json!("putright.submission/v1"));
        assert_eq!(v["resident"]["name"], json!("Siân O'Brien"));
        assert_eq!(v["resident"]["address_lines"], json!(["Flat 2", "Road"]));
        assert_eq!(
            v["resident"]["tenancy_reference"],
            json!("12345"),
            "strings stay strings"
        );
        assert_eq!(
            v["resident"]["postcode"],
            Value::Null,
            "missing nullable -> null"
        );
        assert_eq!(v["complaint"]["outcomes"]["apology"], json!(true));
        assert_eq!(
            v["complaint"]["outcomes"]["compensation_amount_pence"],
            json!(15000)
        );
        assert_eq!(v["complaint"]["court_proceedings_filed"], json!(false));
        assert_eq!(v["warnings"], json!([]), "missing required array -> []");
        assert_eq!(v["hazard"], Value::Null);
        // A value that does not fit stays text for validation to reject.
        let v = decoded("complaint.outcomes.apology=yes").expect("decodes");
        assert_eq!(v["complaint"]["outcomes"]["apology"], json!("yes"));
    }

    #[test]
    fn malformed_forms_are_client_errors() {
        assert_eq!(decoded("").unwrap_err().0, 400);
        assert_eq!(decoded("a=%FF").unwrap_err().0, 400);
        assert_eq!(decoded("resident..name=x").unwrap_err().0, 422);
        assert_eq!(decoded(&"a.".repeat(40)).unwrap_err().0, 422);
        let cases = [
            ("resident.name=a&resident.name=b", "$.resident.name"),
            ("resident=a&resident.name=b", "$.resident.name"),
            (
                "resident.address_lines.0=a&resident.address_lines.2=b",
                "$.resident.address_lines[1]",
            ),
            ("resident.address_lines.x=a", "$.resident.address_lines"),
            // Names the schema does not define are not repeated in the path.
            ("resident.MARKER=a&resident.MARKER=b", "$.resident"),
            ("resident.MARKER..x=a", "$.resident"),
            (
                "complaint.outcomes.apology..x=a",
                "$.complaint.outcomes.apology",
            ),
        ];
        for (body, path) in cases {
            assert_eq!(decoded(body).unwrap_err(), (422, path.into()), "{body}");
        }
    }
}
