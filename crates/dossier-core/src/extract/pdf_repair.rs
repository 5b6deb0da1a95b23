//! Rebuilding a PDF's cross-reference table from its objects, as `pdftotext` does and lopdf
//! does not. Editing tools and interrupted downloads leave files whose objects are intact but
//! whose xref offsets are wrong or gone; lopdf then loses every object. The repair finds
//! each `N G obj` in the bytes, keeps the last definition of each object (incremental
//! updates come later in the file) and appends a fresh table and trailer that point at them.

/// The file with a rebuilt xref table appended, or `None` when no object or catalog is found.
pub fn rebuild(bytes: &[u8]) -> Option<Vec<u8>> {
    let objects = find_objects(bytes);
    let root = last_reference(bytes, b"/Root").or_else(|| catalog(bytes, &objects))?;
    let size = objects.iter().map(|o| o.number).max()? + 1;
    // Real files number their objects densely; "9999999 0 obj" in a tiny file would only
    // make the table huge.
    if size as usize > objects.len() * 16 + 1024 {
        return None;
    }
    let mut by_number = vec![None; size as usize];
    for o in &objects {
        by_number[o.number as usize] = Some(*o);
    }
    let mut out = bytes.to_vec();
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for entry in &by_number {
        match entry {
            Some(o) => out
                .extend_from_slice(format!("{:010} {:05} n \n", o.offset, o.generation).as_bytes()),
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    let mut trailer = format!("trailer\n<< /Size {size} /Root {} {} R", root.0, root.1);
    if let Some(e) = last_reference(bytes, b"/Encrypt") {
        trailer.push_str(&format!(" /Encrypt {} {} R", e.0, e.1));
    }
    if let Some(id) = last_id(bytes) {
        trailer.push_str(&format!(" /ID {id}"));
    }
    trailer.push_str(&format!(" >>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

/// Whether a trailer or cross-reference stream names an encryption dictionary, by
/// reference (`/Encrypt 12 0 R`) or inline (`/Encrypt << … >>`). Both sit outside any
/// compressed stream, so the raw bytes tell even when no parser can open the file.
pub fn names_encryption(bytes: &[u8]) -> bool {
    if last_reference(bytes, b"/Encrypt").is_some() {
        return true;
    }
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"/Encrypt").map(|i| i + from) {
        from = at + b"/Encrypt".len();
        let rest = &bytes[from..];
        let start = rest.iter().position(|c| !c.is_ascii_whitespace());
        if start.is_some_and(|i| rest[i..].starts_with(b"<<")) {
            return true;
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    number: u32,
    generation: u16,
    offset: usize,
}

/// Every `N G obj` that starts a line or follows a delimiter, in file order.
fn find_objects(bytes: &[u8]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"obj").map(|i| i + from) {
        from = at + 3;
        let after = bytes.get(at + 3).copied();
        if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let Some((generation, gen_start)) = number_before(bytes, at) else {
            continue;
        };
        let Some((number, start)) = number_before(bytes, gen_start) else {
            continue;
        };
        let boundary = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if let (true, Ok(number), Ok(generation)) =
            (boundary, number.try_into(), generation.try_into())
        {
            if number > 0 && number < 10_000_000 {
                found.push(Found {
                    number,
                    generation,
                    offset: start,
                });
            }
        }
    }
    found
}

/// The decimal number that ends right before `end` (after optional whitespace), with its
/// start offset.
fn number_before(bytes: &[u8], end: usize) -> Option<(u64, usize)> {
    let mut i = end;
    while i > 0 && bytes[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == end {
        return None;
    }
    let digits_end = i;
    while i > 0 && bytes[i - 1].is_ascii_digit() && digits_end - i < 10 {
        i -= 1;
    }
    let digits = std::str::from_utf8(&bytes[i..digits_end]).ok()?;
    Some((digits.parse().ok()?, i))
}

/// The last `KEY N G R` in the file: the newest trailer's (or xref stream's) entry.
fn last_reference(bytes: &[u8], key: &[u8]) -> Option<(u32, u16)> {
    let mut best = None;
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], key).map(|i| i + from) {
        from = at + key.len();
        let rest = &bytes[from..bytes.len().min(from + 32)];
        let text = String::from_utf8_lossy(rest);
        let mut words = text.split_ascii_whitespace();
        if let (Some(n), Some(g), Some(r)) = (words.next(), words.next(), words.next()) {
            if let (Ok(n), Ok(g), true) = (n.parse(), g.parse(), r.starts_with('R')) {
                best = Some((n, g));
            }
        }
    }
    best
}

/// The object whose dictionary says `/Type /Catalog`, for files that lost their trailer.
fn catalog(bytes: &[u8], objects: &[Found]) -> Option<(u32, u16)> {
    objects.iter().rev().find_map(|o| {
        let head = &bytes[o.offset..bytes.len().min(o.offset + 512)];
        let head: Vec<u8> = head
            .iter()
            .copied()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        find(&head, b"/Type/Catalog").map(|_| (o.number, o.generation))
    })
}

/// The last `/ID [<…> <…>]`, which decrypting an encrypted file needs.
fn last_id(bytes: &[u8]) -> Option<String> {
    let mut from = 0;
    let mut best = None;
    while let Some(at) = find(&bytes[from..], b"/ID").map(|i| i + from) {
        from = at + 3;
        let rest = &bytes[from..];
        let open = rest.iter().position(|c| !c.is_ascii_whitespace())?;
        if rest[open] != b'[' {
            continue;
        }
        let close = rest[open..].iter().take(200).position(|c| *c == b']')?;
        best = Some(String::from_utf8_lossy(&rest[open..=open + close]).into_owned());
    }
    best
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_found_by_their_headers_and_the_last_definition_wins() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<<>>\nendobj\n2 0 obj\n<< /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n";
        let found = find_objects(pdf);
        assert_eq!(
            found.iter().map(|o| o.number).collect::<Vec<_>>(),
            [1, 2, 2]
        );
        assert_eq!(&pdf[found[2].offset..found[2].offset + 7], b"2 0 obj");
        let rebuilt = String::from_utf8(rebuild(pdf).unwrap()).unwrap();
        let table = rebuilt.split("xref\n").nth(1).unwrap();
        let last = found[2].offset;
        assert!(table.starts_with(&format!(
            "0 3\n0000000000 65535 f \n{:010} 00000 n \n{last:010} 00000 n \n",
            found[0].offset
        )));
        assert!(rebuilt.contains("trailer\n<< /Size 3 /Root 1 0 R >>"));
    }

    #[test]
    fn a_file_without_a_trailer_finds_its_catalog() {
        let pdf = b"%PDF-1.4\n4 0 obj\n<</Type/Catalog/Pages 5 0 R>>\nendobj\n5 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n";
        let rebuilt = String::from_utf8(rebuild(pdf).unwrap()).unwrap();
        assert!(rebuilt.contains("/Root 4 0 R"), "{rebuilt}");
    }

    #[test]
    fn a_wildly_sparse_object_number_is_not_worth_a_table() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n9999999 0 obj\n<<>>\nendobj\n";
        assert_eq!(rebuild(pdf), None);
    }

    #[test]
    fn an_encryption_dictionary_is_seen_by_reference_or_inline() {
        assert!(names_encryption(
            b"trailer\n<< /Root 1 0 R /Encrypt 9 0 R >>"
        ));
        assert!(names_encryption(
            b"<< /Type /XRef /Encrypt << /Filter /Standard /V 5 >> >>"
        ));
        assert!(!names_encryption(
            b"<< /Type /Catalog /EncryptMetadata false >>"
        ));
        assert!(!names_encryption(b"trailer\n<< /Root 1 0 R >>"));
    }

    #[test]
    fn bytes_without_objects_cannot_be_rebuilt() {
        assert_eq!(rebuild(b"not a pdf at all"), None);
        assert_eq!(rebuild(b""), None);
    }
}
