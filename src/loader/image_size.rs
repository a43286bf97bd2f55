//! The size of an image as a browser shows it, read from the first bytes of its file: no
//! image is decoded. `imagesize` reads the stored size; a JPEG's EXIF orientation, which
//! browsers apply (CSS `image-orientation: from-image` is the default), is read here, so a
//! phone's portrait photo stored sideways gets its `width` and `height` the right way round.

use std::io::Read;
use std::path::Path;

/// How much of a JPEG is read for its EXIF block, which sits in the first segments.
const EXIF_WINDOW: u64 = 128 * 1024;

/// The displayed size in pixels of the image at `path`, when its header gives one.
pub(crate) fn displayed(path: &Path) -> Option<(u32, u32)> {
    let size = imagesize::size(path).ok()?;
    let width = u32::try_from(size.width).ok().filter(|w| *w > 0)?;
    let height = u32::try_from(size.height).ok().filter(|h| *h > 0)?;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(EXIF_WINDOW)
        .read_to_end(&mut head)
        .ok()?;
    Some(match jpeg_orientation(&head) {
        // 5 to 8 turn the picture a quarter.
        Some(5..=8) => (height, width),
        _ => (width, height),
    })
}

/// The EXIF orientation (1 to 8) of a JPEG whose first bytes are `bytes`, if it has one.
fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xff {
            return None;
        }
        let marker = bytes[at + 1];
        // Start of scan, or of a frame: the metadata segments are over.
        if marker == 0xda || (0xc0..=0xcf).contains(&marker) && marker != 0xc4 && marker != 0xcc {
            return None;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let segment = bytes.get(at + 4..at + 2 + length)?;
        if marker == 0xe1 {
            if let Some(tiff) = segment.strip_prefix(b"Exif\0\0") {
                return tiff_orientation(tiff);
            }
        }
        at += 2 + length;
    }
    None
}

/// The orientation tag (0x0112) of the first IFD of a TIFF structure.
fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    if u16_at(2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = u16_at(ifd)?;
    (0..usize::from(entries))
        .map(|n| ifd + 2 + n * 12)
        .find(|entry| u16_at(*entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
        .filter(|o| (1..=8).contains(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of a JPEG with an EXIF orientation, in either byte order.
    fn jpeg_with(orientation: u16, big: bool) -> Vec<u8> {
        let word = |v: u16| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let long = |v: u32| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut tiff = Vec::new();
        tiff.extend(if big { b"MM" } else { b"II" });
        tiff.extend(word(42));
        tiff.extend(long(8));
        tiff.extend(word(1));
        tiff.extend(word(0x0112));
        tiff.extend(word(3));
        tiff.extend(long(1));
        tiff.extend(word(orientation));
        tiff.extend([0, 0]);
        tiff.extend(long(0));
        let mut out = vec![0xff, 0xd8, 0xff, 0xe1];
        out.extend(((tiff.len() + 8) as u16).to_be_bytes());
        out.extend(b"Exif\0\0");
        out.extend(tiff);
        out.extend([
            0xff, 0xc0, 0, 11, 8, 0, 30, 0, 40, 1, 1, 0x11, 0, 0xff, 0xd9,
        ]);
        out
    }

    #[test]
    fn the_exif_orientation_is_read_in_both_byte_orders() {
        for big in [true, false] {
            for orientation in 1..=8 {
                assert_eq!(
                    jpeg_orientation(&jpeg_with(orientation, big)),
                    Some(orientation)
                );
            }
        }
        assert_eq!(jpeg_orientation(b"\x89PNG"), None);
        assert_eq!(jpeg_orientation(&[0xff, 0xd8, 0xff, 0xc0, 0, 11]), None);
    }

    #[test]
    fn a_photo_turned_a_quarter_is_shown_the_other_way_round() {
        let tmp = tempfile::tempdir().unwrap();
        for (orientation, expected) in [(1, (40, 30)), (6, (30, 40)), (8, (30, 40))] {
            let path = tmp.path().join(format!("{orientation}.jpg"));
            crate::fs::write(&path, &jpeg_with(orientation, true)).unwrap();
            assert_eq!(displayed(&path), Some(expected), "{orientation}");
        }
        let broken = tmp.path().join("broken.jpg");
        crate::fs::write(&broken, b"\xff\xd8\xff").unwrap();
        assert_eq!(displayed(&broken), None);
    }
}
