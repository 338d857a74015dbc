//! Plural categories (CLDR cardinal rules) for the languages residents use.

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// The cardinal plural category of the whole number `n` in `language`
/// (the primary subtag, e.g. "cy"), from the CLDR plural rules. Languages
/// not listed use "one" for 1 and "other" otherwise.
pub fn plural(language: &str, n: i64) -> Plural {
    use Plural::*;
    let n = n.unsigned_abs();
    let (n10, n100) = (n % 10, n % 100);
    match language {
        // Welsh: 0 zero, 1 one, 2 two, 3 few, 6 many.
        "cy" => match n {
            0 => Zero,
            1 => One,
            2 => Two,
            3 => Few,
            6 => Many,
            _ => Other,
        },
        // Polish (integers): 1 one; 2-4 (not 12-14) few; the rest many.
        "pl" => match n {
            1 => One,
            _ if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => Few,
            _ => Many,
        },
        // Romanian: 1 one; 0 and 2-19 (mod 100) few.
        "ro" => match n {
            1 => One,
            _ if n == 0 || (2..=19).contains(&n100) => Few,
            _ => Other,
        },
        // Arabic.
        "ar" => match n {
            0 => Zero,
            1 => One,
            2 => Two,
            _ if (3..=10).contains(&n100) => Few,
            _ if (11..=99).contains(&n100) => Many,
            _ => Other,
        },
        // Bengali, Farsi, Gujarati, Hindi: "one" for 0 and 1.
        "bn" | "fa" | "gu" | "hi" | "pa" => if n <= 1 { One } else { Other },
        // Lithuanian, Russian, Ukrainian (integers).
        "lt" => match (n10, n100) {
            (1, m) if !(11..=19).contains(&m) => One,
            (2..=9, m) if !(11..=19).contains(&m) => Few,
            _ => Other,
        },
        "ru" | "uk" => match (n10, n100) {
            (1, m) if m != 11 => One,
            (2..=4, m) if !(12..=14).contains(&m) => Few,
            _ => Many,
        },
        // Chinese, Vietnamese: one form.
        "zh" | "vi" => Other,
        _ => if n == 1 { One } else { Other },
    }
}

