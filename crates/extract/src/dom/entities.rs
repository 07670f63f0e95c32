//! Character references: `&amp;`, `&#8217;`, `&rsquo;` and the legacy names without a
//! semicolon, as browsers read them.

use std::borrow::Cow;

/// Decodes character references (`&amp;`, `&#8217;`, `&rsquo;`); text without any is borrowed.
pub(crate) fn decode(raw: &str) -> Cow<'_, str> {
    let Some(first) = raw.bytes().position(|b| b == b'&') else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = reference(rest);
        match decoded {
            Some(chars) => {
                out.extend(chars.into_iter().flatten());
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace('\0', "\u{fffd}").into()
}

/// Reads the reference at the start of `s` (which begins with `&`): its characters and length.
fn reference(s: &str) -> (Option<[Option<char>; 2]>, usize) {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let (hex, digits_at) = match bytes.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut end = digits_at;
        while end < bytes.len()
            && end - digits_at < 8
            && (if hex {
                bytes[end].is_ascii_hexdigit()
            } else {
                bytes[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == digits_at {
            return (None, 0);
        }
        let digits = &s[digits_at..end];
        let code = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
        let used = end + usize::from(bytes.get(end) == Some(&b';'));
        let c = match code {
            // Windows-1252 numbers that pages send for quotes and dashes.
            0x80..=0x9F => windows_1252(code),
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return (Some([Some(c), None]), used);
    }
    let mut end = 1;
    while end < bytes.len() && end <= 32 && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 1 {
        return (None, 0);
    }
    let entities = &markup5ever::data::NAMED_ENTITIES;
    if bytes.get(end) == Some(&b';') {
        if let Some(&(a, b)) = entities.get(&s[1..=end]) {
            if a != 0 {
                return (Some(pair(a, b)), end + 1);
            }
        }
    }
    // Legacy names without the semicolon ("&amp", "&nbsp"): the longest one that is an entity.
    for stop in (2..=end).rev() {
        if let Some(&(a, b)) = entities.get(&s[1..stop]) {
            if a != 0 {
                return (Some(pair(a, b)), stop);
            }
        }
    }
    (None, 0)
}

/// The one or two characters of a named reference (the second is 0 when absent).
fn pair(a: u32, b: u32) -> [Option<char>; 2] {
    [
        char::from_u32(a),
        (b != 0).then(|| char::from_u32(b)).flatten(),
    ]
}

fn windows_1252(code: u32) -> char {
    const TABLE: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    TABLE
        .get((code - 0x80) as usize)
        .and_then(|&c| char::from_u32(c))
        .unwrap_or('\u{fffd}')
}
