//! OpenShift templates: `oc process`, the template half of `oc new-app`, and the generator that fills parameters from expressions such as `[a-zA-Z0-9]{16}`.
//!
//! Processing follows the template API server: user values replace parameter values, empty parameters with a
//! generator get a generated value, required parameters left empty fail, then every `${NAME}` in the objects, the
//! message and the object labels is substituted and the template's labels are added to each object.

use crate::sort::SortShared;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::CliEnv;
use super::objects::{self, Req, Res, error};
use crate::api::{Object, k};
use crate::exec::{Ctx, Output};

/// `oc process (TEMPLATE | -f FILENAME) [-p KEY=VALUE]`: prints the template's objects, processed, as a `v1 List`.
pub(crate) fn process(req: &Req, ctx: &Ctx, env: &mut CliEnv) -> Res {
    let usage = |text: String| error(format!("{text}\nSee 'oc process -h' for help and examples"));
    let mut name: Option<String> = None;
    let mut words = req.args.all("param");
    for w in &req.args.positional {
        if w.contains('=') {
            words.push(w.clone());
        } else if name.is_none() {
            name = Some(w.clone());
        } else {
            return Err(usage(format!(
                "template name must be specified only once: {w}"
            )));
        }
    }
    if req.args.on("parameters") {
        for flag in ["param", "labels", "output", "raw"] {
            if req.args.has(flag) {
                return Err(usage(format!(
                    "The --parameters flag does not process the template, can't be used with --{flag}"
                )));
            }
        }
    }
    let local = req.args.on("local");
    if name.is_some() && local {
        return Err(usage(
            "You may only specify a local template file via -f when running this command with --local"
                .into(),
        ));
    }
    let (values, warnings) = parameter_values(req, ctx, &words).map_err(usage)?;
    if name.is_none() && !req.args.has("filename") {
        return Err(usage(
            "Must pass a filename or name of stored template".into(),
        ));
    }
    let mut out = String::new();
    let mut template = match &name {
        Some(word) if !local => {
            let parts: Vec<&str> = word.trim().split('/').collect();
            let (ns, resource, stored) = match parts.as_slice() {
                [ns, r, n] => ((*ns).to_owned(), *r, *n),
                [r, n] => (req.ns.clone(), *r, *n),
                [n] => (req.ns.clone(), "", *n),
                _ => return Err(error(format!("invalid argument \"{word}\""))),
            };
            if !resource.is_empty() && resource != "template" && resource != "templates" {
                return Err(error(format!(
                    "unable to process invalid resource \"{resource}\""
                )));
            }
            if stored.is_empty() {
                return Err(error(format!("invalid value syntax \"{word}\"")));
            }
            match env.cluster.read(&req.user, k::template(), &ns, stored) {
                Ok(t) => t.to_json(),
                Err(e) if e.reason == "NotFound" => {
                    return Err(error(format!("template \"{stored}\" could not be found")));
                }
                Err(e) => return Err(objects::api_error(&e)),
            }
        }
        _ => {
            let docs = objects::manifests(req, ctx)?;
            let Some((source, first)) = docs.first().cloned() else {
                return Err(error(
                    "failed to read input object (not a Template?): no objects passed to create",
                ));
            };
            if docs.len() > 1 {
                out.push_str(&format!(
                    "{} input templates found, but only the first will be processed\n",
                    docs.len()
                ));
            }
            if first["kind"] != "Template" {
                let kind = first["kind"].as_str().unwrap_or("Unstructured");
                return Err(error(format!(
                    "unable to parse \"{source}\", not a valid Template but *v1.{kind}\n"
                )));
            }
            first
        }
    };
    if template["metadata"]["namespace"]
        .as_str()
        .is_some_and(|n| n != req.ns)
    {
        template["metadata"]["namespace"] = json!(req.ns);
    }
    if req.args.on("parameters") {
        return Ok(Output::ok(parameters_table(&template)));
    }
    if let Some(labels) = req.args.get("labels") {
        for pair in labels.split(',').filter(|p| !p.is_empty()) {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(error(format!(
                    "error parsing labels: unexpected label spec: {pair}\n"
                )));
            };
            template["labels"][key] = json!(value);
        }
    }
    let unknown = inject(
        &mut template,
        &values,
        req.args.on("ignore-unknown-parameters"),
    );
    match unknown.as_slice() {
        [] => {}
        [one] => return Err(error(format!("unknown parameter name \"{one}\""))),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|p| format!("unknown parameter name \"{p}\"\n"))
                .collect();
            return Err(error(format!("[{}]", list.join(", "))));
        }
    }
    if let Err(causes) = process_template(env, &mut template) {
        let mut text = String::from("unable to process template\n");
        for cause in causes {
            text.push_str(&format!("  {}\n", cause.body));
        }
        return Err(error(text.trim_end()));
    }
    let items: Vec<Value> = template["objects"].as_array().cloned().unwrap_or_default();
    let mut result = match req.output().as_str() {
        "" | "json" => processed_json(&items),
        "name" => crate::printers::table::print_names(&items),
        "yaml" => crate::printers::yaml::to_yaml(
            &json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {}}),
        ),
        _ => objects::render(req, items, false, env.cluster.now)?.stdout,
    };
    out.push_str(&std::mem::take(&mut result));
    Ok(Output {
        stdout: out,
        stderr: warnings,
        code: 0,
    })
}

