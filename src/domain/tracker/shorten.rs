//! The complaint definition in one line: what went wrong as the resident
//! wrote it, cut to about [`LINE_CHARS`] characters at the end of a word.

/// The most characters a one-line definition has, its ellipsis included.
pub const LINE_CHARS: usize = 100;

const ELLIPSIS: char = '\u{2026}';

/// Characters that belong to the one before them, so a cut never falls
/// just before them: combining marks (Latin, Arabic script's vowel marks
/// and others), the zero width joiner and what follows one, variation
/// selectors, emoji skin tones, keycaps and tag characters (flags).
fn clings(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

fn regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// A flag is two regional indicators: `kept` ends with an odd run of them.
fn splits_flag(kept: &[char]) -> bool {
    kept.iter().rev().take_while(|c| regional(**c)).count() % 2 == 1
}

/// `text` on one line: spaces and line breaks run together, control
/// characters dropped; if longer than [`LINE_CHARS`], cut after the last
/// whole word that fits and ended with "…". A text of one long word is
/// cut between characters, never inside one (an emoji sequence or a letter
/// with its marks stays whole).
pub fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    let line = words.join(" ");
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= LINE_CHARS {
        return line;
    }
    let room = LINE_CHARS - 1;
    // The last space at which the line can end, if the first word fits.
    let mut cut = chars[..=room].iter().rposition(|c| *c == ' ').unwrap_or(0);
    if cut == 0 {
        cut = room;
        while cut > 0 && (clings(chars[cut]) || chars[cut - 1] == '\u{200D}' || splits_flag(&chars[..cut])) {
            cut -= 1;
        }
    }
    let kept: String = chars[..cut].iter().collect();
    let mut kept = kept.trim_end_matches(|c: char| c == ' ' || ",;:-\u{2013}\u{2014}\u{060C}".contains(c)).to_owned();
    kept.push(ELLIPSIS);
    kept
}
