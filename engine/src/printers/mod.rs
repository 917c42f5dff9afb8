//! Output formats shared by the command lines: tables, YAML, JSON, JSONPath, custom columns and ages.