/// The stored template `name` that `oc new-app` finds: in the project, else in the `openshift` project.
pub(crate) fn find(env: &CliEnv, req: &Req, name: &str) -> Option<Arc<Object>> {
    let (ns, name) = match name.split_once('/') {
        Some((ns, n)) => (ns.to_owned(), n),
        None => (req.ns.clone(), name),
    };
    [ns.as_str(), "openshift"]
        .into_iter()
        .find_map(|ns| env.cluster.read(&req.user, k::template(), ns, name).ok())
}

/// What `oc new-app` does with a template: processes it with `-p` values, prints its description and parameters, and
/// returns the objects to create with the name the app's labels use.
pub(crate) fn new_app_objects(
    req: &Req,
    ctx: &Ctx,
    env: &mut CliEnv,
    mut template: Value,
    input: &str,
) -> Result<(String, String, Vec<Value>), Output> {
    let (values, _) = parameter_values(req, ctx, &req.args.all("param")).map_err(error)?;
    let ns = req.ns.clone();
    let name = template["metadata"]["name"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    if template["metadata"]["namespace"]
        .as_str()
        .is_some_and(|n| !n.is_empty())
    {
        template["metadata"]["namespace"] = json!(ns);
    }
    let qualified = match template["metadata"]["namespace"].as_str() {
        Some(n) if !n.is_empty() => format!("{n}/{name}"),
        _ => name.clone(),
    };
    if let Some(p) = inject(
        &mut template,
        &values,
        req.args.on("ignore-unknown-parameters"),
    )
    .first()
    {
        return Err(error(format!("unexpected parameter name \"{p}\"")));
    }
    if let Err(causes) = process_template(env, &mut template) {
        let joined: Vec<String> = causes.iter().map(|c| c.full()).collect();
        let all = if joined.len() == 1 {
            joined[0].clone()
        } else {
            format!("[{}]", joined.join(", "))
        };
        return Err(error(format!(
            "error processing template \"{qualified}\": Template.template.openshift.io \"{name}\" is invalid: {all}"
        )));
    }
    let mut out = if !input.is_empty() && input != name {
        format!("--> Deploying template \"{qualified}\" for \"{input}\" to project {ns}\n\n")
    } else {
        format!("--> Deploying template \"{qualified}\" to project {ns}\n\n")
    };
    let meta = &template["metadata"];
    let display = meta["annotations"]["openshift.io/display-name"]
        .as_str()
        .filter(|d| !d.is_empty())
        .unwrap_or(&name);
    let message = template["message"].as_str().unwrap_or("");
    let description = meta["annotations"]["description"].as_str().unwrap_or("");
    if !message.is_empty() || !description.is_empty() {
        out.push_str(&format!("     {display}\n     ---------\n"));
        for text in [description, message] {
            if !text.is_empty() {
                for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
                    out.push_str(&format!("     {line}\n"));
                }
                out.push('\n');
            }
        }
    }
    let params = template["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if !params.is_empty() {
        out.push_str("     * With parameters:\n");
        for p in &params {
            let label = p["displayName"]
                .as_str()
                .filter(|d| !d.is_empty())
                .or_else(|| p["name"].as_str())
                .unwrap_or("");
            let generated = if p["generate"].as_str().is_some_and(|g| !g.is_empty()) {
                " # generated"
            } else {
                ""
            };
            out.push_str(&format!(
                "        * {label}={}{generated}\n",
                p["value"].as_str().unwrap_or("")
            ));
        }
        out.push('\n');
    }
    let items = template["objects"].as_array().cloned().unwrap_or_default();
    Ok((out, name, items))
}

