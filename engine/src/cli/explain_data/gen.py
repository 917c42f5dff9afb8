#!/usr/bin/env python3
"""Generates schemas.json, the compact field tree `kubectl explain` and `oc explain` print.

Inputs (paths given on the command line):
  1. OpenShift 4.14's OpenAPI document: `git show release-4.14:openapi/openapi.json` in
     openshift/api (it builds on k8s.io/api v0.27.1); it gives every OpenShift kind.
  2. Kubernetes 1.27's definitions: the crate k8s-openapi 0.19 (feature v1_27, generated from
     Kubernetes 1.27's swagger.json) dumps them through schemars; dump_k8s.rs.txt beside this file
     is that program's main.rs. k8s-openapi drops the "Possible enum values" lists from descriptions,
     so they are missing outside the core and RBAC groups (which come from the first input).
     It needs k8s-openapi 0.19 (features v1_27 and schemars), schemars 0.8 and serde_json 1, and runs
     as `cargo run --release > k8s127.json`.

Run: python3 gen.py openapi.json k8s127.json > schemas.json (from this directory; it reads
../../api/kinds.rs for the kinds the engine serves).

Output: {"d": [descriptions], "t": [types], "k": {"group/version/Kind": type index}}. A type is
[name, v3 type ("" when OpenAPI v3 gives none), description index, inline, fields]; a field is
[name, required, type expression, description index]; a type expression is "s", "i", "n", "b" or
"o" (string, integer, number, boolean, Object), "@N" (type N), "[]E" (array) or "{}E" (map).
Types of kinds served through CustomResourceDefinitions are `inline`: their CRD schema nests
objects instead of naming them.
"""
import json
import re
import sys

OPENSHIFT, K8S = sys.argv[1], sys.argv[2]
defs = {}
openshift_defs = json.load(open(OPENSHIFT))["definitions"]
for name, schema in json.load(open(K8S)).items():
    # k8s-openapi makes a resource's metadata non-optional, which schemars reports as required; the
    # API document does not.
    props = schema.get("properties", {})
    if {"apiVersion", "kind", "metadata"} <= set(props) and "metadata" in schema.get("required", []):
        schema["required"] = [r for r in schema["required"] if r != "metadata"]
        if not schema["required"]:
            del schema["required"]
    defs[name] = schema
# OpenShift's document carries the core, RBAC and meta types of k8s.io/api v0.27.1 with their
# "Possible enum values" lists, which k8s-openapi drops; its definitions win where both have one.
defs.update(openshift_defs)

K8S_GROUPS = {
    "": "core", "apps": "apps", "batch": "batch", "autoscaling": "autoscaling", "policy": "policy",
    "apiextensions.k8s.io": None, "networking.k8s.io": "networking", "rbac.authorization.k8s.io": "rbac",
    "scheduling.k8s.io": "scheduling", "storage.k8s.io": "storage", "certificates.k8s.io": "certificates",
    "discovery.k8s.io": "discovery", "events.k8s.io": "events", "coordination.k8s.io": "coordination",
}
# OpenShift groups whose kinds are CustomResourceDefinitions (their schemas are inline).
CRD_GROUPS = {"config.openshift.io", "operator.openshift.io", "machine.openshift.io",
              "security.openshift.io", "machineconfiguration.openshift.io", "metallb.io"}


def definition_name(group, version, kind):
    if group in K8S_GROUPS:
        if group == "apiextensions.k8s.io":
            return f"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}.{kind}"
        return f"io.k8s.api.{K8S_GROUPS[group]}.{version}.{kind}"
    if group.endswith(".openshift.io"):
        return f"com.github.openshift.api.{group.split('.')[0]}.{version}.{kind}"
    return None


kinds_rs = open("../../api/kinds.rs").read()
resources = re.findall(r'res!\("[^"]*", "[^"]*", \[[^\]]*\], "([^"]*)", "([^"]*)", (?:true|false), "([^"]*)"', kinds_rs)

descs, desc_index = [], {}
types, type_index = [], {}


def desc(text):
    text = text or ""
    if text not in desc_index:
        desc_index[text] = len(descs)
        descs.append(text)
    return desc_index[text]


def ref_name(ref):
    return ref.split("/")[-1]


def v3_type(name, schema):
    # OpenAPI v3 gives IntOrString and Quantity a oneOf and no type.
    if name.endswith("intstr.IntOrString") or name.endswith("resource.Quantity"):
        return ""
    return schema.get("type", "")


def expr(schema, inline):
    if "$ref" in schema:
        return "@%d" % type_id(ref_name(schema["$ref"]), inline)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return expr(schema["allOf"][0], inline)
    t = schema.get("type", "")
    if t == "array":
        return "[]" + expr(schema.get("items", {}), inline)
    if t == "object" and isinstance(schema.get("additionalProperties"), dict):
        return "{}" + expr(schema["additionalProperties"], inline)
    return {"string": "s", "integer": "i", "number": "n", "boolean": "b"}.get(t, "o")


def type_id(name, inline):
    # A CRD nests every type inline, except the ObjectMeta the API server puts under metadata.
    inline = inline and not name.endswith("meta.v1.ObjectMeta")
    key = (name, inline)
    if key in type_index:
        return type_index[key]
    schema = defs.get(name, {})
    idx = len(types)
    type_index[key] = idx
    entry = [name.split(".")[-1], v3_type(name, schema), desc(schema.get("description")), inline, []]
    types.append(entry)
    required = set(schema.get("required", []))
    fields = []
    for field in sorted(schema.get("properties", {})):
        prop = schema["properties"][field]
        fields.append([field, field in required, expr(prop, inline), desc(prop.get("description"))])
    entry[4] = fields
    return idx


kind_map = {}
for group, version, kind in resources:
    name = definition_name(group, version, kind)
    gvk = f"{group}/{version}/{kind}"
    if name and name in defs:
        kind_map[gvk] = type_id(name, group in CRD_GROUPS)
    else:
        # No schema in the sources: the fields every object has, undocumented spec and status.
        generic = {"type": "object", "properties": {
            "apiVersion": defs["io.k8s.api.core.v1.Pod"]["properties"]["apiVersion"],
            "kind": defs["io.k8s.api.core.v1.Pod"]["properties"]["kind"],
            "metadata": defs["io.k8s.api.core.v1.Pod"]["properties"]["metadata"],
            "spec": {"type": "object"}, "status": {"type": "object"}}}
        defs[gvk] = generic
        kind_map[gvk] = type_id(gvk, False)
        print(f"no schema for {gvk}", file=sys.stderr)

json.dump({"d": descs, "t": types, "k": kind_map}, sys.stdout, separators=(",", ":"))
