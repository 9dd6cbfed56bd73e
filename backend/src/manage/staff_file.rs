//! A staff file as offices save it: UTF-8 with or without a byte-order mark, UTF-16 from
//! Excel's "Unicode text", or Windows-1252 from its plain "CSV"; separated by commas,
//! semicolons (Excel in much of Europe) or tabs.

/// The file as text, whatever of those encodings it came in.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        // Not UTF-8: Excel's "CSV (Comma delimited)" writes the Windows code page.
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// One byte of Windows-1252: Latin-1 but for the printable characters at 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The separator of the header line: whichever of `,` `;` and tab it holds most of
/// (outside quotes); a comma when it holds none.
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_file(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn every_encoding_excel_saves_reads_as_the_same_text() {
        let text = "Legal Surname\tPreferred Forename\nNí Bhriain\tZoë\nŶr\tŴyn\n";
        assert_eq!(decode(text.as_bytes()), text);
        assert_eq!(decode(&[b"\xef\xbb\xbf", text.as_bytes()].concat()), text);
        assert_eq!(decode(&utf16_file(text, false)), text);
        assert_eq!(decode(&utf16_file(text, true)), text);
        // Windows-1252: ë is 0xEB, ’ is 0x92.
        assert_eq!(decode(b"Zo\xeb O\x92Brien"), "Zoë O’Brien");
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses() {
        assert_eq!(delimiter("name,email,groups\n"), b',');
        assert_eq!(delimiter("Surname;Forename;\"Role, main\"\n"), b';');
        assert_eq!(delimiter("Surname\tForename\tWork Email\n"), b'\t');
        assert_eq!(delimiter("\"a,b\";c\n"), b';');
        assert_eq!(delimiter("name\n"), b',');
    }
}
