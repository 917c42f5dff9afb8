//! The lexer and parser for the bash subset learners type: quoting, expansions, pipes, lists, redirections and heredocs.

use super::ast::{
    AndOr, Command, Compound, Connector, Param, ParamOp, Part, Pipeline, Redirect, RedirectKind,
    Script, Word,
};

/// Why an input could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The input ended inside a construct; the text is what bash says at end of file.
    Incomplete(String),
    /// A token appeared where bash does not accept it.
    Syntax(String),
    /// A whole message of its own, such as a bad `for` variable.
    Message(String),
}

impl ParseError {
    /// The lines bash prints for this error.
    pub fn message(&self) -> String {
        match self {
            ParseError::Incomplete(what) if what.is_empty() => {
                "bash: syntax error: unexpected end of file\n".to_owned()
            }
            ParseError::Incomplete(what) => {
                format!("bash: {what}\nbash: syntax error: unexpected end of file\n")
            }
            ParseError::Syntax(token) => {
                format!("bash: syntax error near unexpected token `{token}'\n")
            }
            ParseError::Message(text) => format!("bash: {text}\n"),
        }
    }
}

/// A parsed input with the warnings bash would print while reading it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// The syntax tree.
    pub script: Script,
    /// Warnings such as a heredoc ended by end of file.
    pub warnings: Vec<String>,
    /// Whether a heredoc was still open at the end of the input.
    pub open_heredoc: bool,
}

/// Parses a complete input, possibly spanning several lines.
pub fn parse(input: &str) -> Result<Parsed, ParseError> {
    let mut parser = Parser::new(input);
    let script = parser.script(None)?;
    Ok(Parsed {
        script,
        warnings: parser.warnings,
        open_heredoc: parser.open_heredoc,
    })
}

/// Whether `input` is unfinished (an open quote or heredoc, or a trailing `|`, `&&`, `||` or `\`), so the UI should read another line.
pub fn needs_more_input(input: &str) -> bool {
    match parse(input) {
        Ok(parsed) => parsed.open_heredoc,
        Err(ParseError::Incomplete(_)) => true,
        Err(ParseError::Syntax(_) | ParseError::Message(_)) => false,
    }
}

