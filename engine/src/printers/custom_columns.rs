//! `-o custom-columns=HEADER:.path,...` and `-o custom-columns-file=FILE` as kubectl prints them.

use serde_json::Value;

use super::jsonpath::{JsonPath, go_sprint, relaxed_expression};
use super::table::tabwrite;

/// Parsed custom columns: headers and their JSONPath templates.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomColumns {
    columns: Vec<(String, String, JsonPath)>,
}

/// Parses `-o custom-columns=SPEC`; errors carry kubectl's text (printed after `error: `).
pub fn parse_spec(spec: &str) -> Result<CustomColumns, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".to_owned());
    }
    let mut pairs = Vec::new();
    for part in spec.split(',') {
        let Some((header, path)) = part.split_once(':') else {
            return Err(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            ));
        };
        pairs.push((header.to_owned(), path.to_owned()));
    }
    build(pairs)
}

/// Parses a `-o custom-columns-file` template: a line of headers and a line of field specs, both whitespace separated.
pub fn parse_template(text: &str) -> Result<CustomColumns, String> {
    let mut lines = text.lines();
    let headers: Vec<&str> = lines
        .next()
        .ok_or("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.")?
        .split_whitespace()
        .collect();
    let specs: Vec<&str> = lines
        .next()
        .ok_or("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.")?
        .split_whitespace()
        .collect();
    if headers.len() != specs.len() {
        return Err(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        ));
    }
    build(
        headers
            .into_iter()
            .zip(specs)
            .map(|(h, s)| (h.to_owned(), s.to_owned()))
            .collect(),
    )
}

fn build(pairs: Vec<(String, String)>) -> Result<CustomColumns, String> {
    let mut columns = Vec::new();
    for (header, path) in pairs {
        let template = relaxed_expression(&path)?;
        let parsed = JsonPath::parse(&template)?;
        columns.push((header, template, parsed));
    }
    Ok(CustomColumns { columns })
}

impl CustomColumns {
    /// The headers, as given (kubectl does not upper-case them).
    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|(h, _, _)| h.as_str()).collect()
    }

    /// Prints one row per object (`<none>` for missing fields, several results joined by commas), aligned like kubectl's tables.
    pub fn print(&self, objects: &[Value], no_headers: bool) -> Result<String, String> {
        let mut rows = Vec::new();
        if !no_headers {
            rows.push(
                self.columns
                    .iter()
                    .map(|(h, _, _)| h.clone())
                    .collect::<Vec<_>>(),
            );
        }
        for obj in objects {
            let mut row = Vec::new();
            for (_, _, path) in &self.columns {
                let results = path.find_results(obj, true)?;
                let values: Vec<String> = results.iter().flatten().map(go_sprint).collect();
                if results.first().is_none_or(Vec::is_empty) {
                    let mut cell = vec!["<none>".to_owned()];
                    cell.extend(values);
                    row.push(cell.join(","));
                } else {
                    row.push(values.join(","));
                }
            }
            rows.push(row);
        }
        Ok(tabwrite(&rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::fixtures::{nodes, pods};
    use expect_test::expect;

    #[test]
    fn prints_columns_with_none_and_lists() {
        let cc = parse_spec("NAME:.metadata.name,IMAGE:.spec.containers[*].image,NODE:spec.nodeName,IP:{.status.podIP},LABELS:.metadata.labels").unwrap();
        expect![[r#"
            NAME                   IMAGE                  NODE                       IP            LABELS
            web-7c5ddbdf54-x8k2p   nginx:1.25             worker-0.ocp.example.com   10.128.2.15   map[app:web pod-template-hash:7c5ddbdf54]
            crashy                 busybox                worker-1.ocp.example.com   10.131.0.7    map[run:crashy]
            init-wait              nginx                  worker-0.ocp.example.com   <none>        <none>
            pi-x7v2q               perl:5.34              worker-1.ocp.example.com   <none>        <none>
            bad-image              nginx:does-not-exist   worker-0.ocp.example.com   <none>        <none>
            going-away             nginx                  worker-0.ocp.example.com   <none>        <none>
            sidecar-pod            nginx,envoy            worker-1.ocp.example.com   <none>        <none>
            unscheduled            nginx                  <none>                     <none>        <none>
        "#]].assert_eq(&cc.print(&pods(), false).unwrap());
        expect![[r#"
            web-7c5ddbdf54-x8k2p   nginx:1.25   worker-0.ocp.example.com   10.128.2.15   map[app:web pod-template-hash:7c5ddbdf54]
            crashy                 busybox      worker-1.ocp.example.com   10.131.0.7    map[run:crashy]
        "#]].assert_eq(&cc.print(&pods()[..2], true).unwrap());
    }

    #[test]
    fn reads_template_files() {
        let cc = parse_template(
            "NAME          KUBELET\n.metadata.name   .status.nodeInfo.kubeletVersion\n",
        )
        .unwrap();
        assert_eq!(cc.headers(), vec!["NAME", "KUBELET"]);
        expect![[r#"
            NAME                       KUBELET
            master-0.ocp.example.com   v1.27.6+f67aeb3
            worker-0.ocp.example.com   v1.27.6+f67aeb3
            worker-1.ocp.example.com   v1.27.6+f67aeb3
        "#]]
        .assert_eq(&cc.print(&nodes(), false).unwrap());
    }

    #[test]
    fn errors_match_kubectl() {
        let errors: Vec<String> = [
            "",
            "NAME",
            "NAME:.metadata.name,IMAGES:.spec.containers[0,1].image",
            "X:{.a}{.b}",
            "X:.a[x]",
        ]
        .iter()
        .map(|s| format!("{s:?}: {}", parse_spec(s).unwrap_err()))
        .chain(
            ["", "A B\n.a", "A\n"]
                .iter()
                .map(|t| format!("file {t:?}: {}", parse_template(t).unwrap_err())),
        )
        .collect();
        expect![[r#"
            "": custom-columns format specified but no custom columns given
            "NAME": unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>
            "NAME:.metadata.name,IMAGES:.spec.containers[0,1].image": unexpected custom-columns spec: 1].image, expected <header>:<json-path-expr>
            "X:{.a}{.b}": unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'
            "X:.a[x]": invalid array index x
            file "": invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.
            file "A B\n.a": number of headers (2) and field specifications (1) don't match
            file "A\n": invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs."#]].assert_eq(&errors.join("\n"));
    }
}
