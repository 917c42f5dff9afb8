//! Small interpreters for the `awk` and `sed` programs tutorials use: awk patterns, fields, variables, arrays and
//! the common functions; sed addresses with `s`, `p`, `d` and `q`.

use std::collections::BTreeMap;

use regex_lite::Regex;

use super::files::read_one;
use super::flags::{Spec, switch, valued};
use crate::exec::{Ctx, Output};

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[&AWK, &SED];

const AWK: Spec = Spec {
    cmd: "awk",
    flags: &[
        valued(
            "fs",
            Some('F'),
            "field-separator",
            "use FS for the input field separator",
        ),
        valued(
            "assign",
            Some('v'),
            "assign",
            "assign the value VAL to the variable VAR before the program runs",
        ),
    ],
    usage_code: 2,
    stop_at_operand: true,
};

const SED: Spec = Spec {
    cmd: "sed",
    flags: &[
        switch(
            "quiet",
            Some('n'),
            "quiet",
            "suppress automatic printing of pattern space",
        ),
        valued(
            "expression",
            Some('e'),
            "expression",
            "add the script to the commands to be executed",
        ),
        switch(
            "extended",
            Some('E'),
            "regexp-extended",
            "use extended regular expressions in the script",
        ),
        switch("extended", Some('r'), "", "same as -E"),
        switch("in-place", Some('i'), "in-place", "edit files in place"),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

// ===================================================================== awk

/// `awk [-F SEP] [-v VAR=VAL] PROGRAM [FILES]`.
pub(super) fn awk(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match AWK.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut operands = parsed.operands.clone();
    if operands.is_empty() {
        return Output::err(
            "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n",
            2,
        );
    }
    let source = operands.remove(0);
    let program = match AwkParser::new(&source).program() {
        Ok(p) => p,
        Err(message) => {
            return Output::err(
                format!("awk: cmd. line:1: {source}\nawk: cmd. line:1: {message}\n"),
                1,
            );
        }
    };
    let mut vm = Awk {
        vars: BTreeMap::new(),
        arrays: BTreeMap::new(),
        fields: Vec::new(),
        nr: 0,
        fs: parsed
            .value("fs")
            .map(unescape_fs)
            .unwrap_or_else(|| " ".to_owned()),
        out: String::new(),
        err: String::new(),
        exit: None,
        next: false,
        steps: 0,
        files: Vec::new(),
    };
    for assign in parsed.values("assign") {
        if let Some((name, value)) = assign.split_once('=') {
            vm.vars.insert(name.to_owned(), Value::strnum(value));
        }
    }
    vm.run_rules(&program, Section::Begin, ctx);
    let mut code = 0;
    if vm.exit.is_none() && program.iter().any(|r| !matches!(r.section, Section::Begin)) {
        let names: Vec<String> = if operands.is_empty() {
            vec!["-".to_owned()]
        } else {
            operands.clone()
        };
        'files: for name in names {
            if let Some((var, value)) = name.split_once('=')
                && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                vm.vars.insert(var.to_owned(), Value::strnum(value));
                continue;
            }
            let text = match read_one(&name, ctx) {
                Ok(t) => t,
                Err(e) => {
                    vm.err.push_str(&format!(
                        "awk: fatal: cannot open file `{name}' for reading: {}\n",
                        e.message()
                    ));
                    code = 2;
                    break;
                }
            };
            for line in text.lines() {
                vm.nr += 1;
                vm.set_record(line);
                vm.run_rules(&program, Section::Main, ctx);
                if vm.exit.is_some() {
                    break 'files;
                }
            }
        }
    }
    let exit_code = vm.exit.take();
    vm.run_rules(&program, Section::End, ctx);
    Output {
        stdout: vm.out,
        stderr: vm.err,
        code: vm.exit.or(exit_code).unwrap_or(code),
    }
}