/// The `--parameters` table of `oc process`: NAME, DESCRIPTION, GENERATOR, VALUE (the expression for generated ones).
fn parameters_table(template: &Value) -> String {
    let mut text = String::from("NAME\tDESCRIPTION\tGENERATOR\tVALUE\n");
    for p in template["parameters"].as_array().into_iter().flatten() {
        let generate = p["generate"].as_str().unwrap_or("");
        let value = if generate.is_empty() {
            p["value"].as_str().unwrap_or("")
        } else {
            p["from"].as_str().unwrap_or("")
        };
        text.push_str(&format!(
            "{}\t{}\t{generate}\t{value}\n",
            p["name"].as_str().unwrap_or(""),
            p["description"].as_str().unwrap_or("")
        ));
    }
    crate::printers::tabwriter::align(&text, 20, 3)
}

/// A `v1 List` as oc's JSON printer writes it: the List's own fields in struct order, the items with sorted keys.
fn processed_json(items: &[Value]) -> String {
    let body = crate::printers::json::to_json_sorted(&json!({ "items": items }));
    let rest = body.strip_prefix("{\n").unwrap_or(&body);
    format!(
        "{{\n    \"kind\": \"List\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {{}},\n{rest}"
    )
}

/// The `-p` words and `--param-file` lines as ordered `KEY=VALUE` pairs, with oc's warnings for keys a file repeats;
/// an error names keys given more than once on the command line.
fn parameter_values(
    req: &Req,
    ctx: &Ctx,
    words: &[String],
) -> Result<(Vec<(String, String)>, String), String> {
    let mut values: Vec<(String, String)> = Vec::new();
    let mut repeated: Vec<String> = Vec::new();
    for w in words {
        let Some((key, value)) = w.split_once('=') else {
            return Err(format!(
                "environment variables must be of the form key=value: {w}"
            ));
        };
        if values.iter().any(|(k, _)| k == key) {
            if !repeated.iter().any(|r| r == key) {
                repeated.push(key.to_owned());
            }
            values.retain(|(k, _)| k != key);
        }
        values.push((key.to_owned(), value.to_owned()));
    }
    if !repeated.is_empty() {
        repeated.sort_shared();
        return Err(format!(
            "The following parameters were provided more than once: {}",
            repeated.join(", ")
        ));
    }
    let mut warnings = String::new();
    for file in req.args.all("param-file") {
        let text = if file == "-" {
            ctx.stdin.to_owned()
        } else {
            match ctx.fs.read(&ctx.resolve(&file)) {
                Ok(t) => t.to_owned(),
                Err(_) => return Err(format!("open {file}: no such file or directory")),
            }
        };
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!(
                    "environment variables must be of the form key=value: {line}"
                ));
            };
            if values.iter().any(|(k, _)| k == key) {
                warnings.push_str(&format!(
                    "warning: Template parameter \"{key}\" already defined, ignoring value from file \"{file}\"\n"
                ));
                continue;
            }
            values.push((key.to_owned(), value.to_owned()));
        }
    }
    Ok((values, warnings))
}

/// Sets the given values on the template's parameters (a value given turns the generator off); returns the names
/// the template does not have, unless they are to be ignored.
fn inject(template: &mut Value, values: &[(String, String)], ignore_unknown: bool) -> Vec<String> {
    let mut unknown = Vec::new();
    for (key, value) in values {
        let found = template["parameters"]
            .as_array_mut()
            .and_then(|params| params.iter_mut().find(|p| p["name"] == key.as_str()));
        match found {
            Some(p) => {
                p["value"] = json!(value);
                if let Some(m) = p.as_object_mut() {
                    m.remove("generate");
                }
            }
            None if !ignore_unknown => unknown.push(key.clone()),
            None => {}
        }
    }
    unknown
}

/// One field error of template processing, as the API server's `Invalid` status carries it.
struct Cause {
    /// The field path (`template.parameters[0]`).
    field: String,
    /// The message without the field (`Required value: …`).
    body: String,
}

impl Cause {
    fn full(&self) -> String {
        format!("{}: {}", self.field, self.body)
    }
}

