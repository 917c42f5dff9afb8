//! The `-o/--output` values kubectl accepts and one entry point that renders objects in any of them.

use serde_json::Value;

use super::custom_columns::{self, CustomColumns};
use super::json::to_json_sorted;
use super::jsonpath::{print_jsonpath, print_jsonpath_as_json};
use super::table::{TableOptions, print_names, print_tables};
use super::yaml::{list_object, to_yaml};

/// A parsed `-o` value.
#[derive(Debug, Clone, PartialEq)]
pub enum OutputFormat {
    /// No `-o`: the human-readable table.
    Table,
    /// `-o wide`.
    Wide,
    /// `-o json`.
    Json,
    /// `-o yaml`.
    Yaml,
    /// `-o name`.
    Name,
    /// `-o jsonpath=…` or `-o jsonpath-file=…` (the file already read).
    JsonPath(String),
    /// `-o jsonpath-as-json=…`.
    JsonPathAsJson(String),
    /// `-o custom-columns=…` or `-o custom-columns-file=…`.
    CustomColumns(CustomColumns),
    /// `-o go-template=…` and friends, which the simulation does not evaluate.
    GoTemplate(String),
}

/// The formats `kubectl get` lists when it does not know one.
const GET_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
/// The formats commands such as `create`, `apply` and `label` list.
const OBJECT_FORMATS: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/// Parses an `-o` value as `kubectl get` (`for_get`, which also knows tables and custom columns) or another command does; `read_file` returns a file's text or an error such as `open /x: no such file or directory`. Errors are kubectl's text after `error: `.
pub fn parse_output(
    value: &str,
    for_get: bool,
    read_file: &dyn Fn(&str) -> Result<String, String>,
) -> Result<OutputFormat, String> {
    let (name, arg) = match value.split_once('=') {
        Some((n, a)) => (n, Some(a)),
        None => (value, None),
    };
    let template = |arg: Option<&str>| match arg {
        Some(a) if !a.is_empty() => Ok(a.to_owned()),
        _ => Err("template format specified but no template given".to_owned()),
    };
    let from_file = |arg: Option<&str>| -> Result<String, String> {
        let path = template(arg)?;
        read_file(&path).map_err(|e| format!("error reading --template {path}, {e}"))
    };
    // kubectl builds its printer, and so parses a JSONPath template, before it asks the server for anything.
    let parsed = |template: String| -> Result<String, String> {
        match super::jsonpath::JsonPath::parse(&template) {
            Ok(_) => Ok(template),
            Err(message) => {
                Err(super::jsonpath::JsonPathError::Parse { template, message }.to_string())
            }
        }
    };
    match name {
        "" if for_get => Ok(OutputFormat::Table),
        "wide" if for_get => Ok(OutputFormat::Wide),
        "json" => Ok(OutputFormat::Json),
        "yaml" => Ok(OutputFormat::Yaml),
        "name" => Ok(OutputFormat::Name),
        "jsonpath" => Ok(OutputFormat::JsonPath(parsed(template(arg)?)?)),
        "jsonpath-file" => Ok(OutputFormat::JsonPath(parsed(from_file(arg)?)?)),
        "jsonpath-as-json" => Ok(OutputFormat::JsonPathAsJson(parsed(template(arg)?)?)),
        "go-template" | "template" => Ok(OutputFormat::GoTemplate(template(arg)?)),
        "go-template-file" | "templatefile" => Ok(OutputFormat::GoTemplate(from_file(arg)?)),
        "custom-columns" if for_get => Ok(OutputFormat::CustomColumns(custom_columns::parse_spec(
            arg.unwrap_or_default(),
        )?)),
        "custom-columns-file" if for_get => {
            let path = arg.unwrap_or_default();
            let text =
                read_file(path).map_err(|e| format!("error reading template {path}, {e}\n"))?;
            Ok(OutputFormat::CustomColumns(custom_columns::parse_template(
                &text,
            )?))
        }
        _ => Err(format!(
            "unable to match a printer suitable for the output format {}, allowed formats are: {}",
            super::jsonpath::go_quote(value),
            if for_get { GET_FORMATS } else { OBJECT_FORMATS }
        )),
    }
}