/// Whether `name` is a valid shell variable name.
pub fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(Word, String),
    Op(&'static str),
    Redir(Option<u32>, &'static str),
    Newline,
    Eof,
}

const MAX_DEPTH: usize = 64;

/// Reserved words that may not start a command.
const RESERVED_CLOSERS: [&str; 7] = ["then", "do", "done", "fi", "else", "elif", "}"];

struct Parser {
    s: Vec<char>,
    i: usize,
    peeked: Option<(Tok, usize)>,
    warnings: Vec<String>,
    open_heredoc: bool,
    /// The newline after which heredoc bodies of the current line start, and where reading resumes after them.
    heredoc_skip: Option<(usize, usize)>,
    depth: usize,
}

impl Parser {
    fn new(input: &str) -> Self {
        Parser {
            s: input.chars().collect(),
            i: 0,
            peeked: None,
            warnings: Vec::new(),
            open_heredoc: false,
            heredoc_skip: None,
            depth: 0,
        }
    }

    // ----- grammar -----

    fn script(&mut self, until: Option<&'static str>) -> Result<Script, ParseError> {
        self.list(until, &[])
    }

    /// Parses and-or lists up to the operator `until` (consumed) or one of the reserved words `words` (not consumed).
    fn list(&mut self, until: Option<&'static str>, words: &[&str]) -> Result<Script, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::Syntax("(".to_owned()));
        }
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                Tok::Newline => {
                    self.next()?;
                }
                Tok::Word(_, raw) if words.contains(&raw.as_str()) => break,
                Tok::Eof if !words.is_empty() => return Err(ParseError::Incomplete(String::new())),
                Tok::Eof => {
                    if until.is_some() {
                        return Err(ParseError::Incomplete(
                            "unexpected EOF while looking for matching `)'".to_owned(),
                        ));
                    }
                    break;
                }
                Tok::Op(op) if Some(op) == until => {
                    self.next()?;
                    break;
                }
                _ => {
                    items.push(self.and_or()?);
                    match self.peek()? {
                        Tok::Op(";") | Tok::Op("&") | Tok::Newline => {
                            self.next()?;
                        }
                        Tok::Eof => {}
                        Tok::Op(op) if Some(op) == until => {}
                        Tok::Word(_, raw) if words.contains(&raw.as_str()) => {}
                        other => return Err(syntax(&other)),
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Script { items })
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let connector = match self.peek()? {
                Tok::Op("&&") => Connector::And,
                Tok::Op("||") => Connector::Or,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((connector, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let mut negated = false;
        if let Tok::Word(_, raw) = self.peek()?
            && raw == "!"
        {
            self.next()?;
            negated = true;
        }
        let mut commands = vec![self.command()?];
        while let Tok::Op("|") = self.peek()? {
            self.next()?;
            self.skip_newlines()?;
            commands.push(self.command()?);
        }
        Ok(Pipeline { negated, commands })
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        let mut command = Command::default();
        match self.peek()? {
            Tok::Word(_, raw) if matches!(raw.as_str(), "for" | "if" | "while" | "until" | "{") => {
                self.next()?;
                command.compound = Some(Box::new(self.compound(&raw)?));
                return self.trailing_redirects(command);
            }
            Tok::Word(_, raw) if RESERVED_CLOSERS.contains(&raw.as_str()) => {
                return Err(ParseError::Syntax(raw));
            }
            Tok::Op("(") => {
                self.next()?;
                let body = self.script(Some(")"))?;
                command.compound = Some(Box::new(Compound::Subshell(body)));
                return self.trailing_redirects(command);
            }
            _ => {}
        }
        loop {
            match self.peek()? {
                Tok::Word(word, _) => {
                    self.next()?;
                    if command.words.is_empty()
                        && let Some(assign) = split_assignment(&word)
                    {
                        command.assigns.push(assign);
                    } else {
                        command.words.push(word);
                    }
                }
                Tok::Redir(fd, op) => {
                    self.next()?;
                    command.redirects.push(self.redirect(fd, op)?);
                }
                Tok::Eof
                    if command.words.is_empty()
                        && command.assigns.is_empty()
                        && command.redirects.is_empty() =>
                {
                    return Err(ParseError::Incomplete(String::new()));
                }
                other => {
                    if command.words.is_empty()
                        && command.assigns.is_empty()
                        && command.redirects.is_empty()
                    {
                        return Err(syntax(&other));
                    }
                    return Ok(command);
                }
            }
        }
    }

    fn trailing_redirects(&mut self, mut command: Command) -> Result<Command, ParseError> {
        loop {
            match self.peek()? {
                Tok::Redir(fd, op) => {
                    self.next()?;
                    command.redirects.push(self.redirect(fd, op)?);
                }
                Tok::Word(_, raw) => return Err(ParseError::Syntax(raw)),
                _ => return Ok(command),
            }
        }
    }

    /// Expects the reserved word `word` next.
    fn keyword(&mut self, word: &str) -> Result<(), ParseError> {
        match self.next()? {
            Tok::Word(_, raw) if raw == word => Ok(()),
            Tok::Eof => Err(ParseError::Incomplete(String::new())),
            other => Err(syntax(&other)),
        }
    }

    fn compound(&mut self, word: &str) -> Result<Compound, ParseError> {
        match word {
            "for" => {
                let var = match self.next()? {
                    Tok::Word(_, raw) if is_name(&raw) => raw,
                    Tok::Eof => return Err(ParseError::Incomplete(String::new())),
                    Tok::Word(_, raw) => {
                        return Err(ParseError::Message(format!(
                            "`{raw}': not a valid identifier"
                        )));
                    }
                    other => return Err(syntax(&other)),
                };
                let mut words = Vec::new();
                self.skip_newlines()?;
                if let Tok::Word(_, raw) = self.peek()?
                    && raw == "in"
                {
                    self.next()?;
                    loop {
                        match self.next()? {
                            Tok::Word(word, _) => words.push(word),
                            Tok::Op(";") | Tok::Newline => break,
                            Tok::Eof => return Err(ParseError::Incomplete(String::new())),
                            other => return Err(syntax(&other)),
                        }
                    }
                } else if let Tok::Op(";") = self.peek()? {
                    self.next()?;
                }
                self.skip_newlines()?;
                self.keyword("do")?;
                let body = self.list(None, &["done"])?;
                self.keyword("done")?;
                Ok(Compound::For { var, words, body })
            }
            "if" => {
                let mut branches = Vec::new();
                let mut otherwise = None;
                let cond = self.list(None, &["then"])?;
                self.keyword("then")?;
                let body = self.list(None, &["elif", "else", "fi"])?;
                branches.push((cond, body));
                loop {
                    match self.next()? {
                        Tok::Word(_, raw) if raw == "elif" => {
                            let cond = self.list(None, &["then"])?;
                            self.keyword("then")?;
                            let body = self.list(None, &["elif", "else", "fi"])?;
                            branches.push((cond, body));
                        }
                        Tok::Word(_, raw) if raw == "else" => {
                            otherwise = Some(self.list(None, &["fi"])?);
                            self.keyword("fi")?;
                            break;
                        }
                        Tok::Word(_, raw) if raw == "fi" => break,
                        Tok::Eof => return Err(ParseError::Incomplete(String::new())),
                        other => return Err(syntax(&other)),
                    }
                }
                Ok(Compound::If {
                    branches,
                    otherwise,
                })
            }
            "while" | "until" => {
                let cond = self.list(None, &["do"])?;
                self.keyword("do")?;
                let body = self.list(None, &["done"])?;
                self.keyword("done")?;
                Ok(Compound::While {
                    until: word == "until",
                    cond,
                    body,
                })
            }
            _ => {
                let body = self.list(None, &["}"])?;
                self.keyword("}")?;
                Ok(Compound::Group(body))
            }
        }
    }

    fn redirect(&mut self, fd: Option<u32>, op: &'static str) -> Result<Redirect, ParseError> {
        if op == "<<" || op == "<<-" {
            let (word, raw) = self.target()?;
            let body = self.heredoc(&word, &raw, op == "<<-")?;
            return Ok(Redirect {
                fd: fd.unwrap_or(0),
                kind: RedirectKind::Heredoc(body),
            });
        }
        let (word, raw) = self.target()?;
        let kind = match op {
            ">" | ">|" => RedirectKind::Out(word),
            ">>" => RedirectKind::Append(word),
            "<" => RedirectKind::In(word),
            "<<<" => RedirectKind::HereString(word),
            "&>" => RedirectKind::Both(word, false),
            "&>>" => RedirectKind::Both(word, true),
            ">&" | "<&" => match raw.parse::<u32>() {
                Ok(n) => RedirectKind::Dup(n),
                Err(_) if op == ">&" && raw == "-" => RedirectKind::Dup(u32::MAX),
                Err(_) if op == ">&" && fd.is_none() => RedirectKind::Both(word, false),
                Err(_) => RedirectKind::Dup(u32::MAX - 1),
            },
            _ => RedirectKind::Out(word),
        };
        let default = if op.starts_with('<') { 0 } else { 1 };
        Ok(Redirect {
            fd: fd.unwrap_or(default),
            kind,
        })
    }

    fn target(&mut self) -> Result<(Word, String), ParseError> {
        match self.next()? {
            Tok::Word(word, raw) => Ok((word, raw)),
            Tok::Eof => Err(ParseError::Syntax("newline".to_owned())),
            other => Err(syntax(&other)),
        }
    }

    fn skip_newlines(&mut self) -> Result<(), ParseError> {
        while let Tok::Newline = self.peek()? {
            self.next()?;
        }
        Ok(())
    }

    // ----- heredocs -----

    fn heredoc(
        &mut self,
        word: &Word,
        raw: &str,
        strip_tabs: bool,
    ) -> Result<Vec<Part>, ParseError> {
        let quoted = raw.contains(['\'', '"', '\\']);
        let delim = literal_text(word);
        let start = match self.heredoc_skip {
            Some((_, resume)) => resume,
            None => match self.s[self.i..].iter().position(|&c| c == '\n') {
                Some(offset) => self.i + offset + 1,
                None => {
                    // The body has not been typed yet.
                    self.open_heredoc = true;
                    self.warn_heredoc(&delim);
                    self.heredoc_skip = Some((self.s.len(), self.s.len()));
                    return Ok(Vec::new());
                }
            },
        };
        let newline = match self.heredoc_skip {
            Some((newline, _)) => newline,
            None => start - 1,
        };
        let mut body = String::new();
        let mut pos = start;
        let mut closed = false;
        while pos < self.s.len() {
            let end = self.s[pos..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(self.s.len(), |o| pos + o);
            let line: String = self.s[pos..end].iter().collect();
            let line = if strip_tabs {
                line.trim_start_matches('\t').to_owned()
            } else {
                line
            };
            pos = (end + 1).min(self.s.len());
            if line == delim {
                closed = true;
                break;
            }
            body.push_str(&line);
            body.push('\n');
        }
        if !closed {
            self.open_heredoc = true;
            self.warn_heredoc(&delim);
        }
        self.heredoc_skip = Some((newline, pos));
        if quoted {
            Ok(vec![Part::Quoted(body)])
        } else {
            heredoc_parts(&body)
        }
    }

    fn warn_heredoc(&mut self, delim: &str) {
        let line = self.s[..self.i.min(self.s.len())]
            .iter()
            .filter(|&&c| c == '\n')
            .count()
            + 1;
        self.warnings.push(format!(
            "bash: warning: here-document at line {line} delimited by end-of-file (wanted `{delim}')\n"
        ));
    }

    // ----- tokens -----

    fn peek(&mut self) -> Result<Tok, ParseError> {
        if self.peeked.is_none() {
            let start = self.i;
            let tok = self.lex()?;
            self.peeked = Some((tok, start));
        }
        Ok(self
            .peeked
            .as_ref()
            .map(|(t, _)| t.clone())
            .unwrap_or(Tok::Eof))
    }

    fn next(&mut self) -> Result<Tok, ParseError> {
        let tok = self.peek()?;
        self.peeked = None;
        Ok(tok)
    }

    fn at(&self, offset: usize) -> Option<char> {
        self.s.get(self.i + offset).copied()
    }

    fn lex(&mut self) -> Result<Tok, ParseError> {
        loop {
            match self.at(0) {
                Some(' ' | '\t' | '\r') => self.i += 1,
                Some('\\') if self.at(1) == Some('\n') => {
                    if self.at(2).is_none() {
                        return Err(ParseError::Incomplete(String::new()));
                    }
                    self.i += 2;
                }
                Some('#') => {
                    while !matches!(self.at(0), None | Some('\n')) {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
        let Some(c) = self.at(0) else {
            if self.heredoc_skip.take().is_some() {
                self.i = self.s.len();
            }
            return Ok(Tok::Eof);
        };
        if c == '\n' {
            match self.heredoc_skip {
                Some((newline, resume)) if newline <= self.i => {
                    self.heredoc_skip = None;
                    self.i = resume;
                }
                _ => self.i += 1,
            }
            return Ok(Tok::Newline);
        }
        // A file descriptor number directly before a redirection operator.
        let digits = self.s[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 && matches!(self.at(digits), Some('<' | '>')) {
            let fd: String = self.s[self.i..self.i + digits].iter().collect();
            self.i += digits;
            let op = self.operator().unwrap_or(">");
            return Ok(Tok::Redir(Some(fd.parse().unwrap_or(u32::MAX)), op));
        }
        if let Some(op) = self.operator() {
            return Ok(match op {
                "<" | ">" | ">>" | "<<" | "<<-" | "<<<" | ">&" | "<&" | "&>" | "&>>" | ">|" => {
                    Tok::Redir(None, op)
                }
                _ => Tok::Op(op),
            });
        }
        let start = self.i;
        let word = self.word()?;
        let raw: String = self.s[start..self.i].iter().collect();
        Ok(Tok::Word(word, raw))
    }

    fn operator(&mut self) -> Option<&'static str> {
        const OPS: [&str; 19] = [
            "&>>", "<<<", "<<-", "&&", "||", ";;", "&>", "<<", ">>", ">&", "<&", ">|", "|&", "|",
            ";", "&", "<", ">", "(",
        ];
        for op in OPS.iter().chain([")"].iter()) {
            let n = op.chars().count();
            if self.s.len() >= self.i + n
                && self.s[self.i..self.i + n].iter().copied().eq(op.chars())
            {
                self.i += n;
                return Some(if *op == "|&" { "|" } else { op });
            }
        }
        None
    }

    fn word(&mut self) -> Result<Word, ParseError> {
        let mut parts = Vec::new();
        while let Some(c) = self.at(0) {
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')' => break,
                '\'' => {
                    self.i += 1;
                    let mut text = String::new();
                    loop {
                        match self.at(0) {
                            None => {
                                return Err(ParseError::Incomplete(
                                    "unexpected EOF while looking for matching `''".to_owned(),
                                ));
                            }
                            Some('\'') => break,
                            Some(c) => text.push(c),
                        }
                        self.i += 1;
                    }
                    self.i += 1;
                    push_part(&mut parts, Part::Quoted(text));
                }
                '"' => {
                    self.i += 1;
                    let inner = self.double_quoted(Some('"'))?;
                    parts.push(Part::Double(inner));
                }
                '\\' => match self.at(1) {
                    None => return Err(ParseError::Incomplete(String::new())),
                    Some('\n') if self.at(2).is_none() => {
                        return Err(ParseError::Incomplete(String::new()));
                    }
                    Some('\n') => self.i += 2,
                    Some(c) => {
                        self.i += 2;
                        push_part(&mut parts, Part::Quoted(c.to_string()));
                    }
                },
                '$' if self.at(1) == Some('\'') => {
                    self.i += 2;
                    let mut text = String::new();
                    loop {
                        match self.at(0) {
                            None => {
                                return Err(ParseError::Incomplete(
                                    "unexpected EOF while looking for matching `''".to_owned(),
                                ));
                            }
                            Some('\'') => break,
                            Some('\\') if self.at(1).is_some() => {
                                text.push('\\');
                                text.push(self.at(1).unwrap_or('\\'));
                                self.i += 1;
                            }
                            Some(c) => text.push(c),
                        }
                        self.i += 1;
                    }
                    self.i += 1;
                    push_part(&mut parts, Part::Quoted(ansi_c(&text)));
                }
                '$' => {
                    let part = self.dollar()?;
                    push_part(&mut parts, part);
                }
                '`' => {
                    let part = self.backquote()?;
                    parts.push(part);
                }
                c => {
                    self.i += 1;
                    push_part(&mut parts, Part::Lit(c.to_string()));
                }
            }
        }
        Ok(Word { parts })
    }

    /// Reads the inside of a double-quoted string (or a `${...}` word when `end` is `}`) up to its end character.
    fn double_quoted(&mut self, end: Option<char>) -> Result<Vec<Part>, ParseError> {
        let mut parts = Vec::new();
        loop {
            let Some(c) = self.at(0) else {
                return match end {
                    Some('"') => Err(ParseError::Incomplete(
                        "unexpected EOF while looking for matching `\"'".to_owned(),
                    )),
                    Some(_) => Err(ParseError::Incomplete(
                        "unexpected EOF while looking for matching `}'".to_owned(),
                    )),
                    None => Ok(parts),
                };
            };
            if Some(c) == end {
                self.i += 1;
                return Ok(parts);
            }
            match c {
                '\\' => match self.at(1) {
                    Some('\n') => self.i += 2,
                    Some(e @ ('$' | '`' | '"' | '\\')) => {
                        self.i += 2;
                        push_part(&mut parts, Part::Quoted(e.to_string()));
                    }
                    Some('}') if end == Some('}') => {
                        self.i += 2;
                        push_part(&mut parts, Part::Quoted("}".to_owned()));
                    }
                    Some(_) => {
                        self.i += 1;
                        push_part(&mut parts, Part::Quoted("\\".to_owned()));
                    }
                    None => {
                        self.i += 1;
                        push_part(&mut parts, Part::Quoted("\\".to_owned()));
                    }
                },
                '$' => {
                    let part = self.dollar()?;
                    let part = match part {
                        Part::Lit(text) => Part::Quoted(text),
                        other => other,
                    };
                    push_part(&mut parts, part);
                }
                '`' => {
                    let part = self.backquote()?;
                    parts.push(part);
                }
                '"' if end == Some('}') => {
                    self.i += 1;
                    let inner = self.double_quoted(Some('"'))?;
                    parts.push(Part::Double(inner));
                }
                '\'' if end == Some('}') => {
                    self.i += 1;
                    let mut text = String::new();
                    while let Some(c) = self.at(0) {
                        self.i += 1;
                        if c == '\'' {
                            break;
                        }
                        text.push(c);
                    }
                    push_part(&mut parts, Part::Quoted(text));
                }
                c => {
                    self.i += 1;
                    push_part(&mut parts, Part::Quoted(c.to_string()));
                }
            }
        }
    }

    fn dollar(&mut self) -> Result<Part, ParseError> {
        // self.at(0) is '$'.
        match self.at(1) {
            Some('(') if self.at(2) == Some('(') => {
                self.i += 3;
                let mut depth = 0;
                let start = self.i;
                loop {
                    match self.at(0) {
                        None => {
                            return Err(ParseError::Incomplete(
                                "unexpected EOF while looking for matching `)'".to_owned(),
                            ));
                        }
                        Some('(') => depth += 1,
                        Some(')') if depth == 0 && self.at(1) == Some(')') => break,
                        Some(')') => depth -= 1,
                        _ => {}
                    }
                    self.i += 1;
                }
                let text: String = self.s[start..self.i].iter().collect();
                self.i += 2;
                Ok(Part::Arith(heredoc_parts(&text)?))
            }
            Some('(') => {
                self.i += 2;
                self.peeked = None;
                let saved_skip = self.heredoc_skip;
                let script = self.script(Some(")"))?;
                if self.heredoc_skip.is_none() {
                    self.heredoc_skip = saved_skip;
                }
                Ok(Part::Subst(script))
            }
            Some('{') => {
                self.i += 2;
                self.braced()
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                self.i += 1;
                let mut name = String::new();
                while let Some(c) = self.at(0) {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                Ok(Part::Param(Param {
                    name,
                    op: ParamOp::None,
                }))
            }
            Some(c @ ('?' | '$' | '#' | '@' | '*' | '!' | '-' | '0'..='9')) => {
                self.i += 2;
                Ok(Part::Param(Param {
                    name: c.to_string(),
                    op: ParamOp::None,
                }))
            }
            _ => {
                self.i += 1;
                Ok(Part::Lit("$".to_owned()))
            }
        }
    }

    fn braced(&mut self) -> Result<Part, ParseError> {
        let bad = |p: &mut Parser| {
            while !matches!(p.at(0), None | Some('}')) {
                p.i += 1;
            }
            ParseError::Syntax("${".to_owned())
        };
        let length = self.at(0) == Some('#') && self.at(1).is_some_and(|c| c != '}');
        if length {
            self.i += 1;
        }
        let mut name = String::new();
        match self.at(0) {
            Some(c @ ('?' | '$' | '#' | '@' | '*' | '!' | '-' | '0'..='9')) => {
                name.push(c);
                self.i += 1;
            }
            _ => {
                while let Some(c) = self.at(0) {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.i += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        if name.is_empty() {
            if self.at(0).is_none() {
                return Err(ParseError::Incomplete(
                    "unexpected EOF while looking for matching `}'".to_owned(),
                ));
            }
            return Err(bad(self));
        }
        if length {
            return match self.at(0) {
                Some('}') => {
                    self.i += 1;
                    Ok(Part::Param(Param {
                        name,
                        op: ParamOp::Length,
                    }))
                }
                None => Err(ParseError::Incomplete(
                    "unexpected EOF while looking for matching `}'".to_owned(),
                )),
                _ => Err(bad(self)),
            };
        }
        let colon = self.at(0) == Some(':');
        let op_char = if colon { self.at(1) } else { self.at(0) };
        let kind = match op_char {
            Some('}') if !colon => {
                self.i += 1;
                return Ok(Part::Param(Param {
                    name,
                    op: ParamOp::None,
                }));
            }
            Some(c @ ('-' | '=' | '+')) => c,
            Some(c @ ('#' | '%')) if !colon => c,
            None => {
                return Err(ParseError::Incomplete(
                    "unexpected EOF while looking for matching `}'".to_owned(),
                ));
            }
            _ => return Err(bad(self)),
        };
        self.i += if colon { 2 } else { 1 };
        let longest = matches!(kind, '#' | '%') && self.at(0) == Some(kind);
        if longest {
            self.i += 1;
        }
        let word = self.double_quoted(Some('}'))?;
        let op = match kind {
            '-' => ParamOp::Default(colon, word),
            '=' => ParamOp::Assign(colon, word),
            '+' => ParamOp::Alt(colon, word),
            '#' => ParamOp::StripPrefix(longest, word),
            _ => ParamOp::StripSuffix(longest, word),
        };
        Ok(Part::Param(Param { name, op }))
    }

    fn backquote(&mut self) -> Result<Part, ParseError> {
        self.i += 1;
        let mut inner = String::new();
        loop {
            match self.at(0) {
                None => {
                    return Err(ParseError::Incomplete(
                        "unexpected EOF while looking for matching ``'".to_owned(),
                    ));
                }
                Some('`') => {
                    self.i += 1;
                    break;
                }
                Some('\\') if matches!(self.at(1), Some('`' | '\\' | '$')) => {
                    inner.push(self.at(1).unwrap_or('\\'));
                    self.i += 2;
                }
                Some(c) => {
                    inner.push(c);
                    self.i += 1;
                }
            }
        }
        let mut nested = Parser::new(&inner);
        nested.depth = self.depth + 1;
        if nested.depth > MAX_DEPTH {
            return Err(ParseError::Syntax("`".to_owned()));
        }
        let script = nested.script(None)?;
        Ok(Part::Subst(script))
    }
}

/// Splits the body of an unquoted heredoc into literal text and expansions.
fn heredoc_parts(body: &str) -> Result<Vec<Part>, ParseError> {
    let mut parser = Parser::new(body);
    let mut parts = Vec::new();
    while let Some(c) = parser.at(0) {
        match c {
            '\\' => match parser.at(1) {
                Some('\n') => parser.i += 2,
                Some(e @ ('$' | '`' | '\\')) => {
                    parser.i += 2;
                    push_part(&mut parts, Part::Quoted(e.to_string()));
                }
                _ => {
                    parser.i += 1;
                    push_part(&mut parts, Part::Quoted("\\".to_owned()));
                }
            },
            '$' => {
                let part = match parser.dollar()? {
                    Part::Lit(text) => Part::Quoted(text),
                    other => other,
                };
                push_part(&mut parts, part);
            }
            '`' => {
                let part = parser.backquote()?;
                parts.push(part);
            }
            c => {
                parser.i += 1;
                push_part(&mut parts, Part::Quoted(c.to_string()));
            }
        }
    }
    Ok(parts)
}

/// Interprets the backslash escapes of a `$'...'` string.
fn ansi_c(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('e' | 'E') => out.push('\x1b'),
            Some('a') => out.push('\x07'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn push_part(parts: &mut Vec<Part>, part: Part) {
    match (parts.last_mut(), part) {
        (Some(Part::Lit(prev)), Part::Lit(text)) => prev.push_str(&text),
        (Some(Part::Quoted(prev)), Part::Quoted(text)) => prev.push_str(&text),
        (_, part) => parts.push(part),
    }
}

/// The text of a word with quotes removed and no expansion, as used for heredoc delimiters.
fn literal_text(word: &Word) -> String {
    fn walk(parts: &[Part], out: &mut String) {
        for part in parts {
            match part {
                Part::Lit(text) | Part::Quoted(text) => out.push_str(text),
                Part::Double(inner) => walk(inner, out),
                Part::Param(param) => {
                    out.push('$');
                    out.push_str(&param.name);
                }
                Part::Subst(_) => out.push_str("$()"),
                Part::Arith(_) => out.push_str("$(())"),
            }
        }
    }
    let mut out = String::new();
    walk(&word.parts, &mut out);
    out
}

fn split_assignment(word: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit(first)) = word.parts.first() else {
        return None;
    };
    let eq = first.find('=')?;
    let name = &first[..eq];
    if !is_name(name) {
        return None;
    }
    let mut parts = Vec::new();
    if eq + 1 < first.len() {
        parts.push(Part::Lit(first[eq + 1..].to_owned()));
    }
    parts.extend(word.parts[1..].iter().cloned());
    Some((name.to_owned(), Word { parts }))
}

fn syntax(tok: &Tok) -> ParseError {
    match tok {
        Tok::Op(op) => ParseError::Syntax((*op).to_owned()),
        Tok::Redir(_, op) => ParseError::Syntax((*op).to_owned()),
        Tok::Newline => ParseError::Syntax("newline".to_owned()),
        Tok::Word(_, raw) => ParseError::Syntax(raw.clone()),
        Tok::Eof => ParseError::Incomplete(String::new()),
    }
}