/// Processes a template in place as the template API does: generates and checks parameter values, substitutes them
/// into the message, labels and objects, strips fixed namespaces and adds the template's labels to every object.
fn process_template(env: &mut CliEnv, template: &mut Value) -> Result<(), Vec<Cause>> {
    let mut causes = Vec::new();
    if let Some(params) = template["parameters"].as_array_mut() {
        for (i, p) in params.iter_mut().enumerate() {
            if p["value"].as_str().is_some_and(|v| !v.is_empty()) {
                continue;
            }
            let field = format!("template.parameters[{i}]");
            let name = p["name"].as_str().unwrap_or("").to_owned();
            match p["generate"].as_str().unwrap_or("") {
                "" => {}
                "expression" => {
                    let from = p["from"].as_str().unwrap_or("").to_owned();
                    match generate(&from, &mut |n| env.cluster.random(n as u64) as usize) {
                        Ok(v) => p["value"] = json!(v),
                        Err(e) => {
                            causes.push(Cause {
                                field,
                                body: format!("Invalid value: \"{from}\": {e}"),
                            });
                            continue;
                        }
                    }
                }
                other => {
                    causes.push(Cause {
                        body: format!(
                            "Invalid value: \"{other}\": Unknown generator name '{other}' for parameter {name}"
                        ),
                        field,
                    });
                    continue;
                }
            }
            if p["value"].as_str().is_none_or(str::is_empty) && p["required"] == true {
                causes.push(Cause {
                    body: format!(
                        "Required value: {field}: parameter {name} is required and must be specified"
                    ),
                    field,
                });
            }
        }
    }
    if !causes.is_empty() {
        return Err(causes);
    }
    let values: Map<String, Value> = template["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["name"].as_str()?.to_owned(), p["value"].clone())))
        .collect();
    let values = Value::Object(values);
    if let Some(message) = template["message"].as_str() {
        template["message"] = json!(substitute(message, &values));
    }
    let labels: Map<String, Value> = template["labels"]
        .as_object()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            (
                substitute(&k, &values),
                json!(substitute(v.as_str().unwrap_or(""), &values)),
            )
        })
        .collect();
    if !labels.is_empty() {
        template["labels"] = Value::Object(labels.clone());
    }
    if let Some(items) = template["objects"].as_array_mut() {
        for item in items {
            let fixed_ns = item["metadata"]["namespace"]
                .as_str()
                .is_some_and(|ns| !ns.contains("${"));
            if fixed_ns && let Some(m) = item["metadata"].as_object_mut() {
                m.insert("namespace".into(), json!(""));
            }
            substitute_all(item, &values);
            if item["metadata"]["namespace"] == ""
                && let Some(m) = item["metadata"].as_object_mut()
            {
                m.remove("namespace");
            }
            for (k, v) in &labels {
                item["metadata"]["labels"][k] = v.clone();
            }
        }
    }
    Ok(())
}

/// Substitutes `${NAME}` references in every string (keys included) under `value`; a string that is exactly
/// `${{NAME}}` becomes the parameter's value parsed as JSON when it parses.
fn substitute_all(value: &mut Value, params: &Value) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("${{").and_then(|r| r.strip_suffix("}}"))
                && let Some(v) = params[name].as_str()
            {
                *value = serde_json::from_str(v).unwrap_or_else(|_| json!(v));
                return;
            }
            *s = substitute(s, params);
        }
        Value::Array(list) => list.iter_mut().for_each(|v| substitute_all(v, params)),
        Value::Object(map) => {
            let old = std::mem::take(map);
            for (k, mut v) in old {
                substitute_all(&mut v, params);
                map.insert(substitute(&k, params), v);
            }
        }
        _ => {}
    }
}

