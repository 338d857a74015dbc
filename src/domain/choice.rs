//! Fixed choices, declared once: each variant's wire value (what the
//! payload and the draft hold: its name in snake case unless given) and
//! the text keys of its label and hint.
//!
//! ```
//! put_right::choices! {
//!     /// How soon a repair is needed.
//!     pub enum Soon in "soon" {
//!         Now,
//!         Later,
//!         InAWhile = "in_a_while",
//!     }
//! }
//! use put_right::domain::choice::Choice;
//! assert_eq!(Soon::parse("later"), Some(Soon::Later));
//! assert_eq!(Soon::Now.label(), "soon.now");
//! assert_eq!(serde_json::to_string(&Soon::Now).unwrap(), "\"now\"");
//! ```
//!
//! The label of a choice is the catalogue text `<prefix>.<value>`; if the
//! catalogue has `<prefix>.<value>.hint`, that is its hint.

/// A set of fixed choices.
pub trait Choice: Copy + Eq + 'static {
    /// Text key prefix of the labels.
    const TEXT: &'static str;
    /// Every choice, in the order shown.
    const ALL: &'static [Self];
    /// Their wire values, in the same order.
    const VALUES: &'static [&'static str];
    /// The wire value, e.g. `"family_or_friend"`.
    fn value(self) -> &'static str;

    /// The choice with this wire value, if there is one.
    fn parse(s: &str) -> Option<Self> {
        position(Self::VALUES, s).map(|i| Self::ALL[i])
    }

    /// The text key of its label.
    fn label(self) -> String {
        label_key(Self::TEXT, self.value())
    }
}

/// The text key of a choice's label: `<TEXT>.<value>` (`"role.family_or_friend"`).
pub fn label_key(text: &str, value: &str) -> String {
    format!("{text}.{value}")
}

/// Where `s` is in `values` (one copy in the wasm, not one per choice type).
#[doc(hidden)]
pub fn position(values: &[&str], s: &str) -> Option<usize> {
    values.iter().position(|v| *v == s)
}

/// Declares a [`Choice`] enum with serde support through its wire values.
#[macro_export]
macro_rules! choices {
    ($(#[$meta:meta])* $vis:vis enum $name:ident in $text:literal {
        $($(#[$vmeta:meta])* $variant:ident $(= $value:literal)?),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $crate::domain::choice::Choice for $name {
            const TEXT: &'static str = $text;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const VALUES: &'static [&'static str] = &[$($crate::choice_value!($variant $(, $value)?)),+];
            fn value(self) -> &'static str {
                // The variants have no data and are numbered from 0 in
                // declared order, as VALUES lists them.
                Self::VALUES[self as usize]
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str($crate::domain::choice::Choice::value(*self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                <$name as $crate::domain::choice::Choice>::parse(&s)
                    .ok_or_else(|| ::serde::de::Error::custom(concat!("not a ", stringify!($name))))
            }
        }
    };
}

/// A variant's wire value: the one given, else its name in snake case
/// (`PolicyChange` is `"policy_change"`).
#[doc(hidden)]
#[macro_export]
macro_rules! choice_value {
    ($variant:ident, $value:literal) => {
        $value
    };
    ($variant:ident) => {
        $crate::__paste::paste! { stringify!([<$variant:snake>]) }
    };
}

#[cfg(test)]
mod tests {
    use super::Choice;

    crate::choices! {
        enum Pet in "pet" {
            Cat,
            BigDog,
            Goldfish2 = "goldfish_2",
        }
    }

    #[test]
    fn values_labels_and_serde_agree() {
        assert_eq!(Pet::ALL, &[Pet::Cat, Pet::BigDog, Pet::Goldfish2]);
        assert_eq!(Pet::VALUES, &["cat", "big_dog", "goldfish_2"]);
        assert_eq!(Pet::ALL.iter().map(|p| p.value()).collect::<Vec<_>>(), Pet::VALUES, "each value is its own");
        assert_eq!(Pet::Goldfish2.value(), "goldfish_2", "a value given is used as it is");
        assert_eq!(Pet::BigDog.value(), "big_dog");
        assert_eq!(Pet::BigDog.label(), "pet.big_dog");
        assert_eq!(serde_json::to_string(&Pet::BigDog).unwrap(), "\"big_dog\"");
        assert_eq!(serde_json::from_str::<Pet>("\"cat\"").unwrap(), Pet::Cat);
        assert!(serde_json::from_str::<Pet>("\"dog\"").is_err());
        assert_eq!(Pet::parse("nope"), None);
    }
}