/// Removes `metadata.managedFields` from an object or from every item of a list, as `kubectl get -o yaml|json` does unless `--show-managed-fields` is given.
pub fn strip_managed_fields(value: &mut Value) {
    if let Some(meta) = value.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.remove("managedFields");
    }
    if let Some(items) = value.get_mut("items").and_then(Value::as_array_mut) {
        items.iter_mut().for_each(strip_managed_fields);
    }
}

/// Renders `objects` in `format` (JSON and YAML without `managedFields`). `as_list` is true when kubectl asked for a list (`get pods`, several names or files), which wraps JSON and YAML in a `List` and gives JSONPath the list; `table` holds the table flags (its `wide` is set from the format).
pub fn render(
    format: &OutputFormat,
    objects: &[Value],
    as_list: bool,
    table: &TableOptions,
    now: i64,
) -> Result<String, String> {
    // `--sort-by` orders the items for every output format, not only tables.
    let sorted;
    let objects = match &table.sort_by {
        Some(spec) => {
            let mut items = objects.to_vec();
            super::table::sort_objects(&mut items, spec)?;
            sorted = items;
            &sorted[..]
        }
        None => objects,
    };
    let data = || {
        let mut d = if as_list || objects.len() != 1 {
            list_object(objects.to_vec())
        } else {
            objects[0].clone()
        };
        strip_managed_fields(&mut d);
        d
    };
    match format {
        OutputFormat::Table | OutputFormat::Wide => {
            let mut opts = table.clone();
            opts.wide = *format == OutputFormat::Wide;
            print_tables(objects, &opts, now)
        }
        OutputFormat::Json => Ok(to_json_sorted(&data())),
        OutputFormat::Yaml => Ok(to_yaml(&data())),
        OutputFormat::Name => Ok(print_names(objects)),
        OutputFormat::JsonPath(t) => print_jsonpath(t, &data(), true).map_err(|e| e.to_string()),
        OutputFormat::JsonPathAsJson(t) => {
            print_jsonpath_as_json(t, &data(), true).map_err(|e| e.to_string())
        }
        OutputFormat::CustomColumns(cc) => cc.print(objects, table.no_headers),
        OutputFormat::GoTemplate(_) => {
            Err("go templates are not supported in this simulation".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::fixtures::{NOW, pods};
    use expect_test::expect;

    fn no_files(path: &str) -> Result<String, String> {
        if path == "cols.txt" {
            return Ok("NAME PHASE\n.metadata.name .status.phase\n".to_owned());
        }
        Err(format!("open {path}: no such file or directory"))
    }

    #[test]
    fn parses_every_output_value() {
        let values = [
            "",
            "wide",
            "json",
            "yaml",
            "name",
            "jsonpath={.a}",
            "jsonpath",
            "jsonpath=",
            "jsonpath-file=/nonexistent",
            "jsonpath-as-json={.a}",
            "custom-columns",
            "custom-columns=A:.a",
            "custom-columns-file=cols.txt",
            "custom-columns-file=missing",
            "go-template={{.a}}",
            "xyz",
        ];
        let out: Vec<String> = values
            .iter()
            .map(|v| match parse_output(v, true, &no_files) {
                Ok(f) => format!(
                    "{v:?} => ok {}",
                    format!("{f:?}")
                        .split(['(', ' '])
                        .next()
                        .unwrap_or_default()
                ),
                Err(e) => format!("{v:?} => error: {e}"),
            })
            .collect();
        expect![[r#"
            "" => ok Table
            "wide" => ok Wide
            "json" => ok Json
            "yaml" => ok Yaml
            "name" => ok Name
            "jsonpath={.a}" => ok JsonPath
            "jsonpath" => error: template format specified but no template given
            "jsonpath=" => error: template format specified but no template given
            "jsonpath-file=/nonexistent" => error: error reading --template /nonexistent, open /nonexistent: no such file or directory
            "jsonpath-as-json={.a}" => ok JsonPathAsJson
            "custom-columns" => error: custom-columns format specified but no custom columns given
            "custom-columns=A:.a" => ok CustomColumns
            "custom-columns-file=cols.txt" => ok CustomColumns
            "custom-columns-file=missing" => error: error reading template missing, open missing: no such file or directory

            "go-template={{.a}}" => ok GoTemplate
            "xyz" => error: unable to match a printer suitable for the output format "xyz", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"#]].assert_eq(&out.join("\n"));
        expect![[r#"unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"#]].assert_eq(&parse_output("wide", false, &no_files).unwrap_err());
    }

    /// The error texts kubectl itself prints for the same values, when it is installed.
    #[test]
    fn errors_match_the_real_client() {
        for value in [
            "xyz",
            "jsonpath",
            "jsonpath-file=/nonexistent",
            "jsonpath-file",
            "wide",
        ] {
            let Some((code, _, stderr)) = super::super::test_support::kubectl_any(&[
                "create",
                "deployment",
                "x",
                "--image=nginx",
                "--dry-run=client",
                "-o",
                value,
            ]) else {
                return;
            };
            assert_eq!(code, 1);
            let ours = parse_output(value, false, &no_files).unwrap_err();
            assert_eq!(format!("error: {ours}\n"), stderr, "{value}");
        }
    }

    #[test]
    fn hides_managed_fields() {
        let mut pod = pods()[0].clone();
        pod["metadata"]["managedFields"] =
            serde_json::json!([{"manager": "kubectl-create", "operation": "Update"}]);
        let yaml = render(
            &OutputFormat::Yaml,
            &[pod.clone()],
            false,
            &TableOptions::default(),
            NOW,
        )
        .unwrap();
        assert!(!yaml.contains("managedFields"), "{yaml}");
        let json = render(
            &OutputFormat::Json,
            &[pod],
            true,
            &TableOptions::default(),
            NOW,
        )
        .unwrap();
        assert!(!json.contains("managedFields"), "{json}");
    }

    #[test]
    fn renders_lists_and_single_objects() {
        let p = pods();
        let two = &p[..2];
        expect!["List web-7c5ddbdf54-x8k2p crashy"].assert_eq(
            &render(
                &OutputFormat::JsonPath("{.kind} {.items[*].metadata.name}".into()),
                two,
                true,
                &TableOptions::default(),
                NOW,
            )
            .unwrap(),
        );
        expect!["Pod web-7c5ddbdf54-x8k2p"].assert_eq(
            &render(
                &OutputFormat::JsonPath("{.kind} {.metadata.name}".into()),
                &p[..1],
                false,
                &TableOptions::default(),
                NOW,
            )
            .unwrap(),
        );
        let yaml = render(
            &OutputFormat::Yaml,
            &p[..1],
            true,
            &TableOptions::default(),
            NOW,
        )
        .unwrap();
        assert!(
            yaml.starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n"),
            "{yaml}"
        );
        assert!(
            yaml.ends_with("kind: List\nmetadata:\n  resourceVersion: \"\"\n"),
            "{yaml}"
        );
        let cc = parse_output("custom-columns-file=cols.txt", true, &no_files).unwrap();
        expect![[r#"
            NAME                   PHASE
            web-7c5ddbdf54-x8k2p   Running
            crashy                 Running
        "#]]
        .assert_eq(&render(&cc, two, true, &TableOptions::default(), NOW).unwrap());
        expect![[r#"
            NAME                   READY   STATUS             RESTARTS     AGE    IP            NODE                       NOMINATED NODE   READINESS GATES
            web-7c5ddbdf54-x8k2p   1/1     Running            0            150m   10.128.2.15   worker-0.ocp.example.com   <none>           <none>
            crashy                 0/1     CrashLoopBackOff   5 (2m ago)   60m    10.131.0.7    worker-1.ocp.example.com   <none>           <none>
        "#]].assert_eq(&render(&OutputFormat::Wide, two, true, &TableOptions::default(), NOW).unwrap());
    }
}
