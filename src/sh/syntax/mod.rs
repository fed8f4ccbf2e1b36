//! The shell language: a hand-written parser for the part of POSIX sh and bash that tutorials use.
//! It tells an incomplete command (an open quote, a pending here-document, `for` without `done`)
//! apart from a wrong one, which is what the terminal needs to show a `> ` continuation prompt.

pub mod ast;
mod compound;
mod dollar;
mod parse;
mod scan;
mod simple;

pub use ast::*;

/// Why a text did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// More input is needed; the value says what is still open.
    Incomplete(Open),
    /// A token that cannot appear here (`done`, `)`, `;;`, `newline` …).
    Unexpected(String),
    /// A `${…}` form the shell does not know.
    BadSubstitution(String),
    /// Nesting deeper than the parser follows (a guard against runaway input).
    TooDeep,
}

/// What an incomplete text is still waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// A quote (`'`, `"` or `` ` ``) or a `$(`/`${` that was not closed.
    Quote(char),
    /// A keyword such as `done` or `fi`, or more of a command after `|`, `&&` or `\`.
    Keyword(&'static str),
    /// A here-document whose delimiter line has not come.
    HereDoc(String),
}

/// A parsed text with the here-documents that ran into the end of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The commands.
    pub list: List,
    /// Here-documents closed by the end of the input: (line of the operator, wanted delimiter).
    pub unterminated_docs: Vec<(usize, String)>,
}

/// Parses `text`. With `at_end` the text is all there is (a script or `sh -c`): here-documents may
/// end with the input, as bash allows with a warning. Without it, anything open is `Incomplete`.
pub fn parse(text: &str, at_end: bool) -> Result<Parsed, ParseError> {
    let mut p = parse::Parser::new(text, at_end);
    let list = p.program()?;
    Ok(Parsed {
        list,
        unterminated_docs: p.scan.unterminated_docs,
    })
}

#[cfg(test)]
mod tests;