fn unescape_fs(fs: &str) -> String {
    match fs {
        "\\t" | "t" => "\t".to_owned(),
        other => other.to_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Begin,
    Main,
    End,
}

#[derive(Debug, Clone)]
struct Rule {
    section: Section,
    pattern: Option<Expr>,
    action: Option<Vec<Stmt>>,
}

#[derive(Debug, Clone)]
enum Stmt {
    Print(Vec<Expr>, Option<(bool, Expr)>),
    Printf(Vec<Expr>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    ForIn(String, String, Box<Stmt>),
    For(Option<Expr>, Option<Expr>, Option<Expr>, Box<Stmt>),
    While(Expr, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
    Delete(String, Option<Expr>),
}

#[derive(Debug, Clone)]
enum Expr {
    Num(f64),
    Str(String),
    Regex(String),
    Field(Box<Expr>),
    Var(String),
    Index(String, Box<Expr>),
    In(Box<Expr>, String),
    Unary(char, Box<Expr>),
    Binary(String, Box<Expr>, Box<Expr>),
    Match(bool, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Assign(String, Box<Expr>, Box<Expr>),
    IncDec(bool, bool, Box<Expr>),
    Call(String, Vec<Expr>),
    Group(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Regex(String),
    Ident(String),
    Func(String),
    Punct(&'static str),
    Newline,
    Eof,
}

struct AwkParser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

const PUNCTS: [&str; 35] = [
    "&&", "||", "==", "!=", "<=", ">=", "!~", "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", ">>",
    "{", "}", "(", ")", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "~", "?", ":", "=",
];

fn lex_awk(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let regex_allowed = |toks: &Vec<Tok>| {
        !matches!(
            toks.last(),
            Some(
                Tok::Num(_)
                    | Tok::Str(_)
                    | Tok::Ident(_)
                    | Tok::Regex(_)
                    | Tok::Punct(")" | "]" | "$")
            )
        )
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\r' => i += 1,
            '\\' if chars.get(i + 1) == Some(&'\n') => i += 2,
            '\n' => {
                toks.push(Tok::Newline);
                i += 1;
            }
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match chars.get(i) {
                        None => return Err("unterminated string".to_owned()),
                        Some('"') => break,
                        Some('\\') => {
                            i += 1;
                            match chars.get(i) {
                                Some('n') => s.push('\n'),
                                Some('t') => s.push('\t'),
                                Some('\\') => s.push('\\'),
                                Some('"') => s.push('"'),
                                Some('/') => s.push('/'),
                                Some(other) => {
                                    s.push('\\');
                                    s.push(*other);
                                }
                                None => return Err("unterminated string".to_owned()),
                            }
                        }
                        Some(c) => s.push(*c),
                    }
                    i += 1;
                }
                i += 1;
                toks.push(Tok::Str(s));
            }
            '/' if regex_allowed(&toks) => {
                i += 1;
                let mut s = String::new();
                loop {
                    match chars.get(i) {
                        None | Some('\n') => return Err("unterminated regexp".to_owned()),
                        Some('/') => break,
                        Some('\\') if chars.get(i + 1) == Some(&'/') => {
                            s.push('/');
                            i += 1;
                        }
                        Some(c) => s.push(*c),
                    }
                    i += 1;
                }
                i += 1;
                toks.push(Tok::Regex(s));
            }
            '$' => {
                toks.push(Tok::Punct("$"));
                i += 1;
            }
            '[' => {
                toks.push(Tok::Punct("["));
                i += 1;
            }
            ']' => {
                toks.push(Tok::Punct("]"));
                i += 1;
            }
            c if c.is_ascii_digit()
                || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                if i < chars.len()
                    && (chars[i] == 'e' || chars[i] == 'E')
                    && chars
                        .get(i + 1)
                        .is_some_and(|d| d.is_ascii_digit() || *d == '-' || *d == '+')
                {
                    i += 2;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let text: String = chars[start..i].iter().collect();
                toks.push(Tok::Num(text.parse().unwrap_or(0.0)));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&'(') && BUILTIN_FUNCS.contains(&name.as_str()) {
                    toks.push(Tok::Func(name));
                } else {
                    toks.push(Tok::Ident(name));
                }
            }
            _ => {
                let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
                match PUNCTS.iter().find(|p| rest.starts_with(**p)) {
                    Some(p) => {
                        toks.push(Tok::Punct(p));
                        i += p.chars().count();
                    }
                    None => return Err(format!("syntax error at `{c}'")),
                }
            }
        }
    }
    toks.push(Tok::Eof);
    Ok(toks)
}

const BUILTIN_FUNCS: [&str; 12] = [
    "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper",
    "int", "sqrt",
];

impl AwkParser {
    fn new(src: &str) -> Self {
        match lex_awk(src) {
            Ok(toks) => AwkParser {
                toks,
                pos: 0,
                depth: 0,
            },
            Err(e) => AwkParser {
                toks: vec![Tok::Str(e), Tok::Punct("?error")],
                pos: 0,
                depth: 0,
            },
        }
    }

    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).unwrap_or(&Tok::Eof)
    }

    fn bump(&mut self) -> Tok {
        let t = self.peek().clone();
        self.pos += 1;
        t
    }

    fn eat(&mut self, p: &str) -> bool {
        if matches!(self.peek(), Tok::Punct(q) if *q == p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, p: &str) -> Result<(), String> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn syntax(&self) -> String {
        "syntax error".to_owned()
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Tok::Newline | Tok::Punct(";")) {
            self.pos += 1;
        }
    }

    fn program(&mut self) -> Result<Vec<Rule>, String> {
        if let [Tok::Str(e), Tok::Punct("?error")] = self.toks.as_slice() {
            return Err(e.clone());
        }
        let mut rules = Vec::new();
        loop {
            self.skip_newlines();
            if matches!(self.peek(), Tok::Eof) {
                return Ok(rules);
            }
            let section = match self.peek() {
                Tok::Ident(n) if n == "BEGIN" => Section::Begin,
                Tok::Ident(n) if n == "END" => Section::End,
                _ => Section::Main,
            };
            if section != Section::Main {
                self.pos += 1;
                let action = self.block()?;
                rules.push(Rule {
                    section,
                    pattern: None,
                    action: Some(action),
                });
                continue;
            }
            let pattern = if matches!(self.peek(), Tok::Punct("{")) {
                None
            } else {
                Some(self.expr(false)?)
            };
            let action = if matches!(self.peek(), Tok::Punct("{")) {
                Some(self.block()?)
            } else {
                None
            };
            rules.push(Rule {
                section,
                pattern,
                action,
            });
        }
    }

    fn block(&mut self) -> Result<Vec<Stmt>, String> {
        self.expect("{")?;
        let mut stmts = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat("}") {
                return Ok(stmts);
            }
            if matches!(self.peek(), Tok::Eof) {
                return Err(self.syntax());
            }
            stmts.push(self.stmt()?);
        }
    }

    fn simple_or_block(&mut self) -> Result<Stmt, String> {
        while matches!(self.peek(), Tok::Newline) {
            self.pos += 1;
        }
        if matches!(self.peek(), Tok::Punct("{")) {
            Ok(Stmt::Block(self.block()?))
        } else {
            self.stmt()
        }
    }

    fn stmt(&mut self) -> Result<Stmt, String> {
        self.depth += 1;
        if self.depth > 100 {
            return Err(self.syntax());
        }
        let result = self.stmt_inner();
        self.depth -= 1;
        result
    }

    fn stmt_inner(&mut self) -> Result<Stmt, String> {
        let stmt = match self.peek().clone() {
            Tok::Punct("{") => Stmt::Block(self.block()?),
            Tok::Ident(kw) if kw == "print" || kw == "printf" => {
                self.pos += 1;
                let mut args = Vec::new();
                let parens = matches!(self.peek(), Tok::Punct("("))
                    && self.toks[self.pos..]
                        .iter()
                        .position(|t| matches!(t, Tok::Punct(")")))
                        .is_some_and(|close| {
                            matches!(
                                self.toks.get(self.pos + close + 1),
                                Some(Tok::Newline | Tok::Punct(";" | "}" | ">" | ">>") | Tok::Eof)
                            )
                        });
                if parens {
                    self.pos += 1;
                    if !self.eat(")") {
                        loop {
                            args.push(self.expr(false)?);
                            if !self.eat(",") {
                                break;
                            }
                        }
                        self.expect(")")?;
                    }
                } else if !matches!(
                    self.peek(),
                    Tok::Newline | Tok::Punct(";" | "}" | ">" | ">>") | Tok::Eof
                ) {
                    loop {
                        args.push(self.expr(true)?);
                        if !self.eat(",") {
                            break;
                        }
                    }
                }
                let redirect = if self.eat(">") {
                    Some((false, self.primary_concat()?))
                } else if self.eat(">>") {
                    Some((true, self.primary_concat()?))
                } else {
                    None
                };
                if kw == "print" {
                    Stmt::Print(args, redirect)
                } else {
                    if args.is_empty() {
                        return Err(self.syntax());
                    }
                    Stmt::Printf(args)
                }
            }
            Tok::Ident(kw) if kw == "if" => {
                self.pos += 1;
                self.expect("(")?;
                let cond = self.expr(false)?;
                self.expect(")")?;
                let then = self.simple_or_block()?;
                let save = self.pos;
                self.skip_newlines();
                if matches!(self.peek(), Tok::Ident(k) if k == "else") {
                    self.pos += 1;
                    let otherwise = self.simple_or_block()?;
                    Stmt::If(cond, Box::new(then), Some(Box::new(otherwise)))
                } else {
                    self.pos = save;
                    Stmt::If(cond, Box::new(then), None)
                }
            }
            Tok::Ident(kw) if kw == "for" => {
                self.pos += 1;
                self.expect("(")?;
                if let (Tok::Ident(var), Tok::Ident(kw_in), Tok::Ident(arr), Tok::Punct(")")) = (
                    self.peek().clone(),
                    self.toks.get(self.pos + 1).cloned().unwrap_or(Tok::Eof),
                    self.toks.get(self.pos + 2).cloned().unwrap_or(Tok::Eof),
                    self.toks.get(self.pos + 3).cloned().unwrap_or(Tok::Eof),
                ) && kw_in == "in"
                {
                    self.pos += 4;
                    let body = self.simple_or_block()?;
                    Stmt::ForIn(var, arr, Box::new(body))
                } else {
                    let init = if matches!(self.peek(), Tok::Punct(";")) {
                        None
                    } else {
                        Some(self.expr(false)?)
                    };
                    self.expect(";")?;
                    let cond = if matches!(self.peek(), Tok::Punct(";")) {
                        None
                    } else {
                        Some(self.expr(false)?)
                    };
                    self.expect(";")?;
                    let step = if matches!(self.peek(), Tok::Punct(")")) {
                        None
                    } else {
                        Some(self.expr(false)?)
                    };
                    self.expect(")")?;
                    let body = self.simple_or_block()?;
                    Stmt::For(init, cond, step, Box::new(body))
                }
            }
            Tok::Ident(kw) if kw == "while" => {
                self.pos += 1;
                self.expect("(")?;
                let cond = self.expr(false)?;
                self.expect(")")?;
                let body = self.simple_or_block()?;
                Stmt::While(cond, Box::new(body))
            }
            Tok::Ident(kw) if kw == "next" => {
                self.pos += 1;
                Stmt::Next
            }
            Tok::Ident(kw) if kw == "exit" => {
                self.pos += 1;
                if matches!(self.peek(), Tok::Newline | Tok::Punct(";" | "}") | Tok::Eof) {
                    Stmt::Exit(None)
                } else {
                    Stmt::Exit(Some(self.expr(false)?))
                }
            }
            Tok::Ident(kw) if kw == "delete" => {
                self.pos += 1;
                let Tok::Ident(name) = self.bump() else {
                    return Err(self.syntax());
                };
                if self.eat("[") {
                    let index = self.expr(false)?;
                    self.expect("]")?;
                    Stmt::Delete(name, Some(index))
                } else {
                    Stmt::Delete(name, None)
                }
            }
            _ => Stmt::Expr(self.expr(false)?),
        };
        if !matches!(
            self.peek(),
            Tok::Newline | Tok::Punct(";" | "}") | Tok::Eof | Tok::Ident(_)
        ) {
            return Err(self.syntax());
        }
        self.eat(";");
        Ok(stmt)
    }

    fn expr(&mut self, no_gt: bool) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(self.syntax());
        }
        let result = self.assignment(no_gt);
        self.depth -= 1;
        result
    }

    fn assignment(&mut self, no_gt: bool) -> Result<Expr, String> {
        let left = self.ternary(no_gt)?;
        for op in ["=", "+=", "-=", "*=", "/=", "%=", "^="] {
            if matches!(self.peek(), Tok::Punct(q) if *q == op) {
                if !matches!(left, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
                    return Err(self.syntax());
                }
                self.pos += 1;
                let right = self.expr(no_gt)?;
                return Ok(Expr::Assign(op.to_owned(), Box::new(left), Box::new(right)));
            }
        }
        Ok(left)
    }

    fn ternary(&mut self, no_gt: bool) -> Result<Expr, String> {
        let cond = self.or(no_gt)?;
        if self.eat("?") {
            let a = self.ternary(no_gt)?;
            self.expect(":")?;
            let b = self.ternary(no_gt)?;
            return Ok(Expr::Cond(Box::new(cond), Box::new(a), Box::new(b)));
        }
        Ok(cond)
    }

    fn or(&mut self, no_gt: bool) -> Result<Expr, String> {
        let mut left = self.and(no_gt)?;
        while self.eat("||") {
            self.skip_nl();
            let right = self.and(no_gt)?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn skip_nl(&mut self) {
        while matches!(self.peek(), Tok::Newline) {
            self.pos += 1;
        }
    }

    fn and(&mut self, no_gt: bool) -> Result<Expr, String> {
        let mut left = self.in_expr(no_gt)?;
        while self.eat("&&") {
            self.skip_nl();
            let right = self.in_expr(no_gt)?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn in_expr(&mut self, no_gt: bool) -> Result<Expr, String> {
        let left = self.matching(no_gt)?;
        if matches!(self.peek(), Tok::Ident(k) if k == "in") {
            self.pos += 1;
            let Tok::Ident(arr) = self.bump() else {
                return Err(self.syntax());
            };
            return Ok(Expr::In(Box::new(left), arr));
        }
        Ok(left)
    }

    fn matching(&mut self, no_gt: bool) -> Result<Expr, String> {
        let mut left = self.comparison(no_gt)?;
        loop {
            let negate = if self.eat("~") {
                false
            } else if self.eat("!~") {
                true
            } else {
                return Ok(left);
            };
            let right = self.comparison(no_gt)?;
            left = Expr::Match(negate, Box::new(left), Box::new(right));
        }
    }

    fn comparison(&mut self, no_gt: bool) -> Result<Expr, String> {
        let left = self.concat(no_gt)?;
        for op in ["<=", ">=", "==", "!=", "<", ">"] {
            if no_gt && op == ">" {
                continue;
            }
            if self.eat(op) {
                let right = self.concat(no_gt)?;
                return Ok(Expr::Binary(op.to_owned(), Box::new(left), Box::new(right)));
            }
        }
        Ok(left)
    }

    fn concat(&mut self, no_gt: bool) -> Result<Expr, String> {
        let mut left = self.additive()?;
        while matches!(
            self.peek(),
            Tok::Num(_)
                | Tok::Str(_)
                | Tok::Ident(_)
                | Tok::Func(_)
                | Tok::Punct("$" | "(" | "!" | "-" | "+" | "++" | "--")
        ) && !matches!(self.peek(), Tok::Ident(k) if k == "in" || k == "else")
        {
            if matches!(self.peek(), Tok::Punct("-" | "+" | "!")) {
                break;
            }
            let right = self.additive()?;
            left = Expr::Concat(Box::new(left), Box::new(right));
        }
        let _ = no_gt;
        Ok(left)
    }

    fn primary_concat(&mut self) -> Result<Expr, String> {
        self.concat(true)
    }

    fn additive(&mut self) -> Result<Expr, String> {
        let mut left = self.multiplicative()?;
        loop {
            let op = if self.eat("+") {
                "+"
            } else if self.eat("-") {
                "-"
            } else {
                return Ok(left);
            };
            let right = self.multiplicative()?;
            left = Expr::Binary(op.to_owned(), Box::new(left), Box::new(right));
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat("*") {
                "*"
            } else if self.eat("/") {
                "/"
            } else if self.eat("%") {
                "%"
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = Expr::Binary(op.to_owned(), Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(self.syntax());
        }
        let result = if self.eat("!") {
            Ok(Expr::Unary('!', Box::new(self.unary()?)))
        } else if self.eat("-") {
            Ok(Expr::Unary('-', Box::new(self.unary()?)))
        } else if self.eat("+") {
            Ok(Expr::Unary('+', Box::new(self.unary()?)))
        } else {
            self.power()
        };
        self.depth -= 1;
        result
    }

    fn power(&mut self) -> Result<Expr, String> {
        let base = self.postfix()?;
        if self.eat("^") {
            let exp = self.unary()?;
            return Ok(Expr::Binary("^".to_owned(), Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<Expr, String> {
        if self.eat("++") {
            return Ok(Expr::IncDec(true, true, Box::new(self.postfix()?)));
        }
        if self.eat("--") {
            return Ok(Expr::IncDec(true, false, Box::new(self.postfix()?)));
        }
        let e = self.primary()?;
        if matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
            if self.eat("++") {
                return Ok(Expr::IncDec(false, true, Box::new(e)));
            }
            if self.eat("--") {
                return Ok(Expr::IncDec(false, false, Box::new(e)));
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.bump() {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Regex(r) => Ok(Expr::Regex(r)),
            Tok::Punct("$") => {
                self.depth += 1;
                if self.depth > 200 {
                    return Err(self.syntax());
                }
                let e = self.primary()?;
                self.depth -= 1;
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Punct("(") => {
                let e = self.expr(false)?;
                self.expect(")")?;
                Ok(Expr::Group(Box::new(e)))
            }
            Tok::Func(name) => {
                self.expect("(")?;
                let mut args = Vec::new();
                if !self.eat(")") {
                    loop {
                        args.push(self.expr(false)?);
                        if !self.eat(",") {
                            break;
                        }
                    }
                    self.expect(")")?;
                }
                Ok(Expr::Call(name, args))
            }
            Tok::Ident(name) if name == "length" => Ok(Expr::Call(name, Vec::new())),
            Tok::Ident(name) => {
                if self.eat("[") {
                    let mut index = self.expr(false)?;
                    while self.eat(",") {
                        let more = self.expr(false)?;
                        index = Expr::Concat(
                            Box::new(Expr::Concat(
                                Box::new(index),
                                Box::new(Expr::Str("\x1c".into())),
                            )),
                            Box::new(more),
                        );
                    }
                    self.expect("]")?;
                    Ok(Expr::Index(name, Box::new(index)))
                } else {
                    Ok(Expr::Var(name))
                }
            }
            _ => Err(self.syntax()),
        }
    }
}

/// An awk value: a number, a string, or a string from input that compares as a number when it looks like one.
#[derive(Debug, Clone)]
enum Value {
    Num(f64),
    Str(String),
    StrNum(String),
}

impl Value {
    fn strnum(s: &str) -> Value {
        Value::StrNum(s.to_owned())
    }

    fn num(&self) -> f64 {
        match self {
            Value::Num(n) => *n,
            Value::Str(s) | Value::StrNum(s) => leading_number(s),
        }
    }

    fn text(&self) -> String {
        match self {
            Value::Num(n) => number_text(*n),
            Value::Str(s) | Value::StrNum(s) => s.clone(),
        }
    }

    fn truthy(&self) -> bool {
        match self {
            Value::Num(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::StrNum(s) => match looks_numeric(s) {
                true => leading_number(s) != 0.0,
                false => !s.is_empty(),
            },
        }
    }

    fn numeric(&self) -> bool {
        match self {
            Value::Num(_) => true,
            Value::Str(_) => false,
            Value::StrNum(s) => looks_numeric(s),
        }
    }
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok() && !t.contains(['i', 'I', 'n', 'N'])
}

fn leading_number(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    let bytes = t.as_bytes();
    if end < bytes.len() && (bytes[end] == b'-' || bytes[end] == b'+') {
        end += 1;
    }
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
        end += 1;
    }
    if end < bytes.len() && (bytes[end] == b'e' || bytes[end] == b'E') {
        let mut e = end + 1;
        if e < bytes.len() && (bytes[e] == b'-' || bytes[e] == b'+') {
            e += 1;
        }
        if e < bytes.len() && bytes[e].is_ascii_digit() {
            while e < bytes.len() && bytes[e].is_ascii_digit() {
                e += 1;
            }
            end = e;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

/// Formats a number as awk prints it: integers plainly, others with `%.6g`.
fn number_text(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else {
        format_g(n, 6)
    }
}

fn format_g(n: f64, precision: usize) -> String {
    if n == 0.0 {
        return "0".to_owned();
    }
    if !n.is_finite() {
        return if n.is_nan() {
            "nan".to_owned()
        } else if n > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        };
    }
    let p = precision.max(1);
    let exp = n.abs().log10().floor() as i32;
    if exp < -4 || exp >= p as i32 {
        let s = format!("{:.*e}", p - 1, n);
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        let e: i32 = e.parse().unwrap_or(0);
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{n:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    }
}

struct Awk {
    vars: BTreeMap<String, Value>,
    arrays: BTreeMap<String, BTreeMap<String, Value>>,
    fields: Vec<String>,
    nr: usize,
    fs: String,
    out: String,
    err: String,
    exit: Option<i32>,
    next: bool,
    steps: usize,
    files: Vec<(String, String)>,
}

const MAX_STEPS: usize = 2_000_000;

impl Awk {
    fn set_record(&mut self, line: &str) {
        self.fields = vec![line.to_owned()];
        self.fields.extend(self.split(line));
    }

    fn split(&self, line: &str) -> Vec<String> {
        let fs = match self.vars.get("FS") {
            Some(v) => v.text(),
            None => self.fs.clone(),
        };
        if fs == " " {
            line.split_whitespace().map(str::to_owned).collect()
        } else if line.is_empty() {
            Vec::new()
        } else if fs.chars().count() == 1 {
            line.split(fs.as_str()).map(str::to_owned).collect()
        } else {
            match Regex::new(&fs) {
                Ok(re) => re.split(line).map(str::to_owned).collect(),
                Err(_) => vec![line.to_owned()],
            }
        }
    }

    fn rebuild(&mut self) {
        let ofs = self
            .vars
            .get("OFS")
            .map(Value::text)
            .unwrap_or_else(|| " ".to_owned());
        let record = self.fields[1..].join(&ofs);
        self.fields[0] = record;
    }

    fn run_rules(&mut self, rules: &[Rule], section: Section, ctx: &mut Ctx) {
        for rule in rules.iter().filter(|r| r.section == section) {
            if self.exit.is_some() && section != Section::End {
                return;
            }
            self.next = false;
            let selected = match &rule.pattern {
                None => true,
                Some(p) => {
                    let v = self.eval(p, ctx);
                    v.truthy()
                }
            };
            if !selected {
                continue;
            }
            match &rule.action {
                None => {
                    let line = self.fields.first().cloned().unwrap_or_default();
                    self.out.push_str(&line);
                    self.out.push('\n');
                }
                Some(stmts) => {
                    for stmt in stmts {
                        self.exec(stmt, ctx);
                        if self.next || self.exit.is_some() {
                            break;
                        }
                    }
                }
            }
            if self.next {
                return;
            }
        }
    }

    fn exec(&mut self, stmt: &Stmt, ctx: &mut Ctx) {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            if self.exit.is_none() {
                self.err
                    .push_str("awk: program ran too long and was stopped\n");
                self.exit = Some(2);
            }
            return;
        }
        match stmt {
            Stmt::Print(args, redirect) => {
                let ofs = self
                    .vars
                    .get("OFS")
                    .map(Value::text)
                    .unwrap_or_else(|| " ".to_owned());
                let text = if args.is_empty() {
                    self.fields.first().cloned().unwrap_or_default()
                } else {
                    let parts: Vec<String> =
                        args.iter().map(|a| self.eval(a, ctx).text()).collect();
                    parts.join(&ofs)
                };
                let ors = self
                    .vars
                    .get("ORS")
                    .map(Value::text)
                    .unwrap_or_else(|| "\n".to_owned());
                self.emit(format!("{text}{ors}"), redirect, ctx);
            }
            Stmt::Printf(args) => {
                let values: Vec<Value> = args.iter().map(|a| self.eval(a, ctx)).collect();
                let text = sprintf(&values);
                self.out.push_str(&text);
            }
            Stmt::Expr(e) => {
                self.eval(e, ctx);
            }
            Stmt::If(cond, then, otherwise) => {
                if self.eval(cond, ctx).truthy() {
                    self.exec(then, ctx);
                } else if let Some(o) = otherwise {
                    self.exec(o, ctx);
                }
            }
            Stmt::ForIn(var, arr, body) => {
                let keys: Vec<String> = self
                    .arrays
                    .get(arr)
                    .map(|a| a.keys().cloned().collect())
                    .unwrap_or_default();
                for key in keys {
                    self.vars.insert(var.clone(), Value::StrNum(key));
                    self.exec(body, ctx);
                    if self.next || self.exit.is_some() {
                        break;
                    }
                }
            }
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.eval(i, ctx);
                }
                while cond.as_ref().is_none_or(|c| self.eval(c, ctx).truthy()) {
                    self.exec(body, ctx);
                    if self.next || self.exit.is_some() || self.steps > MAX_STEPS {
                        break;
                    }
                    if let Some(s) = step {
                        self.eval(s, ctx);
                    }
                }
            }
            Stmt::While(cond, body) => {
                while self.eval(cond, ctx).truthy() {
                    self.exec(body, ctx);
                    if self.next || self.exit.is_some() || self.steps > MAX_STEPS {
                        break;
                    }
                }
            }
            Stmt::Block(stmts) => {
                for s in stmts {
                    self.exec(s, ctx);
                    if self.next || self.exit.is_some() {
                        break;
                    }
                }
            }
            Stmt::Next => self.next = true,
            Stmt::Exit(code) => {
                let code = code
                    .as_ref()
                    .map(|c| self.eval(c, ctx).num() as i32)
                    .unwrap_or(0);
                self.exit = Some(code);
            }
            Stmt::Delete(name, index) => match index {
                Some(i) => {
                    let key = self.eval(i, ctx).text();
                    if let Some(a) = self.arrays.get_mut(name) {
                        a.remove(&key);
                    }
                }
                None => {
                    self.arrays.remove(name);
                }
            },
        }
    }

    fn emit(&mut self, text: String, redirect: &Option<(bool, Expr)>, ctx: &mut Ctx) {
        match redirect {
            None => self.out.push_str(&text),
            Some((append, target)) => {
                let name = self.eval(target, ctx).text();
                if name == "/dev/stderr" {
                    self.err.push_str(&text);
                    return;
                }
                if name == "/dev/stdout" {
                    self.out.push_str(&text);
                    return;
                }
                let path = ctx.resolve(&name);
                let opened = self.files.iter().any(|(n, _)| *n == path);
                let result = if opened || *append {
                    ctx.fs.append(&path, &text)
                } else {
                    self.files.push((path.clone(), String::new()));
                    ctx.fs.write(&path, text)
                };
                if let Err(e) = result {
                    self.err.push_str(&format!(
                        "awk: cmd. line:1: fatal: can't redirect to `{name}' ({})\n",
                        e.message()
                    ));
                    self.exit = Some(2);
                }
            }
        }
    }

    fn field(&self, i: usize) -> Value {
        Value::StrNum(self.fields.get(i).cloned().unwrap_or_default())
    }

    fn var(&self, name: &str) -> Value {
        match name {
            "NR" | "FNR" => Value::Num(self.nr as f64),
            "NF" => Value::Num(self.fields.len().saturating_sub(1) as f64),
            "FS" => self
                .vars
                .get("FS")
                .cloned()
                .unwrap_or_else(|| Value::Str(self.fs.clone())),
            "OFS" => self
                .vars
                .get("OFS")
                .cloned()
                .unwrap_or_else(|| Value::Str(" ".to_owned())),
            _ => self
                .vars
                .get(name)
                .cloned()
                .unwrap_or(Value::StrNum(String::new())),
        }
    }

    fn assign(&mut self, target: &Expr, value: Value, ctx: &mut Ctx) {
        match target {
            Expr::Var(name) if name == "NF" => {
                let n = value.num().max(0.0) as usize;
                self.fields.resize(n + 1, String::new());
                self.rebuild();
            }
            Expr::Var(name) => {
                self.vars.insert(name.clone(), value);
            }
            Expr::Field(index) => {
                let i = self.eval(index, ctx).num().max(0.0) as usize;
                if i == 0 {
                    let line = value.text();
                    self.set_record(&line);
                } else {
                    if i > 10_000 {
                        return;
                    }
                    if self.fields.len() <= i {
                        self.fields.resize(i + 1, String::new());
                    }
                    self.fields[i] = value.text();
                    self.rebuild();
                }
            }
            Expr::Index(name, index) => {
                let key = self.eval(index, ctx).text();
                self.arrays
                    .entry(name.clone())
                    .or_default()
                    .insert(key, value);
            }
            _ => {}
        }
    }

    fn eval(&mut self, e: &Expr, ctx: &mut Ctx) -> Value {
        self.steps += 1;
        match e {
            Expr::Num(n) => Value::Num(*n),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Regex(r) => {
                let line = self.fields.first().cloned().unwrap_or_default();
                Value::Num(f64::from(u8::from(regex_match(r, &line))))
            }
            Expr::Group(inner) => self.eval(inner, ctx),
            Expr::Field(index) => {
                let i = self.eval(index, ctx).num();
                if i < 0.0 {
                    return Value::Str(String::new());
                }
                self.field(i as usize)
            }
            Expr::Var(name) => self.var(name),
            Expr::Index(name, index) => {
                let key = self.eval(index, ctx).text();
                self.arrays
                    .entry(name.clone())
                    .or_default()
                    .entry(key)
                    .or_insert(Value::StrNum(String::new()))
                    .clone()
            }
            Expr::In(index, name) => {
                let key = self.eval(index, ctx).text();
                Value::Num(f64::from(u8::from(
                    self.arrays.get(name).is_some_and(|a| a.contains_key(&key)),
                )))
            }
            Expr::Unary(op, inner) => {
                let v = self.eval(inner, ctx);
                match op {
                    '!' => Value::Num(f64::from(u8::from(!v.truthy()))),
                    '-' => Value::Num(-v.num()),
                    _ => Value::Num(v.num()),
                }
            }
            Expr::Binary(op, a, b) => {
                let x = self.eval(a, ctx);
                let y = self.eval(b, ctx);
                match op.as_str() {
                    "+" => Value::Num(x.num() + y.num()),
                    "-" => Value::Num(x.num() - y.num()),
                    "*" => Value::Num(x.num() * y.num()),
                    "/" => {
                        if y.num() == 0.0 {
                            self.err
                                .push_str("awk: cmd. line:1: fatal: division by zero attempted\n");
                            self.exit = Some(2);
                            Value::Num(0.0)
                        } else {
                            Value::Num(x.num() / y.num())
                        }
                    }
                    "%" => {
                        if y.num() == 0.0 {
                            self.err.push_str(
                                "awk: cmd. line:1: fatal: division by zero attempted in `%'\n",
                            );
                            self.exit = Some(2);
                            Value::Num(0.0)
                        } else {
                            Value::Num(x.num() % y.num())
                        }
                    }
                    "^" => Value::Num(x.num().powf(y.num())),
                    cmp => {
                        let ordering = if x.numeric() && y.numeric() {
                            x.num()
                                .partial_cmp(&y.num())
                                .unwrap_or(std::cmp::Ordering::Equal)
                        } else {
                            x.text().cmp(&y.text())
                        };
                        let result = match cmp {
                            "<" => ordering.is_lt(),
                            "<=" => ordering.is_le(),
                            ">" => ordering.is_gt(),
                            ">=" => ordering.is_ge(),
                            "==" => ordering.is_eq(),
                            _ => ordering.is_ne(),
                        };
                        Value::Num(f64::from(u8::from(result)))
                    }
                }
            }
            Expr::Match(negate, a, b) => {
                let text = self.eval(a, ctx).text();
                let pattern = match &**b {
                    Expr::Regex(r) => r.clone(),
                    other => self.eval(other, ctx).text(),
                };
                Value::Num(f64::from(u8::from(regex_match(&pattern, &text) != *negate)))
            }
            Expr::Concat(a, b) => {
                let x = self.eval(a, ctx).text();
                let y = self.eval(b, ctx).text();
                Value::Str(x + &y)
            }
            Expr::And(a, b) => {
                let r = self.eval(a, ctx).truthy() && self.eval(b, ctx).truthy();
                Value::Num(f64::from(u8::from(r)))
            }
            Expr::Or(a, b) => {
                let r = self.eval(a, ctx).truthy() || self.eval(b, ctx).truthy();
                Value::Num(f64::from(u8::from(r)))
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c, ctx).truthy() {
                    self.eval(a, ctx)
                } else {
                    self.eval(b, ctx)
                }
            }
            Expr::Assign(op, target, value) => {
                let v = self.eval(value, ctx);
                let v = if op == "=" {
                    v
                } else {
                    let current = self.eval(target, ctx).num();
                    let rhs = v.num();
                    Value::Num(match op.as_str() {
                        "+=" => current + rhs,
                        "-=" => current - rhs,
                        "*=" => current * rhs,
                        "/=" if rhs != 0.0 => current / rhs,
                        "%=" if rhs != 0.0 => current % rhs,
                        "^=" => current.powf(rhs),
                        _ => 0.0,
                    })
                };
                self.assign(target, v.clone(), ctx);
                v
            }
            Expr::IncDec(prefix, inc, target) => {
                let old = self.eval(target, ctx).num();
                let new = if *inc { old + 1.0 } else { old - 1.0 };
                self.assign(target, Value::Num(new), ctx);
                Value::Num(if *prefix { new } else { old })
            }
            Expr::Call(name, args) => self.call(name, args, ctx),
        }
    }

    fn call(&mut self, name: &str, args: &[Expr], ctx: &mut Ctx) -> Value {
        let mut vals: Vec<Value> = Vec::new();
        let arg =
            |i: usize, vals: &Vec<Value>| vals.get(i).cloned().unwrap_or(Value::Str(String::new()));
        match name {
            "split" => {
                let text = args
                    .first()
                    .map(|a| self.eval(a, ctx).text())
                    .unwrap_or_default();
                let Some(Expr::Var(arr)) = args.get(1) else {
                    return Value::Num(0.0);
                };
                let parts: Vec<String> = match args.get(2) {
                    Some(sep) => {
                        let sep = match sep {
                            Expr::Regex(r) => r.clone(),
                            other => self.eval(other, ctx).text(),
                        };
                        if sep == " " {
                            text.split_whitespace().map(str::to_owned).collect()
                        } else if sep.chars().count() == 1 {
                            text.split(sep.as_str()).map(str::to_owned).collect()
                        } else {
                            Regex::new(&sep)
                                .map(|re| re.split(&text).map(str::to_owned).collect())
                                .unwrap_or_default()
                        }
                    }
                    None => self.split(&text),
                };
                let n = parts.len();
                let map = self.arrays.entry(arr.clone()).or_default();
                map.clear();
                for (i, p) in parts.into_iter().enumerate() {
                    map.insert((i + 1).to_string(), Value::StrNum(p));
                }
                return Value::Num(n as f64);
            }
            "sub" | "gsub" => {
                let pattern = match args.first() {
                    Some(Expr::Regex(r)) => r.clone(),
                    Some(other) => self.eval(other, ctx).text(),
                    None => return Value::Num(0.0),
                };
                let replacement = args
                    .get(1)
                    .map(|a| self.eval(a, ctx).text())
                    .unwrap_or_default();
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let text = self.eval(&target, ctx).text();
                let Ok(re) = Regex::new(&pattern) else {
                    return Value::Num(0.0);
                };
                let mut count = 0;
                let mut out = String::new();
                let mut last = 0;
                for m in re.find_iter(&text) {
                    if name == "sub" && count == 1 {
                        break;
                    }
                    count += 1;
                    out.push_str(&text[last..m.start()]);
                    let mut chars = replacement.chars().peekable();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' if chars.peek() == Some(&'&') => {
                                chars.next();
                                out.push('&');
                            }
                            '&' => out.push_str(m.as_str()),
                            c => out.push(c),
                        }
                    }
                    last = m.end();
                }
                out.push_str(&text[last..]);
                if count > 0 {
                    self.assign(&target, Value::Str(out), ctx);
                }
                return Value::Num(count as f64);
            }
            _ => {}
        }
        for a in args {
            let v = self.eval(a, ctx);
            vals.push(v);
        }
        match name {
            "length" => {
                if args.is_empty() {
                    Value::Num(self.fields.first().map_or(0, |l| l.chars().count()) as f64)
                } else if let Some(Expr::Var(n)) = args.first()
                    && let Some(a) = self.arrays.get(n)
                {
                    Value::Num(a.len() as f64)
                } else {
                    Value::Num(arg(0, &vals).text().chars().count() as f64)
                }
            }
            "substr" => {
                let s: Vec<char> = arg(0, &vals).text().chars().collect();
                let start = arg(1, &vals).num().round();
                let len = if vals.len() > 2 {
                    arg(2, &vals).num().round()
                } else {
                    f64::INFINITY
                };
                let from = start.max(1.0);
                let to = (start + len).min(s.len() as f64 + 1.0);
                if to <= from {
                    return Value::Str(String::new());
                }
                Value::Str(s[(from as usize - 1)..(to as usize - 1)].iter().collect())
            }
            "index" => {
                let s = arg(0, &vals).text();
                let t = arg(1, &vals).text();
                Value::Num(s.find(&t).map_or(0, |i| s[..i].chars().count() + 1) as f64)
            }
            "match" => {
                let s = arg(0, &vals).text();
                let p = match args.get(1) {
                    Some(Expr::Regex(r)) => r.clone(),
                    _ => arg(1, &vals).text(),
                };
                let found = Regex::new(&p)
                    .ok()
                    .and_then(|re| re.find(&s).map(|m| (m.start(), m.as_str().chars().count())));
                let (start, len) = match found {
                    Some((i, len)) => ((s[..i].chars().count() + 1) as f64, len as f64),
                    None => (0.0, -1.0),
                };
                self.vars.insert("RSTART".into(), Value::Num(start));
                self.vars.insert("RLENGTH".into(), Value::Num(len));
                Value::Num(start)
            }
            "sprintf" => Value::Str(sprintf(&vals)),
            "tolower" => Value::Str(arg(0, &vals).text().to_lowercase()),
            "toupper" => Value::Str(arg(0, &vals).text().to_uppercase()),
            "int" => Value::Num(arg(0, &vals).num().trunc()),
            "sqrt" => Value::Num(arg(0, &vals).num().sqrt()),
            _ => Value::Str(String::new()),
        }
    }
}

fn regex_match(pattern: &str, text: &str) -> bool {
    Regex::new(pattern)
        .map(|re| re.is_match(text))
        .unwrap_or(false)
}

/// awk's `printf`/`sprintf`: the first value is the format.
fn sprintf(values: &[Value]) -> String {
    let Some(format) = values.first() else {
        return String::new();
    };
    let fmt: Vec<char> = format.text().chars().collect();
    let mut args = values[1..].iter();
    let mut out = String::new();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        if fmt.get(i + 1) == Some(&'%') {
            out.push('%');
            i += 2;
            continue;
        }
        i += 1;
        let mut flags = String::new();
        while let Some(&f) = fmt.get(i).filter(|f| "-+ 0#".contains(**f)) {
            flags.push(f);
            i += 1;
        }
        let mut width = String::new();
        while let Some(&d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
            width.push(d);
            i += 1;
        }
        let mut precision: Option<usize> = None;
        if fmt.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            while let Some(&d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
                p.push(d);
                i += 1;
            }
            precision = Some(p.parse().unwrap_or(0));
        }
        let Some(&conv) = fmt.get(i) else { break };
        i += 1;
        let v = args.next().cloned().unwrap_or(Value::Str(String::new()));
        let body = match conv {
            's' => {
                let s = v.text();
                match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                }
            }
            'd' | 'i' => format!("{}", v.num().trunc() as i64),
            'x' => format!("{:x}", v.num().trunc() as i64),
            'X' => format!("{:X}", v.num().trunc() as i64),
            'o' => format!("{:o}", v.num().trunc() as i64),
            'c' => match &v {
                Value::Num(n) => char::from_u32(*n as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                other => other
                    .text()
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
            },
            'f' | 'F' => format!("{:.*}", precision.unwrap_or(6).min(64), v.num()),
            'e' | 'E' => {
                let s = format!("{:.*e}", precision.unwrap_or(6).min(64), v.num());
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let e: i32 = e.parse().unwrap_or(0);
                format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
            }
            'g' | 'G' => format_g(v.num(), precision.unwrap_or(6)),
            other => format!("%{other}"),
        };
        let width: usize = width.parse().unwrap_or(0).min(4096);
        let len = body.chars().count();
        if len >= width {
            out.push_str(&body);
        } else if flags.contains('-') {
            out.push_str(&body);
            out.push_str(&" ".repeat(width - len));
        } else if flags.contains('0') && conv != 's' {
            let (sign, digits) = match body.strip_prefix('-') {
                Some(d) => ("-", d),
                None => ("", body.as_str()),
            };
            out.push_str(sign);
            out.push_str(&"0".repeat(width - len));
            out.push_str(digits);
        } else {
            out.push_str(&" ".repeat(width - len));
            out.push_str(&body);
        }
    }
    out.replace("\\n", "\n")
}

// ===================================================================== sed

/// `sed [-n] [-E] [-i] SCRIPT [FILES]` with `s`, `p`, `d`, `q` and line or `/regex/` addresses.
pub(super) fn sed(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match SED.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut operands = parsed.operands.clone();
    let scripts: Vec<String> = if parsed.has("expression") {
        parsed
            .values("expression")
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else if operands.is_empty() {
        return Output::err(
            "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n",
            1,
        );
    } else {
        vec![operands.remove(0)]
    };
    let extended = parsed.has("extended");
    let mut commands = Vec::new();
    for script in &scripts {
        match parse_sed(script, extended) {
            Ok(mut c) => commands.append(&mut c),
            Err(message) => {
                return Output::err(format!("sed: -e expression #1, char {message}\n"), 1);
            }
        }
    }
    let quiet = parsed.has("quiet");
    if parsed.has("in-place") {
        if operands.is_empty() {
            return Output::err("sed: no input files\n", 1);
        }
        let mut out = Output::default();
        for name in &operands {
            let path = ctx.resolve(name);
            match ctx.fs.read(&path).map(str::to_owned) {
                Ok(text) => {
                    let result = run_sed(&commands, &text, quiet);
                    let _ = ctx.fs.write(&path, result);
                    ctx.fs.set_mtime(&path, ctx.now);
                }
                Err(e) => {
                    out.stderr
                        .push_str(&format!("sed: can't read {name}: {}\n", e.message()));
                    out.code = 2;
                }
            }
        }
        return out;
    }
    let mut out = Output::default();
    let mut text = String::new();
    if operands.is_empty() {
        text = ctx.stdin.to_owned();
    }
    for name in &operands {
        match read_one(name, ctx) {
            Ok(t) => text.push_str(&t),
            Err(e) => {
                out.stderr
                    .push_str(&format!("sed: can't read {name}: {}\n", e.message()));
                out.code = 2;
            }
        }
    }
    out.stdout = run_sed(&commands, &text, quiet);
    out
}

#[derive(Debug, Clone)]
enum Address {
    Line(usize),
    Last,
    Regex(Regex),
}

#[derive(Debug, Clone)]
struct SedCommand {
    from: Option<Address>,
    to: Option<Address>,
    negate: bool,
    op: SedOp,
}

#[derive(Debug, Clone)]
enum SedOp {
    Substitute {
        re: Regex,
        replacement: String,
        global: bool,
        nth: usize,
        print: bool,
    },
    Print,
    Delete,
    Quit,
    Equals,
}

fn sed_regex(pattern: &str, extended: bool, icase: bool) -> Result<Regex, String> {
    let source = if extended {
        pattern.to_owned()
    } else {
        bre_to_ere(pattern)
    };
    regex_lite::RegexBuilder::new(&source)
        .case_insensitive(icase)
        .size_limit(1 << 22)
        .build()
        .map_err(|_| "unterminated address regex".to_owned())
}

fn bre_to_ere(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('(' | ')' | '|' | '{' | '}' | '+' | '?')) => out.push(e),
                Some('n') => out.push_str("\\n"),
                Some('t') => out.push_str("\\t"),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push_str("\\\\"),
            },
            '+' | '?' | '|' | '(' | ')' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Reads text up to an unescaped `delim`, returning it and the rest.
fn until_delim(chars: &[char], mut i: usize, delim: char) -> Option<(String, usize)> {
    let mut out = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            if chars[i + 1] == delim {
                out.push(delim);
            } else {
                out.push('\\');
                out.push(chars[i + 1]);
            }
            i += 2;
            continue;
        }
        if c == delim {
            return Some((out, i + 1));
        }
        out.push(c);
        i += 1;
    }
    None
}

fn parse_sed(script: &str, extended: bool) -> Result<Vec<SedCommand>, String> {
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    let mut commands = Vec::new();
    let address = |i: &mut usize| -> Result<Option<Address>, String> {
        match chars.get(*i) {
            Some(c) if c.is_ascii_digit() => {
                let start = *i;
                while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                    *i += 1;
                }
                let n: String = chars[start..*i].iter().collect();
                Ok(Some(Address::Line(
                    n.parse()
                        .map_err(|_| format!("{}: invalid line number", *i))?,
                )))
            }
            Some('$') => {
                *i += 1;
                Ok(Some(Address::Last))
            }
            Some('/') => {
                let (pattern, next) = until_delim(&chars, *i + 1, '/')
                    .ok_or(format!("{}: unterminated address regex", chars.len()))?;
                *i = next;
                Ok(Some(Address::Regex(
                    sed_regex(&pattern, extended, false).map_err(|e| format!("{next}: {e}"))?,
                )))
            }
            _ => Ok(None),
        }
    };
    while i < chars.len() {
        while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ';') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let from = address(&mut i)?;
        let mut to = None;
        if from.is_some() && chars.get(i) == Some(&',') {
            i += 1;
            to = address(&mut i)?;
            if to.is_none() {
                return Err(format!("{}: unexpected `,'", i));
            }
        }
        while chars.get(i).is_some_and(|c| *c == ' ') {
            i += 1;
        }
        let negate = chars.get(i) == Some(&'!');
        if negate {
            i += 1;
        }
        let Some(&cmd) = chars.get(i) else {
            return Err(format!("{}: missing command", i));
        };
        i += 1;
        let op = match cmd {
            'p' => SedOp::Print,
            'd' => SedOp::Delete,
            'q' => SedOp::Quit,
            '=' => SedOp::Equals,
            's' => {
                let Some(&delim) = chars.get(i) else {
                    return Err(format!("{}: unterminated `s' command", i));
                };
                let (pattern, next) = until_delim(&chars, i + 1, delim)
                    .ok_or(format!("{}: unterminated `s' command", chars.len()))?;
                let (replacement, next) = until_delim(&chars, next, delim)
                    .ok_or(format!("{}: unterminated `s' command", chars.len()))?;
                i = next;
                let mut global = false;
                let mut print = false;
                let mut icase = false;
                let mut nth = 1;
                while let Some(&f) = chars.get(i) {
                    match f {
                        'g' => global = true,
                        'p' => print = true,
                        'i' | 'I' => icase = true,
                        d if d.is_ascii_digit() => {
                            nth = d.to_digit(10).unwrap_or(1).max(1) as usize
                        }
                        ';' | '\n' | ' ' | '}' => break,
                        _ => return Err(format!("{}: unknown option to `s'", i + 1)),
                    }
                    i += 1;
                }
                let re = sed_regex(&pattern, extended, icase).map_err(|e| format!("{i}: {e}"))?;
                SedOp::Substitute {
                    re,
                    replacement,
                    global,
                    nth,
                    print,
                }
            }
            other => return Err(format!("{i}: unknown command: `{other}'")),
        };
        commands.push(SedCommand {
            from,
            to,
            negate,
            op,
        });
    }
    Ok(commands)
}

fn run_sed(commands: &[SedCommand], text: &str, quiet: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let total = lines.len();
    let mut out = String::new();
    let mut active: Vec<bool> = vec![false; commands.len()];
    for (n, line) in lines.iter().enumerate() {
        let number = n + 1;
        let mut space = line.to_string();
        let mut deleted = false;
        let mut quit = false;
        for (ci, command) in commands.iter().enumerate() {
            let matches_addr = |addr: &Address, space: &str| match addr {
                Address::Line(l) => number == *l,
                Address::Last => number == total,
                Address::Regex(re) => re.is_match(space),
            };
            let selected = match (&command.from, &command.to) {
                (None, _) => true,
                (Some(a), None) => matches_addr(a, &space),
                (Some(a), Some(b)) => {
                    if active[ci] {
                        let end = match b {
                            Address::Line(l) => number >= *l,
                            other => matches_addr(other, &space),
                        };
                        if end {
                            active[ci] = false;
                        }
                        true
                    } else if matches_addr(a, &space) {
                        let end_now = matches!(b, Address::Line(l) if *l <= number);
                        active[ci] = !end_now;
                        true
                    } else {
                        false
                    }
                }
            };
            if selected == command.negate {
                continue;
            }
            match &command.op {
                SedOp::Print => {
                    out.push_str(&space);
                    out.push('\n');
                }
                SedOp::Delete => {
                    deleted = true;
                    break;
                }
                SedOp::Quit => {
                    quit = true;
                    break;
                }
                SedOp::Equals => out.push_str(&format!("{number}\n")),
                SedOp::Substitute {
                    re,
                    replacement,
                    global,
                    nth,
                    print,
                } => {
                    let mut result = String::new();
                    let mut last = 0;
                    let mut count = 0;
                    let mut changed = false;
                    for caps in re.captures_iter(&space) {
                        let Some(m) = caps.get(0) else { continue };
                        count += 1;
                        if count < *nth || (!*global && count > *nth) {
                            continue;
                        }
                        result.push_str(&space[last..m.start()]);
                        let mut chars = replacement.chars();
                        while let Some(c) = chars.next() {
                            match c {
                                '&' => result.push_str(m.as_str()),
                                '\\' => match chars.next() {
                                    Some(d @ '0'..='9') => {
                                        let g = d.to_digit(10).unwrap_or(0) as usize;
                                        result.push_str(caps.get(g).map_or("", |m| m.as_str()));
                                    }
                                    Some('n') => result.push('\n'),
                                    Some('t') => result.push('\t'),
                                    Some(other) => result.push(other),
                                    None => result.push('\\'),
                                },
                                c => result.push(c),
                            }
                        }
                        last = m.end();
                        changed = true;
                    }
                    if changed {
                        result.push_str(&space[last..]);
                        space = result;
                        if *print {
                            out.push_str(&space);
                            out.push('\n');
                        }
                    }
                }
            }
        }
        if !deleted && !quiet {
            out.push_str(&space);
            out.push('\n');
        }
        if quit {
            break;
        }
    }
    out
}