/// Replaces each `${NAME}` of a known parameter in `text` with its value.
fn substitute(text: &str, params: &Value) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let end = after.find('}');
        let name = end
            .map(|e| &after[..e])
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        match (name, params.get(name.unwrap_or(""))) {
            (Some(n), Some(v)) => {
                out.push_str(&rest[..start]);
                out.push_str(v.as_str().unwrap_or(""));
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The characters the expression generator draws from, in its order.
const ASCII: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~!@#$%^&*()-_+={}[]\\|<,>.?/\"';:`";

/// Fills every `[ranges]{n}` of an expression with `n` characters drawn by `pick` (a number below its argument).
///
/// Ranges are `a-z`-style spans of [`ASCII`] or the classes `\w`, `\d`, `\a` (alphanumerics) and `\A` (symbols).
/// Like the template API's generator, a span stops before its last character: `[a-z]` draws from `a`…`y`.
pub(crate) fn generate(
    expression: &str,
    pick: &mut dyn FnMut(usize) -> usize,
) -> Result<String, String> {
    let mut text = expression.to_owned();
    while let Some((start, end, inner, length)) = next_group(&text) {
        let expr = format!("[{inner}]");
        let valid = ["\\w", "\\d", "\\a", "\\A"]
            .iter()
            .any(|c| expr.starts_with(&format!("[{c}")))
            || expr.as_bytes().windows(3).any(|w| {
                w[0].is_ascii_alphanumeric() && w[1] == b'-' && w[2].is_ascii_alphanumeric()
            });
        if !valid {
            return Err(format!("malformed expresion syntax: {expr}"));
        }
        if !(1..=255).contains(&length) {
            return Err(format!(
                "range must be within [1-255] characters ({length})"
            ));
        }
        let mut alphabet = String::new();
        for (from, to) in spans(&inner) {
            match (from, to) {
                ('\\', 'w') => alphabet.push_str(&format!("{}_", &ASCII[..62])),
                ('\\', 'd') => alphabet.push_str(&ASCII[52..62]),
                ('\\', 'a') => alphabet.push_str(&ASCII[..62]),
                ('\\', 'A') => alphabet.push_str(&ASCII[62..]),
                _ => {
                    let left = ASCII.find(from).unwrap_or(0);
                    let right = ASCII.rfind(to).unwrap_or(0);
                    if left > right {
                        return Err(format!("invalid range specified: {from}-{to}"));
                    }
                    alphabet.push_str(&ASCII[left..right]);
                }
            }
        }
        let mut chars: Vec<char> = Vec::new();
        for c in alphabet.chars() {
            if !chars.contains(&c) {
                chars.push(c);
            }
        }
        if chars.is_empty() {
            return Err(format!("invalid range specified: {inner}"));
        }
        let generated: String = (0..length).map(|_| chars[pick(chars.len())]).collect();
        text.replace_range(start..end, &generated);
    }
    Ok(text)
}

/// The first `[ranges]{n}` group: its byte span, the text between the brackets and `n`.
fn next_group(text: &str) -> Option<(usize, usize, String, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'[' {
            let mut j = i + 1;
            while j < bytes.len()
                && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b'\\')
            {
                j += 1;
            }
            if j > i + 1 && bytes.get(j) == Some(&b']') && bytes.get(j + 1) == Some(&b'{') {
                let mut e = j + 2;
                while e < bytes.len() && bytes[e].is_ascii_digit() {
                    e += 1;
                }
                if e > j + 2 && bytes.get(e) == Some(&b'}') {
                    let length = text[j + 2..e].parse().unwrap_or(0);
                    return Some((i, e + 1, text[i + 1..j].to_owned(), length));
                }
            }
        }
        i += 1;
    }
    None
}

/// The spans of a range list as the generator reads them: an optional backslash, a character, an optional dash and
/// an optional second character; each span is its first and last character.
fn spans(inner: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = inner.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i] == '\\' {
            i += 1;
        }
        if i >= chars.len() || !chars[i].is_ascii_alphanumeric() {
            i = start + 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'-') {
            i += 1;
        }
        if chars.get(i).is_some_and(char::is_ascii_alphanumeric) {
            i += 1;
        }
        out.push((chars[start], chars[i - 1]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle() -> impl FnMut(usize) -> usize {
        let mut n = 0;
        move |len| {
            n += 7;
            n % len
        }
    }

    #[test]
    fn generates_from_expressions() {
        let mut pick = cycle();
        let v = generate("[a-zA-Z0-9]{16}", &mut pick).unwrap();
        assert_eq!(v.len(), 16);
        // The span stops before its last character, as the template API's generator does.
        assert!(
            v.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"zZ9".contains(c)),
            "{v}"
        );
        let user = generate("user[A-Z0-9]{3}", &mut pick).unwrap();
        assert!(user.starts_with("user") && user.len() == 7, "{user}");
        assert_eq!(generate("[\\d]{4}", &mut |_| 0).unwrap(), "0000");
        assert_eq!(generate("plain", &mut pick).unwrap(), "plain");
        assert_eq!(
            generate("[a-z]{0}", &mut pick).unwrap_err(),
            "range must be within [1-255] characters (0)"
        );
        assert_eq!(
            generate("[z-a]{3}", &mut pick).unwrap_err(),
            "invalid range specified: z-a"
        );
        assert_eq!(
            generate("[abc]{3}", &mut pick).unwrap_err(),
            "malformed expresion syntax: [abc]"
        );
    }

    #[test]
    fn substitutes_known_parameters_only() {
        let params = json!({"NAME": "web", "PORT": "8080"});
        assert_eq!(
            substitute("${NAME}-${NAME}:${OTHER}", &params),
            "web-web:${OTHER}"
        );
        let mut v = json!({"replicas": "${{PORT}}", "${NAME}": ["x-${NAME}"]});
        substitute_all(&mut v, &params);
        assert_eq!(v, json!({"replicas": 8080, "web": ["x-web"]}));
    }
}
