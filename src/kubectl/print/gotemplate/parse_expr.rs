//! Pipelines, commands and operands (text/template/parse/parse.go, `pipeline` to `term`).

use super::funcs::is_function;
use super::lex::Kind;
use super::literal;
use super::node::{Arg, Cmd, Pipe};
use super::parse::{MAX_DEPTH, PResult, Parser};
use crate::gofmt::quote::quote;

/// Go rejects pipelines of more than 100000 commands (parse.go, `maxPipelineCmds`).
const MAX_PIPELINE_CMDS: usize = 100_000;

fn split_idents(name: &str) -> Vec<String> {
    name.split('.').map(str::to_string).collect()
}

impl Parser<'_> {
    /// `declarations? command ('|' command)*` up to `end`.
    pub fn pipeline(&mut self, context: &str, end: Kind) -> PResult<Pipe> {
        let first = self.peek_non_space();
        let mut pipe = self.new_pipe(first.pos);
        loop {
            let v = self.peek_non_space();
            if v.kind != Kind::Variable {
                break;
            }
            self.next();
            // "$x foo" needs three tokens of look-ahead to tell an argument from a declaration.
            let after = self.peek();
            let next = self.peek_non_space();
            match next.kind {
                Kind::Assign | Kind::Declare => {
                    pipe.is_assign = next.kind == Kind::Assign;
                    self.next_non_space();
                    pipe.decl.push(v.val.clone());
                    self.vars.push(v.val);
                }
                Kind::Char if next.val == "," => {
                    self.next_non_space();
                    pipe.decl.push(v.val.clone());
                    self.vars.push(v.val);
                    if context == "range" && pipe.decl.len() < 2 {
                        match self.peek_non_space().kind {
                            Kind::Variable | Kind::RightDelim | Kind::RightParen => continue,
                            _ => {
                                return self
                                    .errorf("range can only initialize variables".to_string());
                            }
                        }
                    }
                    return self.errorf(format!("too many declarations in {context}"));
                }
                _ if after.kind == Kind::Space => self.backup3(v, after),
                _ => self.backup2(v),
            }
            break;
        }
        loop {
            let t = self.next_non_space();
            match t.kind {
                k if k == end => {
                    self.check_pipeline(&pipe, context)?;
                    return Ok(pipe);
                }
                Kind::Bool
                | Kind::CharConstant
                | Kind::Complex
                | Kind::Dot
                | Kind::Field
                | Kind::Identifier
                | Kind::Number
                | Kind::Nil
                | Kind::RawString
                | Kind::String
                | Kind::Variable
                | Kind::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                    if pipe.cmds.len() > MAX_PIPELINE_CMDS {
                        return self.errorf("pipeline too long".to_string());
                    }
                }
                _ => return self.unexpected(&t, context),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return self.errorf(format!("missing value for {context}"));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if let Some(
                Arg::Bool { .. }
                | Arg::Dot { .. }
                | Arg::Nil { .. }
                | Arg::Number { .. }
                | Arg::Str { .. },
            ) = c.args.first()
            {
                return self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    /// `operand (space operand)*`, up to `|`, `}}` or `)`.
    fn command(&mut self) -> PResult<Cmd> {
        let pos = self.peek_non_space().pos;
        let mut cmd = Cmd {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(arg) = self.operand()? {
                cmd.args.push(arg);
            }
            let t = self.next();
            match t.kind {
                Kind::Space => continue,
                Kind::RightDelim | Kind::RightParen => self.backup(),
                Kind::Pipe => {}
                _ => return self.unexpected(&t, "operand"),
            }
            break;
        }
        if cmd.args.is_empty() {
            return self.errorf("empty command".to_string());
        }
        Ok(cmd)
    }

    /// A term followed by `.Field`s.
    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().kind != Kind::Field {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek().kind == Kind::Field {
            let f = self.next().val;
            fields.push(f.strip_prefix('.').unwrap_or(&f).to_string());
        }
        Ok(Some(match node {
            Arg::Field { mut idents, .. } => {
                idents.extend(fields);
                Arg::Field { pos, idents }
            }
            Arg::Variable { mut idents, .. } => {
                idents.extend(fields);
                Arg::Variable { pos, idents }
            }
            Arg::Bool { .. }
            | Arg::Str { .. }
            | Arg::Number { .. }
            | Arg::Nil { .. }
            | Arg::Dot { .. } => {
                return self.errorf(format!(
                    "unexpected . after term {}",
                    quote(&node.to_string())
                ));
            }
            other => Arg::Chain {
                pos,
                node: Box::new(other),
                fields,
            },
        }))
    }

    /// A literal, function name, `.`, `.Field`, `$x` or `( pipeline )`; None when none is next.
    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        let pos = t.pos;
        Ok(Some(match t.kind {
            Kind::Identifier => {
                if !is_function(&t.val) {
                    return self.errorf(format!("function {} not defined", quote(&t.val)));
                }
                Arg::Identifier { pos, name: t.val }
            }
            Kind::Dot => Arg::Dot { pos },
            Kind::Nil => Arg::Nil { pos },
            Kind::Variable => {
                let idents = split_idents(&t.val);
                let first = idents.first().cloned().unwrap_or_default();
                if !self.vars.contains(&first) {
                    return self.errorf(format!("undefined variable {}", quote(&first)));
                }
                Arg::Variable { pos, idents }
            }
            Kind::Field => Arg::Field {
                pos,
                idents: split_idents(t.val.strip_prefix('.').unwrap_or(&t.val)),
            },
            Kind::Bool => Arg::Bool {
                pos,
                value: t.val == "true",
            },
            Kind::CharConstant | Kind::Complex | Kind::Number => {
                match literal::number(&t.val, t.kind == Kind::CharConstant) {
                    Ok(num) => Arg::Number { pos, num },
                    Err(e) => return self.errorf(e),
                }
            }
            Kind::LeftParen => {
                if self.depth >= MAX_DEPTH {
                    return self.errorf("max expression depth exceeded".to_string());
                }
                self.depth += 1;
                let pipe = self.pipeline("parenthesized pipeline", Kind::RightParen);
                self.depth -= 1;
                Arg::Pipe(Box::new(pipe?))
            }
            Kind::String | Kind::RawString => match literal::unquote(&t.val) {
                Ok(text) => Arg::Str {
                    pos,
                    quoted: t.val,
                    text,
                },
                Err(e) => return self.errorf(e),
            },
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}
