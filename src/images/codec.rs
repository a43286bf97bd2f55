//! Pixels: one image decoded, turned upright, brought to sRGB, resized and encoded. Pure
//! functions over bytes; the caller reads and writes the files.
//!
//! The crates, compared on the bench's photographs (bench/image_codecs.rs): `image` 0.25
//! decodes (zune-jpeg for JPEG) and reads the EXIF orientation and ICC profile;
//! `fast_image_resize` resizes with SIMD Lanczos3, several times faster than `image`'s own
//! resizer for the same filter; `webp` (libwebp, the reference encoder; `image-webp` writes
//! lossless WebP only) encodes WebP; `jpeg-encoder` encodes the JPEG fallbacks (smaller than `image`'s own encoder's at quality 80); `qcms`
//! (Firefox's colour management) converts an image with another profile to sRGB. No
//! encoder is given metadata, so no variant carries EXIF, GPS, XMP or an ICC profile.

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder};

use super::Encoding;

/// The largest image decoded, in pixels a side and in bytes of pixels: a bigger one is
/// refused rather than allowed to take the machine's memory (a crafted file can claim any
/// size in its header).
const MAX_SIDE: u32 = 30_000;
const MAX_ALLOC: u64 = 1 << 30;

/// An image decoded: upright, sRGB, 8 bits a channel, alpha only when it has some.
pub(super) struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

/// Decodes `bytes` (JPEG, PNG, WebP, or a GIF's first frame), applying its EXIF orientation
/// and converting its colours to sRGB when it carries another ICC profile.
pub(super) fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    // A profile that cannot be read is ignored: the pixels are then taken as sRGB, as
    // browsers take an image without one.
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    let alpha = image.color().has_alpha();
    let (width, height) = (image.width(), image.height());
    let mut data = match alpha {
        true => image.into_rgba8().into_raw(),
        false => image.into_rgb8().into_raw(),
    };
    if let Some(icc) = icc {
        to_srgb(&icc, &mut data, alpha);
    }
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

/// Converts `data` from the colours of the profile `icc` to sRGB, unless the profile is sRGB
/// already or cannot be read.
fn to_srgb(icc: &[u8], data: &mut [u8], alpha: bool) {
    let Some(input) = qcms::Profile::new_from_slice(icc, false) else {
        return;
    };
    if input.is_sRGB() {
        return;
    }
    let kind = match alpha {
        true => qcms::DataType::RGBA8,
        false => qcms::DataType::RGB8,
    };
    let srgb = qcms::Profile::new_sRGB();
    if let Some(transform) = qcms::Transform::new(&input, &srgb, kind, qcms::Intent::Perceptual) {
        transform.apply(data);
    }
}

impl Pixels {
    /// The image resized to `width` × `height` (Lanczos3; the same size is a copy).
    pub(super) fn resized(&self, width: u32, height: u32) -> Result<Pixels, String> {
        if (width, height) == (self.width, self.height) {
            return Ok(Pixels {
                data: self.data.clone(),
                ..*self
            });
        }
        let kind = match self.alpha {
            true => fr::PixelType::U8x4,
            false => fr::PixelType::U8x3,
        };
        let source = fr::images::ImageRef::new(self.width, self.height, &self.data, kind)
            .map_err(|e| e.to_string())?;
        let mut target = fr::images::Image::new(width, height, kind);
        let options = fr::ResizeOptions::new()
            .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
        fr::Resizer::new()
            .resize(&source, &mut target, &options)
            .map_err(|e| e.to_string())?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: target.into_vec(),
        })
    }

    /// The image encoded as `encoding` at `quality` (1 to 100; PNG is lossless).
    pub(super) fn encode(&self, encoding: Encoding, quality: u8) -> Result<Vec<u8>, String> {
        match encoding {
            Encoding::Webp => {
                let encoder = match self.alpha {
                    true => webp::Encoder::from_rgba(&self.data, self.width, self.height),
                    false => webp::Encoder::from_rgb(&self.data, self.width, self.height),
                };
                let memory = encoder
                    .encode_simple(false, f32::from(quality))
                    .map_err(|e| format!("WebP: {e:?}"))?;
                Ok(memory.to_vec())
            }
            Encoding::Jpeg => {
                let (width, height) = (
                    u16::try_from(self.width).map_err(|_| "too wide for JPEG")?,
                    u16::try_from(self.height).map_err(|_| "too tall for JPEG")?,
                );
                let mut out = Vec::new();
                let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
                // Baseline with Huffman tables made for the image: on the bench's photographs
                // progressive files came out 14% larger at the same PSNR (bench/image_codecs.rs),
                // and optimised tables only shrink the entropy coding, never the pixels.
                encoder.set_optimized_huffman_tables(true);
                let (data, kind) = match self.alpha {
                    // JPEG has no alpha: flattened onto white, as a page's background mostly is.
                    true => (flatten(&self.data), jpeg_encoder::ColorType::Rgb),
                    false => (self.data.clone(), jpeg_encoder::ColorType::Rgb),
                };
                encoder
                    .encode(&data, width, height, kind)
                    .map_err(|e| e.to_string())?;
                Ok(out)
            }
            Encoding::Png => {
                use image::ImageEncoder;
                let mut out = Vec::new();
                let encoder = image::codecs::png::PngEncoder::new_with_quality(
                    &mut out,
                    image::codecs::png::CompressionType::Default,
                    image::codecs::png::FilterType::Adaptive,
                );
                let kind = match self.alpha {
                    true => image::ExtendedColorType::Rgba8,
                    false => image::ExtendedColorType::Rgb8,
                };
                encoder
                    .write_image(&self.data, self.width, self.height, kind)
                    .map_err(|e| e.to_string())?;
                Ok(out)
            }
        }
    }
}

/// RGBA pixels laid on white, as RGB.
fn flatten(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        let a = u16::from(px[3]);
        for c in &px[..3] {
            out.push(((u16::from(*c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}
