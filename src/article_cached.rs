//! The forms of [`Article`](super::Article) fields in the record cache that serde's defaults do
//! not give.

/// Dates as Unix seconds, nanoseconds and the offset in seconds: exact, where chrono's
/// RFC 3339 text drops an offset's seconds (historical offsets such as Monrovia's
/// -0:44:30 have them) and is slower to read back.
pub(crate) mod date {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) type Parts = (i64, u32, i32);

    pub(crate) fn parts(date: &DateTime<FixedOffset>) -> Parts {
        (
            date.timestamp(),
            date.timestamp_subsec_nanos(),
            date.offset().local_minus_utc(),
        )
    }

    pub(crate) fn from_parts<E: serde::de::Error>(
        (secs, nanos, offset): Parts,
    ) -> Result<DateTime<FixedOffset>, E> {
        let offset = FixedOffset::east_opt(offset).ok_or_else(|| E::custom("bad offset"))?;
        let utc = DateTime::from_timestamp(secs, nanos).ok_or_else(|| E::custom("bad date"))?;
        Ok(utc.with_timezone(&offset))
    }

    pub(crate) fn serialize<S: Serializer>(
        date: &DateTime<FixedOffset>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        parts(date).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        from_parts(Parts::deserialize(d)?)
    }
}

/// An optional date, as [`date`] does it.
pub(crate) mod updated {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::date::{from_parts, parts, Parts};

    pub(crate) fn serialize<S: Serializer>(
        date: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        date.as_ref().map(parts).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<Parts>::deserialize(d)?.map(from_parts).transpose()
    }
}

/// Front-matter values through a tagged copy of [`serde_json::Value`]: postcard cannot read
/// a `Value` itself (it has no `deserialize_any`), and JSON text would not give back every
/// float bit for bit without serde_json's `float_roundtrip`.
pub(crate) mod extra {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::{Map, Number, Value};

    #[derive(Serialize, Deserialize)]
    enum Tagged {
        Null,
        Bool(bool),
        U64(u64),
        I64(i64),
        F64(f64),
        String(String),
        Array(Vec<Tagged>),
        Object(Vec<(String, Tagged)>),
    }

    impl From<&Value> for Tagged {
        fn from(value: &Value) -> Tagged {
            match value {
                Value::Null => Tagged::Null,
                Value::Bool(b) => Tagged::Bool(*b),
                Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                    (Some(u), _, _) => Tagged::U64(u),
                    (_, Some(i), _) => Tagged::I64(i),
                    (_, _, Some(f)) => Tagged::F64(f),
                    _ => Tagged::Null,
                },
                Value::String(s) => Tagged::String(s.clone()),
                Value::Array(items) => Tagged::Array(items.iter().map(Tagged::from).collect()),
                Value::Object(map) => Tagged::Object(pairs(map)),
            }
        }
    }

    impl From<Tagged> for Value {
        fn from(tagged: Tagged) -> Value {
            match tagged {
                Tagged::Null => Value::Null,
                Tagged::Bool(b) => Value::Bool(b),
                Tagged::U64(u) => Value::from(u),
                Tagged::I64(i) => Value::from(i),
                Tagged::F64(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
                Tagged::String(s) => Value::String(s),
                Tagged::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
                Tagged::Object(pairs) => Value::Object(map(pairs)),
            }
        }
    }

    fn pairs(map: &Map<String, Value>) -> Vec<(String, Tagged)> {
        map.iter()
            .map(|(k, v)| (k.clone(), Tagged::from(v)))
            .collect()
    }

    fn map(pairs: Vec<(String, Tagged)>) -> Map<String, Value> {
        pairs
            .into_iter()
            .map(|(k, v)| (k, Value::from(v)))
            .collect()
    }

    pub(crate) fn serialize<S: Serializer>(
        extra: &Map<String, Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        pairs(extra).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Map<String, Value>, D::Error> {
        Ok(map(Vec::<(String, Tagged)>::deserialize(d)?))
    }
}
