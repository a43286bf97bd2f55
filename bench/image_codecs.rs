//! How the image crates gazette could use compare on real photographs (issue 18): the
//! resizers (`fast_image_resize` against `image`'s own, both Lanczos3) and the JPEG encoders
//! (`jpeg-encoder` baseline and progressive against `image`'s), by time, size and PSNR
//! against the resized pixels; WebP (`webp`, libwebp; `image-webp` writes lossless only) for
//! reference. Not part of any build; run on the photographs `bench/images.py` makes:
//!
//! ```text
//! cargo run --release --example image_codecs -- /work/bench-data/images 20
//! ```

use std::time::{Duration, Instant};

use fast_image_resize as fr;

fn psnr(a: &[u8], b: &[u8]) -> f64 {
    let mse: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (f64::from(*x) - f64::from(*y)).powi(2))
        .sum::<f64>()
        / a.len() as f64;
    10.0 * (255.0f64 * 255.0 / mse.max(1e-9)).log10()
}

#[derive(Default)]
struct Tally {
    time: Duration,
    bytes: usize,
    psnr: f64,
    count: usize,
}

impl Tally {
    fn add(&mut self, time: Duration, bytes: usize, psnr: f64) {
        self.time += time;
        self.bytes += bytes;
        self.psnr += psnr;
        self.count += 1;
    }

    fn show(&self, name: &str) {
        let n = self.count.max(1) as f64;
        println!(
            "{name:<28} {:>8.1} ms/image {:>9.0} bytes/image  PSNR {:>5.2} dB",
            self.time.as_secs_f64() * 1000.0 / n * 4.0,
            self.bytes as f64 / n * 4.0,
            self.psnr / n
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args
        .next()
        .unwrap_or_else(|| "/work/bench-data/images".into());
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .expect("the photographs' folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    names.sort();
    names.truncate(count);
    let widths = [480u32, 800, 1200, 1600];
    let mut decode = Tally::default();
    let (mut fir, mut own) = (Tally::default(), Tally::default());
    let (mut baseline, mut progressive, mut image_jpeg, mut webp) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    for path in &names {
        let bytes = std::fs::read(path).unwrap();
        let started = Instant::now();
        let photo = image::load_from_memory(&bytes).unwrap().into_rgb8();
        decode.add(started.elapsed() / 4, 0, 0.0);
        let (w, h) = photo.dimensions();
        for width in widths.into_iter().filter(|x| *x < w) {
            let height = (u64::from(h) * u64::from(width) / u64::from(w)) as u32;
            let started = Instant::now();
            let source =
                fr::images::ImageRef::new(w, h, photo.as_raw(), fr::PixelType::U8x3).unwrap();
            let mut target = fr::images::Image::new(width, height, fr::PixelType::U8x3);
            fr::Resizer::new()
                .resize(
                    &source,
                    &mut target,
                    &fr::ResizeOptions::new()
                        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3)),
                )
                .unwrap();
            fir.add(started.elapsed(), 0, 0.0);
            let resized = target.into_vec();
            let started = Instant::now();
            let theirs = image::imageops::resize(
                &photo,
                width,
                height,
                image::imageops::FilterType::Lanczos3,
            );
            own.add(started.elapsed(), 0, psnr(theirs.as_raw(), &resized));

            let jpeg = |progressive: bool| {
                let mut out = Vec::new();
                let mut encoder = jpeg_encoder::Encoder::new(&mut out, 80);
                encoder.set_progressive(progressive);
                encoder
                    .encode(
                        &resized,
                        width as u16,
                        height as u16,
                        jpeg_encoder::ColorType::Rgb,
                    )
                    .unwrap();
                out
            };
            for (tally, progressive) in [(&mut baseline, false), (&mut progressive, true)] {
                let started = Instant::now();
                let out = jpeg(progressive);
                let time = started.elapsed();
                let back = image::load_from_memory(&out).unwrap().into_rgb8();
                tally.add(time, out.len(), psnr(back.as_raw(), &resized));
            }
            let started = Instant::now();
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
                .encode(&resized, width, height, image::ExtendedColorType::Rgb8)
                .unwrap();
            let time = started.elapsed();
            let back = image::load_from_memory(&out).unwrap().into_rgb8();
            image_jpeg.add(time, out.len(), psnr(back.as_raw(), &resized));

            let started = Instant::now();
            let out = webp::Encoder::from_rgb(&resized, width, height)
                .encode_simple(false, 80.0)
                .unwrap()
                .to_vec();
            let time = started.elapsed();
            let back = image::load_from_memory(&out).unwrap().into_rgb8();
            webp.add(time, out.len(), psnr(back.as_raw(), &resized));
        }
    }
    println!(
        "{} photographs, each to {widths:?} (times and bytes per photograph, all widths)",
        names.len()
    );
    decode.show("decode (image, zune-jpeg)");
    fir.show("resize fast_image_resize");
    own.show("resize image::imageops");
    println!("  (PSNR of image::imageops's result against fast_image_resize's)");
    baseline.show("JPEG jpeg-encoder baseline");
    progressive.show("JPEG jpeg-encoder progressive");
    image_jpeg.show("JPEG image's encoder");
    webp.show("WebP libwebp (webp crate)");
}
