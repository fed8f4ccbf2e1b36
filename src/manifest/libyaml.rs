//! A small safe wrapper over the libyaml event parser (`unsafe-libyaml`).
//!
//! libyaml is the C library that go-yaml (and so kubectl) was ported from, so its scanner and
//! parser report the same problems, with the same wording and the same marks. Apart from the native
//! builds' allocator (`native_alloc.rs`), this is the only file with `unsafe` code.

use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;

/// A position inside the parsed input as libyaml reports it (all fields 0-based).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte offset from the start of the input.
    pub index: usize,
    /// Line number, counting every YAML line break.
    pub line: usize,
    /// Column in characters.
    pub column: usize,
}

/// One parser event.
#[derive(Debug)]
pub(crate) enum EventKind {
    /// Start of the stream.
    StreamStart,
    /// End of the stream.
    StreamEnd,
    /// Start of a document.
    DocumentStart,
    /// End of a document.
    DocumentEnd,
    /// `*name`.
    Alias(String),
    /// A scalar with its anchor, tag and text; `plain_implicit` when it is plain and untagged.
    Scalar {
        anchor: Option<String>,
        tag: Option<String>,
        value: String,
        plain_implicit: bool,
        double_quoted: bool,
    },
    /// Start of a sequence; `flow` for `[...]`.
    SequenceStart {
        anchor: Option<String>,
        tag: Option<String>,
        flow: bool,
    },
    /// End of a sequence.
    SequenceEnd,
    /// Start of a mapping; `flow` for `{...}`.
    MappingStart {
        anchor: Option<String>,
        tag: Option<String>,
        flow: bool,
    },
    /// End of a mapping.
    MappingEnd,
}

/// An event with its start and end marks.
#[derive(Debug)]
pub(crate) struct Event {
    pub kind: EventKind,
    pub start: Mark,
    pub end: Mark,
}

/// Which stage of libyaml found a problem; go-yaml numbers lines differently for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Decoding characters (invalid or control characters); only an offset is known.
    Reader,
    /// Tokenising.
    Scanner,
    /// Building events from tokens.
    Parser,
    /// Anything else (memory).
    Other,
}

/// A syntax error as libyaml reports it.
#[derive(Clone, Debug)]
pub(crate) struct SyntaxError {
    pub stage: Stage,
    pub problem: String,
    pub problem_mark: Mark,
    pub problem_offset: usize,
    pub context: String,
    pub context_mark: Mark,
}

/// A libyaml parser over a borrowed input; it yields events until the first error.
pub(crate) struct EventParser<'a> {
    // libyaml keeps a pointer to the parser inside itself, so it lives in a box that never moves.
    raw: NonNull<unsafe_libyaml::yaml_parser_t>,
    failed: bool,
    _input: PhantomData<&'a [u8]>,
}

impl<'a> EventParser<'a> {
    /// Starts a parser over `input`, which must outlive it.
    pub(crate) fn new(input: &'a [u8]) -> Option<Self> {
        let boxed: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>> =
            Box::new(MaybeUninit::uninit());
        let raw = NonNull::new(Box::into_raw(boxed).cast::<unsafe_libyaml::yaml_parser_t>())?;
        // SAFETY: `raw` points to writable memory of the right size; libyaml zeroes and
        // initialises it, and only reads `input` while the parser (tied to 'a) exists.
        unsafe {
            if unsafe_libyaml::yaml_parser_initialize(raw.as_ptr()).fail {
                drop(Box::from_raw(
                    raw.as_ptr()
                        .cast::<MaybeUninit<unsafe_libyaml::yaml_parser_t>>(),
                ));
                return None;
            }
            unsafe_libyaml::yaml_parser_set_input_string(
                raw.as_ptr(),
                input.as_ptr(),
                input.len() as u64,
            );
        }
        Some(EventParser {
            raw,
            failed: false,
            _input: PhantomData,
        })
    }

    /// Returns the next event, or the error that stopped the parser.
    pub(crate) fn next_event(&mut self) -> Result<Event, SyntaxError> {
        if self.failed {
            return Err(self.error());
        }
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::zeroed();
        // SAFETY: the parser is initialised; the event is written by libyaml on success and
        // released with `yaml_event_delete` after its data has been copied out.
        unsafe {
            let ev = event.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_parse(self.raw.as_ptr(), ev).fail {
                self.failed = true;
                return Err(self.error());
            }
            let converted = convert(&*ev);
            unsafe_libyaml::yaml_event_delete(ev);
            match converted {
                Some(event) => Ok(event),
                None => {
                    self.failed = true;
                    Err(self.error())
                }
            }
        }
    }

