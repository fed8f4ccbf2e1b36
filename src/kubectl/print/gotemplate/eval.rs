//! Evaluating pipelines, commands, fields, function calls and arguments (text/template/exec.go,
//! `evalPipeline` to `evalEmptyInterface`).

use super::exec::{R, State};
use super::funcs::{self, Ty, signature};
use super::node::{Arg, At, Cmd, Number, Pipe};
use super::value::{V, Val};
use serde_json::Value;
use std::borrow::Cow;

impl<'t, 'a> State<'t, 'a> {
    /// The value of a pipeline; declared variables are pushed (or assigned).
    pub fn eval_pipeline(&mut self, dot: &Val<'a>, pipe: &'t Pipe) -> R<Val<'a>> {
        self.at(At::Pipe(pipe));
        let mut value: Option<Val<'a>> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.unboxed());
        }
        let value = value.unwrap_or_else(Val::invalid);
        for name in &pipe.decl {
            if pipe.is_assign {
                self.set_var(name, value.clone())?;
            } else {
                self.vars.push((name.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], final_: &Option<Val<'a>>) -> R<()> {
        if args.len() > 1 || final_.is_some() {
            let first = args.first().map(ToString::to_string).unwrap_or_default();
            return self.errorf(format!("can't give argument to non-function {first}"));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Val<'a>, cmd: &'t Cmd, final_: Option<Val<'a>>) -> R<Val<'a>> {
        let Some(first) = cmd.args.first() else {
            return self.errorf("empty command");
        };
        match first {
            Arg::Field { idents, .. } => {
                return self.eval_field_node(dot, first, idents, &cmd.args, final_);
            }
            Arg::Chain { .. } => return self.eval_chain_node(dot, first, &cmd.args, final_),
            Arg::Identifier { name, .. } => {
                self.at(At::Arg(first));
                let args = cmd.args.get(1..).unwrap_or(&[]);
                return self.eval_call(dot, name, Some(cmd), args, final_);
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &final_)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable { .. } => return self.eval_variable_node(dot, first, &cmd.args, final_),
            _ => {}
        }
        self.at(At::Arg(first));
        self.not_a_function(&cmd.args, &final_)?;
        match first {
            Arg::Bool { value, .. } => Ok(Val::plain(V::Bool(*value))),
            Arg::Dot { .. } => Ok(dot.clone()),
            Arg::Nil { .. } => self.errorf("nil is not a command"),
            Arg::Number { num, .. } => self.ideal_constant(first, num),
            Arg::Str { text, .. } => Ok(Val::string(text.clone())),
            other => self.errorf(format!(
                "can't evaluate command {}",
                crate::gofmt::quote::quote(&other.to_string())
            )),
        }
    }

    /// A number literal where no type is asked for: `float64` when written with a point or an
    /// exponent, else `int` (exec.go, `idealConstant`).
    fn ideal_constant(&mut self, node: &'t Arg, num: &Number) -> R<Val<'a>> {
        self.at(At::Arg(node));
        let t = &num.text;
        let hex_int =
            t.len() > 2 && (t.starts_with("0x") || t.starts_with("0X")) && !t.contains(['p', 'P']);
        let rune = t.starts_with('\'');
        if let Some(f) = num
            .float
            .filter(|_| !hex_int && !rune && t.contains(['.', 'e', 'E', 'p', 'P']))
        {
            return Ok(Val::plain(V::Float(f)));
        }
        if let Some(i) = num.int {
            return Ok(Val::int(i));
        }
        if num.uint {
            return self.errorf(format!("{t} overflows int"));
        }
        Ok(Val::invalid())
    }

    fn eval_field_node(
        &mut self,
        dot: &Val<'a>,
        node: &'t Arg,
        idents: &'t [String],
        args: &'t [Arg],
        final_: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        self.eval_field_chain(dot.clone(), idents, args, final_)
    }

    fn eval_chain_node(
        &mut self,
        dot: &Val<'a>,
        node: &'t Arg,
        args: &'t [Arg],
        final_: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        let Arg::Chain {
            node: inner,
            fields,
            ..
        } = node
        else {
            return self.errorf("internal error: no fields in evalChainNode");
        };
        if matches!(inner.as_ref(), Arg::Nil { .. }) {
            return self.errorf(format!("indirection through explicit nil in {node}"));
        }
        let receiver = self.eval_arg(dot, None, inner)?;
        self.eval_field_chain(receiver, fields, args, final_)
    }

    fn eval_variable_node(
        &mut self,
        dot: &Val<'a>,
        node: &'t Arg,
        args: &'t [Arg],
        final_: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        let Arg::Variable { idents, .. } = node else {
            return Ok(dot.clone());
        };
        let value = self.var_value(idents.first().map_or("$", String::as_str))?;
        match idents.get(1..) {
            Some(rest) if !rest.is_empty() => self.eval_field_chain(value, rest, args, final_),
            _ => {
                self.not_a_function(args, &final_)?;
                Ok(value)
            }
        }
    }

    fn eval_field_chain(
        &mut self,
        mut receiver: Val<'a>,
        idents: &[String],
        args: &[Arg],
        final_: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        let Some((last, init)) = idents.split_last() else {
            return Ok(receiver);
        };
        for name in init {
            receiver = self.eval_field(name, &[], &None, receiver)?;
        }
        self.eval_field(last, args, &final_, receiver)
    }

    /// `.name` of a value: a map entry; maps are the only values with fields here.
    fn eval_field(
        &mut self,
        name: &str,
        args: &[Arg],
        final_: &Option<Val<'a>>,
        receiver: Val<'a>,
    ) -> R<Val<'a>> {
        if !receiver.is_valid() {
            if self.missing_error {
                return self.errorf(format!(
                    "nil data; no entry for key {}",
                    crate::gofmt::quote::quote(name)
                ));
            }
            return Ok(Val::invalid());
        }
        let typ = receiver.type_name();
        if receiver.v == V::Null {
            return self.errorf(format!("nil pointer evaluating {typ}.{name}"));
        }
        let has_args = args.len() > 1 || final_.is_some();
        let found = match &receiver.v {
            V::Json(Cow::Borrowed(Value::Object(map))) => Some(map.get(name).map(Val::elem)),
            V::Json(Cow::Owned(Value::Object(map))) => {
                Some(map.get(name).map(|e| Val::elem(e).clone_owned()))
            }
            _ => None,
        };
        match found {
            Some(_) if has_args => self.errorf(format!("{name} is not a method but has arguments")),
            Some(Some(v)) => Ok(v),
            Some(None) if self.missing_error => self.errorf(format!(
                "map has no entry for key {}",
                crate::gofmt::quote::quote(name)
            )),
            Some(None) => Ok(Val::invalid()),
            None => self.errorf(format!("can't evaluate field {name} in type {typ}")),
        }
    }

    /// Calls a function: checks the number of arguments, evaluates them for the parameter
    /// types, short-circuits `and` and `or`, and wraps the function's error.
    fn eval_call(
        &mut self,
        dot: &Val<'a>,
        name: &str,
        cmd: Option<&'t Cmd>,
        args: &'t [Arg],
        final_: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        let Some(sig) = signature(name) else {
            return self.errorf(format!(
                "{} is not a defined function",
                crate::gofmt::quote::quote(name)
            ));
        };
        let num_in = args.len() + usize::from(final_.is_some());
        let fixed = sig.fixed.len();
        match sig.variadic {
            Some(_) if num_in < fixed => {
                return self.errorf(format!(
                    "wrong number of args for {name}: want at least {fixed} got {}",
                    args.len()
                ));
            }
            None if num_in != fixed => {
                return self.errorf(format!(
                    "wrong number of args for {name}: want {fixed} got {num_in}"
                ));
            }
            _ => {}
        }
        if name == "and" || name == "or" {
            let mut v = Val::invalid();
            for arg in args {
                v = self.eval_arg(dot, Some(Ty::Value), arg)?;
                if v.clone().unboxed().truth() == (name == "or") {
                    return Ok(v);
                }
            }
            return Ok(final_.unwrap_or(v));
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, arg) in args.iter().enumerate() {
            let ty = sig
                .fixed
                .get(i)
                .copied()
                .or(sig.variadic)
                .unwrap_or(Ty::Any);
            argv.push(self.eval_arg(dot, Some(ty), arg)?);
        }
        if let Some(f) = final_ {
            let ty = sig
                .fixed
                .get(num_in - 1)
                .copied()
                .or(sig.variadic)
                .unwrap_or(Ty::Any);
            argv.push(self.validate_type(f, Some(ty))?);
        }
        let result = if name == "call" {
            Err(match argv.first().map(|v| &v.v) {
                None | Some(V::Invalid | V::Null) => "call of nil".to_string(),
                Some(_) => {
                    let callee = args.first().map(ToString::to_string).unwrap_or_default();
                    let ty = argv.first().map_or("", Val::concrete_type);
                    format!("non-function {callee} of type {ty}")
                }
            })
        } else {
            funcs::call(name, argv)
        };
        result.or_else(|e| {
            if let Some(c) = cmd {
                self.at(At::Cmd(c));
            }
            self.errorf(format!("error calling {name}: {e}"))
        })
    }

    /// Checks a value against a parameter type (exec.go, `validateType`).
    fn validate_type(&self, v: Val<'a>, ty: Option<Ty>) -> R<Val<'a>> {
        match (ty, &v.v) {
            (None | Some(Ty::Value | Ty::Any), _) => Ok(v),
            (Some(Ty::Str), V::Invalid) => self.errorf("invalid value; expected string"),
            (Some(Ty::Str), V::Str(_)) => Ok(v.unboxed()),
            (Some(Ty::Str), _) => {
                let got = if v.v == V::Null {
                    "interface {}"
                } else {
                    v.concrete_type()
                };
                self.errorf(format!("wrong type for value; expected string; got {got}"))
            }
        }
    }

    /// Evaluates an argument for a parameter of type `ty` (exec.go, `evalArg`).
    fn eval_arg(&mut self, dot: &Val<'a>, ty: Option<Ty>, n: &'t Arg) -> R<Val<'a>> {
        self.at(At::Arg(n));
        let v = match n {
            Arg::Dot { .. } => dot.clone(),
            Arg::Nil { .. } => {
                if ty == Some(Ty::Str) {
                    return self.errorf("cannot assign nil to string");
                }
                Val::invalid()
            }
            Arg::Field { idents, .. } => {
                self.eval_field_node(dot, n, idents, std::slice::from_ref(n), None)?
            }
            Arg::Variable { .. } => self.eval_variable_node(dot, n, &[], None)?,
            Arg::Pipe(p) => self.eval_pipeline(dot, p)?,
            Arg::Identifier { name, .. } => {
                self.at(At::Arg(n));
                self.eval_call(dot, name, None, &[], None)?
            }
            Arg::Chain { .. } => self.eval_chain_node(dot, n, &[], None)?,
            Arg::Str { text, .. } => return Ok(Val::string(text.clone())),
            Arg::Bool { value, .. } if ty != Some(Ty::Str) => {
                return Ok(Val::plain(V::Bool(*value)));
            }
            Arg::Number { num, .. } if ty != Some(Ty::Str) => return self.ideal_constant(n, num),
            _ => return self.errorf(format!("expected string; found {n}")),
        };
        self.validate_type(v, ty)
    }
}
