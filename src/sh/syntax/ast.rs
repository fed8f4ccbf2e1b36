//! The shape of a parsed command line: lists of and-or chains of pipelines of commands, and words
//! made of literal, quoted and expanded parts.

use std::rc::Rc;

/// A sequence of commands separated by `;`, `&` or newlines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    /// The commands in order.
    pub items: Vec<AndOr>,
}

/// How two pipelines of an and-or chain are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    /// `&&`: run the next one if this one succeeded.
    And,
    /// `||`: run the next one if this one failed.
    Or,
}

/// `a && b || c`, optionally sent to the background with `&`.
#[derive(Debug, Clone, PartialEq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The rest, each with the connector before it.
    pub rest: Vec<(Connector, Pipeline)>,
    /// Whether it ended with `&`.
    pub background: bool,
}

/// `! a | b | c`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    /// Whether the status is negated with `!`.
    pub bang: bool,
    /// The commands, left to right.
    pub commands: Vec<Command>,
}

/// One command of a pipeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Assignments, words and redirections.
    Simple(Simple),
    /// A compound command with redirections applied to all of it.
    Compound(Compound, Vec<Redir>),
    /// `name() { … }`.
    Function(String, Rc<Command>),
}

/// `A=1 B=2 cmd arg >file`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Simple {
    /// Variable assignments before the command name.
    pub assigns: Vec<(String, Word)>,
    /// The command name and its arguments.
    pub words: Vec<Word>,
    /// Redirections, in order.
    pub redirs: Vec<Redir>,
    /// The 1-based line of the text where the command starts, for messages.
    pub line: usize,
}

/// One arm of a `case`.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseArm {
    /// The patterns separated by `|`.
    pub patterns: Vec<Word>,
    /// The commands run when one matches.
    pub body: List,
}

/// Compound commands.
#[derive(Debug, Clone, PartialEq)]
pub enum Compound {
    /// `{ …; }`.
    Brace(List),
    /// `( … )`.
    Subshell(List),
    /// `for NAME [in WORDS]; do …; done`.
    For {
        /// The loop variable.
        var: String,
        /// The words, or None for `"$@"`.
        words: Option<Vec<Word>>,
        /// The body.
        body: List,
    },
    /// `while …; do …; done` or `until …`.
    While {
        /// Whether this is `until`.
        until: bool,
        /// The condition.
        cond: List,
        /// The body.
        body: List,
    },
    /// `if … then … elif … else … fi`.
    If {
        /// Conditions with their branches.
        branches: Vec<(List, List)>,
        /// The `else` branch.
        otherwise: Option<List>,
    },
    /// `case WORD in pattern) …;; esac`.
    Case {
        /// The word matched.
        word: Word,
        /// The arms in order.
        arms: Vec<CaseArm>,
    },
    /// `[[ … ]]`, kept as words.
    Test(Vec<Word>),
}

/// Redirection operators.
#[derive(Debug, Clone, PartialEq)]
pub enum RedirOp {
    /// `>` (and `>|`).
    Out,
    /// `>>`.
    Append,
    /// `<`.
    In,
    /// `>&N` / `<&N` (duplicate), or `>&-` to close.
    Dup,
    /// `&>file` and `>&file` (both streams).
    Both,
    /// `<<<word`.
    HereString,
    /// `<<EOF` / `<<-EOF`: the body after expansion rules were applied at parse time.
    HereDoc(Word),
}

/// One redirection.
#[derive(Debug, Clone, PartialEq)]
pub struct Redir {
    /// The file descriptor written before the operator, if any.
    pub fd: Option<u32>,
    /// The operator.
    pub op: RedirOp,
    /// The target word (empty for here-documents).
    pub target: Word,
}

/// A word: the concatenation of its parts.
pub type Word = Vec<Part>;

/// One piece of a word.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Unquoted text: field-split results don't apply, but globbing does.
    Lit(String),
    /// Quoted text (single quotes, backslash escapes, `$'…'`): taken literally.
    Quoted(String),
    /// `"…"`: its parts, expanded without field splitting or globbing.
    Double(Vec<Part>),
    /// `$name`, `${…}`.
    Param(Param),
    /// `$(…)` or backquotes.
    Command(Rc<List>),
    /// `$((…))`, as text to evaluate after expansion.
    Arith(Vec<Part>),
    /// `~` or `~user` at the start of a word.
    Tilde(String),
}

/// Parameter expansion operators.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamOp {
    /// `${#x}`.
    Length,
    /// `${x:-w}` (colon: also when empty).
    Default(bool, Word),
    /// `${x:=w}`.
    Assign(bool, Word),
    /// `${x:+w}`.
    Alternative(bool, Word),
    /// `${x:?w}`.
    Error(bool, Word),
    /// `${x#p}` / `${x##p}` (true: longest).
    TrimPrefix(bool, Word),
    /// `${x%p}` / `${x%%p}`.
    TrimSuffix(bool, Word),
    /// `${x/p/r}` / `${x//p/r}` (true: all).
    Replace(bool, Word, Word),
    /// `${x:offset[:length]}`.
    Slice(Word, Option<Word>),
    /// `${x^^}` / `${x,,}` (true: upper).
    Case(bool),
}

/// `$name` or `${name op}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The parameter name (`HOME`, `1`, `?`, `@` …).
    pub name: String,
    /// The operator, if any.
    pub op: Option<Box<ParamOp>>,
}

/// The text of a word that is entirely unquoted literal, as reserved words and assignments need.
pub fn literal(word: &Word) -> Option<&str> {
    match word.as_slice() {
        [Part::Lit(s)] => Some(s),
        _ => None,
    }
}