    fn error(&self) -> SyntaxError {
        // SAFETY: the parser is initialised and its error fields are plain data or C strings
        // with static lifetime (libyaml only stores string literals there).
        let p = unsafe { &**self.raw.as_ptr() };
        let stage = match p.error {
            unsafe_libyaml::YAML_READER_ERROR => Stage::Reader,
            unsafe_libyaml::YAML_SCANNER_ERROR => Stage::Scanner,
            unsafe_libyaml::YAML_PARSER_ERROR => Stage::Parser,
            _ => Stage::Other,
        };
        SyntaxError {
            stage,
            problem: unsafe { c_string(p.problem.cast()) }.unwrap_or_default(),
            problem_mark: mark(p.problem_mark),
            problem_offset: usize::try_from(p.problem_offset).unwrap_or(0),
            context: unsafe { c_string(p.context.cast()) }.unwrap_or_default(),
            context_mark: mark(p.context_mark),
        }
    }
}

impl Drop for EventParser<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` and is released exactly once.
        unsafe {
            unsafe_libyaml::yaml_parser_delete(self.raw.as_ptr());
            drop(Box::from_raw(
                self.raw
                    .as_ptr()
                    .cast::<MaybeUninit<unsafe_libyaml::yaml_parser_t>>(),
            ));
        }
    }
}

fn mark(m: unsafe_libyaml::yaml_mark_t) -> Mark {
    Mark {
        index: usize::try_from(m.index).unwrap_or(usize::MAX),
        line: usize::try_from(m.line).unwrap_or(usize::MAX),
        column: usize::try_from(m.column).unwrap_or(usize::MAX),
    }
}

/// Copies a NUL-terminated string owned by libyaml.
///
/// SAFETY: `ptr` is null or points to a NUL-terminated string that outlives the call.
unsafe fn c_string(ptr: *const u8) -> Option<String> {
    let ptr = NonNull::new(ptr.cast_mut())?;
    let s = unsafe { CStr::from_ptr(ptr.as_ptr().cast()) };
    Some(String::from_utf8_lossy(s.to_bytes()).into_owned())
}

/// Copies an event out of libyaml's memory; `None` for an event type this wrapper does not know.
///
/// SAFETY: `ev` was filled by a successful `yaml_parser_parse`.
unsafe fn convert(ev: &unsafe_libyaml::yaml_event_t) -> Option<Event> {
    let kind = match ev.type_ {
        unsafe_libyaml::YAML_STREAM_START_EVENT => EventKind::StreamStart,
        unsafe_libyaml::YAML_STREAM_END_EVENT => EventKind::StreamEnd,
        unsafe_libyaml::YAML_DOCUMENT_START_EVENT => EventKind::DocumentStart,
        unsafe_libyaml::YAML_DOCUMENT_END_EVENT => EventKind::DocumentEnd,
        unsafe_libyaml::YAML_ALIAS_EVENT => {
            EventKind::Alias(unsafe { c_string(ev.data.alias.anchor) }.unwrap_or_default())
        }
        unsafe_libyaml::YAML_SCALAR_EVENT => {
            let s = unsafe { ev.data.scalar };
            let len = usize::try_from(s.length).ok()?;
            let bytes = if s.value.is_null() || len == 0 {
                &[][..]
            } else {
                unsafe { std::slice::from_raw_parts(s.value, len) }
            };
            EventKind::Scalar {
                anchor: unsafe { c_string(s.anchor) },
                tag: unsafe { c_string(s.tag) },
                value: String::from_utf8_lossy(bytes).into_owned(),
                plain_implicit: s.plain_implicit,
                double_quoted: s.style == unsafe_libyaml::YAML_DOUBLE_QUOTED_SCALAR_STYLE,
            }
        }
        unsafe_libyaml::YAML_SEQUENCE_START_EVENT => {
            let s = unsafe { ev.data.sequence_start };
            EventKind::SequenceStart {
                anchor: unsafe { c_string(s.anchor) },
                tag: unsafe { c_string(s.tag) },
                flow: s.style == unsafe_libyaml::YAML_FLOW_SEQUENCE_STYLE,
            }
        }
        unsafe_libyaml::YAML_SEQUENCE_END_EVENT => EventKind::SequenceEnd,
        unsafe_libyaml::YAML_MAPPING_START_EVENT => {
            let s = unsafe { ev.data.mapping_start };
            EventKind::MappingStart {
                anchor: unsafe { c_string(s.anchor) },
                tag: unsafe { c_string(s.tag) },
                flow: s.style == unsafe_libyaml::YAML_FLOW_MAPPING_STYLE,
            }
        }
        unsafe_libyaml::YAML_MAPPING_END_EVENT => EventKind::MappingEnd,
        _ => return None,
    };
    Some(Event {
        kind,
        start: mark(ev.start_mark),
        end: mark(ev.end_mark),
    })
}
