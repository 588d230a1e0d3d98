//! Lenient field types shared by every shape: exports disagree on types (numbers as
//! strings, bools as "TRUE", nested objects as JSON text), so each field accepts every
//! spelling seen in real data and is strict about anything else.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::Conditions;

/// Makes a borrowed string owned, for values parsed out of JSON text.
pub(super) fn own(v: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    v.map(|c| Cow::Owned(c.into_owned()))
}

/// A string field that may be missing, null, or (in loose exports) a number or a bool.
/// Borrows from the input unless the string holds escapes.
#[derive(Default, Debug)]
pub(super) struct Text<'a>(pub Option<Cow<'a, str>>);

impl Text<'_> {
    pub(super) fn into_owned(self) -> Text<'static> {
        Text(own(self.0))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(if v { "true" } else { "false" }))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A list of strings that may be missing or null, or (Log Analytics) JSON text of a list.
#[derive(Default, Debug)]
pub(super) struct TextList<'a>(pub Vec<Cow<'a, str>>);

impl TextList<'_> {
    pub(super) fn into_owned(self) -> TextList<'static> {
        TextList(
            self.0
                .into_iter()
                .map(|c| Cow::Owned(c.into_owned()))
                .collect(),
        )
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for TextList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = TextList<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(Text(item)) = seq.next_element::<Text<'a>>()? {
                    out.extend(item);
                }
                Ok(TextList(out))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(TextList(Vec::new()));
                }
                if t.starts_with('[') {
                    let list: TextList<'_> = serde_json::from_str(t).map_err(E::custom)?;
                    return Ok(list.into_owned());
                }
                Ok(TextList(vec![Cow::Owned(t.to_string())]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TextList(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TextList(Vec::new()))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// An integer that may be a JSON number or a numeric string (`"53003"`).
#[derive(Default, Debug)]
pub(super) struct Number(pub Option<i64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                i64::try_from(v)
                    .map(|v| Number(Some(v)))
                    .map_err(|_| E::custom(format!("number {v} is out of range")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    Ok(Number(Some(v as i64)))
                } else {
                    Err(E::invalid_type(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(Number(None));
                }
                t.parse()
                    .map(|n| Number(Some(n)))
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A boolean that may be `true`, `"True"`, `"TRUE"`, `"Yes"`, `"Oui"`, `1` or null.
#[derive(Default, Debug)]
pub(super) struct Flag(pub Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                match v {
                    0 => Ok(Flag(Some(false))),
                    1 => Ok(Flag(Some(true))),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                self.visit_u64(u64::try_from(v).unwrap_or(u64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                match v.trim().to_lowercase().as_str() {
                    "true" | "yes" | "1" | "oui" | "sí" | "si" => Ok(Flag(Some(true))),
                    "false" | "no" | "0" | "non" => Ok(Flag(Some(false))),
                    "" => Ok(Flag(None)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// `conditionsSatisfied`: beta's comma-separated names, or diagnostic settings' bitmask
/// (a number, or a numeric string in CSV).
#[derive(Default, Debug)]
pub(super) struct Conds(pub Option<Conditions>);

impl<'de> Deserialize<'de> for Conds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Conds;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("condition names (\"application,users\") or a bitmask")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Conds, E> {
                Ok(Conds(Some(Conditions(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Conds, E> {
                u64::try_from(v)
                    .map(|v| Conds(Some(Conditions(v))))
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Conds, E> {
                let t = v.trim();
                if let Ok(bits) = t.parse::<u64>() {
                    return Ok(Conds(Some(Conditions(bits))));
                }
                Ok(Conds(Some(Conditions::from_names(t))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Conds, E> {
                Ok(Conds(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Conds, E> {
                Ok(Conds(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A nested value that Log Analytics may deliver as JSON text instead of an object.
pub(super) trait FromJsonText: Sized {
    fn from_json_text(text: &str) -> Result<Self, String>;
}

/// A nested object or list, or its JSON text (`"{\"errorCode\":53003}"`), or nothing.
#[derive(Debug)]
pub(super) struct Dyn<T>(pub Option<T>);

impl<T> Default for Dyn<T> {
    fn default() -> Self {
        Dyn(None)
    }
}

impl<'de, T: Deserialize<'de> + FromJsonText> Deserialize<'de> for Dyn<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromJsonText> Visitor<'de> for V<T> {
            type Value = Dyn<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object, a list, or its JSON text")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|v| Dyn(Some(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                T::deserialize(SeqAccessDeserializer::new(seq)).map(|v| Dyn(Some(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    return Ok(Dyn(None));
                }
                T::from_json_text(v)
                    .map(|t| Dyn(Some(t)))
                    .map_err(E::custom)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Dyn(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Dyn(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Parses JSON text into an owned value: the text is a temporary, so nothing may borrow it.
pub(super) fn parse_text<'t, T: Deserialize<'t>>(text: &'t str) -> Result<T, String> {
    serde_json::from_str(text.trim()).map_err(|e| {
        let msg = e.to_string();
        format!(
            "JSON text that does not parse: {}",
            msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i])
        )
    })
}

/// Deserializes a CSV row given as (header, cell) pairs; cells are borrowed strings, which
/// every field type above accepts. Errors name the column.
pub(super) fn from_fields<'r, T: Deserialize<'r>>(
    fields: &[(&'r str, &'r str)],
) -> Result<T, String> {
    use serde::de::value::{BorrowedStrDeserializer, Error, MapDeserializer};
    let make = || {
        MapDeserializer::<_, Error>::new(fields.iter().map(|&(k, v)| {
            (
                BorrowedStrDeserializer::<Error>::new(k),
                BorrowedStrDeserializer::<Error>::new(v),
            )
        }))
    };
    match T::deserialize(make()) {
        Ok(t) => Ok(t),
        Err(e) => match serde_path_to_error::deserialize::<_, T>(make()) {
            Err(pe) if pe.path().iter().next().is_some() => {
                Err(format!("column \"{}\": {}", pe.path(), pe.inner()))
            }
            _ => Err(e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_flags_and_lists_in_every_spelling() {
        let n: Number = serde_json::from_str("\"53003\"").unwrap();
        assert_eq!(n.0, Some(53003));
        let n: Number = serde_json::from_str("53003").unwrap();
        assert_eq!(n.0, Some(53003));
        assert!(serde_json::from_str::<Number>("\"abc\"").is_err());
        for (text, want) in [
            ("true", true),
            ("\"TRUE\"", true),
            ("\"Non\"", false),
            ("0", false),
        ] {
            let f: Flag = serde_json::from_str(text).unwrap();
            assert_eq!(f.0, Some(want), "{text}");
        }
        let l: TextList =
            serde_json::from_str(r#""[\"unfamiliarFeatures\",\"newCountry\"]""#).unwrap();
        assert_eq!(l.0, ["unfamiliarFeatures", "newCountry"]);
        let l: TextList = serde_json::from_str(r#"["a", null, "b"]"#).unwrap();
        assert_eq!(l.0, ["a", "b"]);
        let c: Conds = serde_json::from_str("\"1035\"").unwrap();
        assert_eq!(c.0, Some(Conditions(1035)));
    }
}
