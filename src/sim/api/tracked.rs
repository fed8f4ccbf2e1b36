//! A deserializer over an owned JSON value that reports the path of the field that failed.
//!
//! Every typed read in the product goes through this one deserializer, so each kind's serde
//! code is compiled once. It stays as lean as `serde_json::Value`'s own deserializer: the path
//! is only built while an error travels back up, never on success.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, Expected, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use serde_json::Value;

use super::decode_types::Seg;

/// A serde error with the path (outermost first) of the value it came from.
#[derive(Debug)]
pub struct TrackedError {
    /// Where the failure was detected.
    pub path: Vec<Seg>,
    /// serde_json's own error, so messages read exactly as serde_json words them.
    pub inner: serde_json::Error,
}

impl TrackedError {
    fn within(mut self, seg: Seg) -> Self {
        self.path.insert(0, seg);
        self
    }
}

impl From<serde_json::Error> for TrackedError {
    fn from(inner: serde_json::Error) -> Self {
        TrackedError {
            path: Vec::new(),
            inner,
        }
    }
}

impl fmt::Display for TrackedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl std::error::Error for TrackedError {}

// Each constructor defers to serde_json's, which words `null` and floats as Go users expect.
impl de::Error for TrackedError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        <serde_json::Error as de::Error>::custom(msg).into()
    }
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        <serde_json::Error as de::Error>::invalid_type(unexp, exp).into()
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        <serde_json::Error as de::Error>::invalid_value(unexp, exp).into()
    }
    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        <serde_json::Error as de::Error>::invalid_length(len, exp).into()
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        <serde_json::Error as de::Error>::unknown_variant(variant, expected).into()
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        <serde_json::Error as de::Error>::unknown_field(field, expected).into()
    }
    fn missing_field(field: &'static str) -> Self {
        <serde_json::Error as de::Error>::missing_field(field).into()
    }
    fn duplicate_field(field: &'static str) -> Self {
        <serde_json::Error as de::Error>::duplicate_field(field).into()
    }
}

/// Deserializes `T` from `value`, reporting the failing field's path on error.
pub fn deserialize<T: de::DeserializeOwned>(value: Value) -> Result<T, TrackedError> {
    T::deserialize(Tracked(value))
}

/// The deserializer: an owned value whose containers hand out tracked children.
struct Tracked(Value);

impl Tracked {
    /// Visits an object or array with tracked access; a scalar is visited only when the
    /// caller accepts any value, and is otherwise a type error.
    ///
    /// Scalars are never handed to serde_json's `Value` methods for container types: those
    /// would compile every visitor a second time against serde_json's own map access.
    fn containers<'de, V: Visitor<'de>>(
        self,
        visitor: V,
        any: bool,
    ) -> Result<V::Value, TrackedError> {
        match self.0 {
            Value::Object(map) => {
                let len = map.len();
                let mut access = Entries {
                    iter: map.into_iter(),
                    pending: None,
                };
                let out = visitor.visit_map(&mut access)?;
                match access.iter.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(len, &"fewer elements in map")),
                }
            }
            Value::Array(items) => {
                let len = items.len();
                let mut access = Items {
                    iter: items.into_iter().enumerate(),
                };
                let out = visitor.visit_seq(&mut access)?;
                match access.iter.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(len, &"fewer elements in array")),
                }
            }
            Value::Null if any => visitor.visit_unit(),
            Value::Bool(b) if any => visitor.visit_bool(b),
            Value::Number(n) if any => n.deserialize_any(visitor).map_err(TrackedError::from),
            Value::String(text) if any => visitor.visit_string(text),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }
}

/// How serde names a scalar in a type error.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(text) => Unexpected::Str(text),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

// Scalars cannot nest, so serde_json reads them (and words their errors) directly.
macro_rules! scalars {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
            self.0.$method(visitor).map_err(TrackedError::from)
        }
    )*};
}

impl<'de> Deserializer<'de> for Tracked {
    type Error = TrackedError;

    scalars! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
        self.containers(visitor, true)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
        self.containers(visitor, false)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
        self.containers(visitor, false)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Tracked(other)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        self.containers(visitor, false)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        self.containers(visitor, false)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        self.containers(visitor, false)
    }

    // Enums are the product's own small types; serde_json's handling (and wording) is kept.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        self.0
            .deserialize_enum(name, variants, visitor)
            .map_err(TrackedError::from)
    }
}

/// Tracked access to an object's entries.
struct Entries {
    iter: serde_json::map::IntoIter,
    pending: Option<(String, Value)>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = TrackedError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TrackedError> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        let out = seed.deserialize(Key(&key))?;
        self.pending = Some((key, value));
        Ok(Some(out))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, TrackedError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("value is missing"));
        };
        seed.deserialize(Tracked(value))
            .map_err(|e| e.within(Seg::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Tracked access to an array's items.
struct Items {
    iter: std::iter::Enumerate<std::vec::IntoIter<Value>>,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = TrackedError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, TrackedError> {
        let Some((index, value)) = self.iter.next() else {
            return Ok(None);
        };
        seed.deserialize(Tracked(value))
            .map(Some)
            .map_err(|e| e.within(Seg::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An object key: a string, or a number or boolean written as one (as serde_json allows).
///
/// It borrows the key, so struct fields are matched without a copy of their names.
struct Key<'k>(&'k str);

macro_rules! parsed_keys {
    ($($method:ident $visit:ident $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
            match self.0.parse::<$ty>() {
                Ok(n) => visitor.$visit(n),
                Err(_) => Err(de::Error::invalid_type(Unexpected::Str(self.0), &visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for Key<'_> {
    type Error = TrackedError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
        visitor.visit_str(self.0)
    }

    parsed_keys! {
        deserialize_i8 visit_i8 i8; deserialize_i16 visit_i16 i16; deserialize_i32 visit_i32 i32;
        deserialize_i64 visit_i64 i64; deserialize_u8 visit_u8 u8; deserialize_u16 visit_u16 u16;
        deserialize_u32 visit_u32 u32; deserialize_u64 visit_u64 u64; deserialize_bool visit_bool bool;
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TrackedError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TrackedError> {
        let key: StrDeserializer<TrackedError> = self.0.into_deserializer();
        key.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}
