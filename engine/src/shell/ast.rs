//! The syntax tree of a parsed shell input: lists of pipelines of simple commands made of words.

/// A whole input: and-or lists run one after another.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    /// The lists, in order.
    pub items: Vec<AndOr>,
}

/// Pipelines joined by `&&` and `||`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// Each later pipeline with the operator before it.
    pub rest: Vec<(Connector, Pipeline)>,
}

/// The compound commands the shell understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compound {
    /// `for NAME in WORDS; do BODY; done`.
    For {
        /// The loop variable.
        var: String,
        /// The words looped over.
        words: Vec<Word>,
        /// The loop body.
        body: Script,
    },
    /// `if COND; then BODY; elif COND; then BODY; else BODY; fi`.
    If {
        /// Each condition with its body.
        branches: Vec<(Script, Script)>,
        /// The `else` body.
        otherwise: Option<Script>,
    },
    /// `while COND; do BODY; done` (or `until` when `until` is set).
    While {
        /// Whether this is an `until` loop.
        until: bool,
        /// The condition.
        cond: Script,
        /// The body.
        body: Script,
    },
    /// `{ LIST; }`: runs in the current shell.
    Group(Script),
    /// `( LIST )`: runs in a subshell.
    Subshell(Script),
}

/// The operator between two pipelines of an and-or list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    /// `&&`: run when the previous pipeline succeeded.
    And,
    /// `||`: run when the previous pipeline failed.
    Or,
}

/// Commands joined by `|`, optionally negated with `!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// Whether the pipeline began with `!`.
    pub negated: bool,
    /// The commands, left to right.
    pub commands: Vec<Command>,
}

/// A simple command (assignments, words and redirections) or a compound command with its redirections.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    /// A `for`, `if`, `while`, `{ ...; }` or `( ... )` in place of a simple command.
    pub compound: Option<Box<Compound>>,
    /// `NAME=value` words before the command name.
    pub assigns: Vec<(String, Word)>,
    /// The command name and its arguments.
    pub words: Vec<Word>,
    /// Redirections, in the order written.
    pub redirects: Vec<Redirect>,
}

/// One redirection of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The file descriptor redirected (0, 1 or 2; `&>` uses 1 and redirects both).
    pub fd: u32,
    /// What kind of redirection.
    pub kind: RedirectKind,
}

/// The kinds of redirection the shell understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectKind {
    /// `> file`: truncate and write.
    Out(Word),
    /// `>> file`: append.
    Append(Word),
    /// `< file`: read.
    In(Word),
    /// `&> file` or `&>> file` (with append): both streams to a file.
    Both(Word, bool),
    /// `N>&M`: duplicate descriptor M.
    Dup(u32),
    /// `<<` heredoc: the body's parts, expanded unless the delimiter was quoted.
    Heredoc(Vec<Part>),
    /// `<<< word`: a here-string.
    HereString(Word),
}

/// A word: pieces that expand and concatenate into zero or more fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// The pieces, in order.
    pub parts: Vec<Part>,
}

/// A piece of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Unquoted literal text: subject to globbing and tilde expansion.
    Lit(String),
    /// Quoted or escaped literal text: taken as is.
    Quoted(String),
    /// A double-quoted string: expansions inside are not split or globbed.
    Double(Vec<Part>),
    /// A parameter: `$NAME`, `${NAME}`, `$?`, `${NAME:-default}`.
    Param(Param),
    /// A command substitution `$(...)` or backquotes.
    Subst(Script),
    /// An arithmetic expansion `$((...))`: its expression text, expanded before evaluation.
    Arith(Vec<Part>),
}

/// A parameter expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The variable name or special parameter (`?`, `$`, `#`, `0`…`9`).
    pub name: String,
    /// The operator applied, if any.
    pub op: ParamOp,
}

/// Operators of `${...}` expansions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamOp {
    /// Plain value.
    None,
    /// `${#NAME}`: length.
    Length,
    /// `${NAME:-word}` (colon = true) or `${NAME-word}`: default.
    Default(bool, Vec<Part>),
    /// `${NAME:=word}`: assign default.
    Assign(bool, Vec<Part>),
    /// `${NAME:+word}`: alternative.
    Alt(bool, Vec<Part>),
    /// `${NAME#pat}` / `${NAME##pat}` (longest = true): strip prefix.
    StripPrefix(bool, Vec<Part>),
    /// `${NAME%pat}` / `${NAME%%pat}` (longest = true): strip suffix.
    StripSuffix(bool, Vec<Part>),
}

impl Word {
    /// A word of one literal piece.
    pub fn lit(text: &str) -> Self {
        Word {
            parts: vec![Part::Lit(text.to_owned())],
        }
    }
}
