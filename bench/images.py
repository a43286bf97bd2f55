#!/usr/bin/python3
"""Image processing, gazette against Hugo (issue 18): 1,000 photographs of 2 to 4 megapixels,
each the lead image of its own page bundle, resized to 480, 800, 1200 and 1600 pixels wide
(never upscaled: an image narrower than 1600 gets its own width as the widest copy) and
encoded as WebP at quality 80 and as a JPEG fallback at quality 80, on both sides.

    /usr/bin/python3 bench/images.py [--runs 2] [--gazette target/release/gazette]
                                     [--hugo /work/bench-data/venv/bin/hugo] [--write]

The photographs are made once, by a seeded crop-and-scale of the JPEG photographs of Debian's
wallpaper packages (`apt-get install plasma-workspace-wallpapers gnome-backgrounds`; only
JPEGs of at least 2.5 megapixels are used), into /work/bench-data/images (not in the
repository): each is a different crop (position, size, aspect, mirror) of one of them,
scaled with Lanczos to 2-4 megapixels and saved at JPEG quality 90. Needs Pillow
(`apt-get install python3-pil`), hence /usr/bin/python3.

Clean builds alternate (gazette, Hugo, gazette, Hugo, ...): each starts with no output and no
cache (gazette's .gazette-cache, Hugo's resources/ and cacheDir removed). Reported: the
median wall time and CPU time (user + system of the process and its children) of each, and
for gazette two rebuilds into the last clean output with the image cache kept: nothing
changed (the input fingerprint answers), and one article's body edited (the image stage
runs and finds every image in its cache; no image is decoded).
"""

import argparse
import datetime
import glob
import hashlib
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = "/work/bench-data"
IMAGES = os.path.join(DATA, "images")
SITES = os.path.join(DATA, "images-sites")
COUNT = 1000
SEED = 18
WIDTHS = [480, 800, 1200, 1600]
QUALITY = 80


def sources():
    """The distinct JPEG photographs of the wallpaper packages, by content, sorted."""
    from PIL import Image
    found = {}
    for pattern in ("/usr/share/wallpapers/**/*", "/usr/share/backgrounds/**/*"):
        for path in sorted(glob.glob(pattern, recursive=True)):
            if not path.lower().endswith((".jpg", ".jpeg")):
                continue
            with Image.open(path) as image:
                if image.size[0] * image.size[1] < 2_500_000:
                    continue
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
            found.setdefault(digest, path)
    if not found:
        sys.exit("no wallpaper photographs: apt-get install plasma-workspace-wallpapers gnome-backgrounds")
    return sorted(found.values())


def make_images():
    """The 1,000 photographs in IMAGES, made once (a stamp file records the seed): a first
    pass with one seeded generator, then a second one that makes again, with another, each
    photograph below 2 megapixels (a crop of a small wallpaper) or equal to an earlier one."""
    stamp = os.path.join(IMAGES, "made-with-seed")
    if os.path.exists(stamp) and open(stamp).read() == f"{SEED}-2":
        return
    from PIL import Image, ImageOps
    os.makedirs(IMAGES, exist_ok=True)
    photos = sources()
    opened = {}

    def make(n, rng, again):
        path = photos[n % len(photos)] if not again else rng.choice(photos)
        # The parameters are drawn even for a photograph already made, so that the seeded
        # sequence, and with it every photograph, is the same on every run.
        if path not in opened:
            opened.clear()
            with Image.open(path) as image:
                opened[path] = image.size
        sw, sh = opened[path]
        aw, ah = rng.choice([(4, 3), (3, 2), (16, 9), (1, 1), (2, 3), (3, 4)])
        pixels = rng.uniform(2_000_000, 4_000_000)
        # The target size, shrunk until the source can give a crop at least that big.
        w = int((pixels * aw / ah) ** 0.5)
        h = int(w * ah / aw)
        shrink = min(1.0, sw / w, sh / h)
        w, h = int(w * shrink), int(h * shrink)
        # The crop: the target's aspect, between its size and the largest that fits.
        scale = rng.uniform(1.0, min(sw / w, sh / h))
        cw, ch = min(sw, int(w * scale)), min(sh, int(h * scale))
        x, y = rng.randint(0, sw - cw), rng.randint(0, sh - ch)
        mirror = rng.random() < 0.5
        out = os.path.join(IMAGES, f"photo-{n:04d}.jpg")
        if again or not os.path.exists(out):
            with Image.open(path) as source:
                image = source.convert("RGB").crop((x, y, x + cw, y + ch)).resize((w, h), Image.LANCZOS)
            if mirror:
                image = ImageOps.mirror(image)
            image.save(out, quality=90)
        return w * h

    rng = random.Random(SEED)
    sizes = [make(n, rng, False) for n in range(COUNT)]
    rng = random.Random(SEED + 1)
    seen = set()
    for n in range(COUNT):
        while True:
            path = os.path.join(IMAGES, f"photo-{n:04d}.jpg")
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
            if sizes[n] >= 2_000_000 and digest not in seen:
                seen.add(digest)
                break
            sizes[n] = make(n, rng, True)
    with open(stamp, "w") as f:
        f.write(f"{SEED}-2")


def article(n):
    return (f"Photograph {n} of the image benchmark, the lead image of its bundle.\n\n"
            "The river rose overnight and the city closed the bridges.\n")


def make_sites():
    """A gazette site and a Hugo site, each with 1,000 bundles of one photograph (hard links
    to IMAGES)."""
    shutil.rmtree(SITES, ignore_errors=True)
    gazette = os.path.join(SITES, "gazette")
    hugo = os.path.join(SITES, "hugo")
    os.makedirs(gazette)
    with open(os.path.join(gazette, "site.toml"), "w") as f:
        f.write('title = "Images"\nbase_url = "https://example.org/"\n'
                f"[images]\nwidths = {WIDTHS}\nquality = {QUALITY}\n"
                "[search]\nenabled = false\n")
    os.makedirs(os.path.join(hugo, "layouts", "_default"))
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Images"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                f'cacheDir = "{os.path.join(hugo, "cache")}"\n[imaging]\nquality = 80\nresampleFilter = "lanczos"\n')
    # The same work as gazette's: each width (never wider than the image; the image's own
    # width when it is narrower than the widest) as WebP and as JPEG, quality 80.
    widths = " ".join(str(w) for w in WIDTHS)
    with open(os.path.join(hugo, "layouts", "_default", "single.html"), "w") as f:
        f.write(
            "<!doctype html><title>{{ .Title }}</title>\n"
            '{{ with .Resources.GetMatch "photo.jpg" }}{{ $img := . }}\n'
            "{{ $widths := slice " + widths + " }}\n"
            "{{ if lt $img.Width " + str(WIDTHS[-1]) + " }}{{ $widths = $widths | append $img.Width }}{{ end }}\n"
            "<picture>{{ range $widths }}{{ if le . $img.Width }}"
            '{{ $w := $img.Resize (printf "%dx webp q80" .) }}{{ $j := $img.Resize (printf "%dx jpg q80" .) }}'
            '<source srcset="{{ $w.RelPermalink }} {{ $w.Width }}w"><img src="{{ $j.RelPermalink }}">'
            "{{ end }}{{ end }}</picture>{{ end }}\n{{ .Content }}\n")
    with open(os.path.join(hugo, "layouts", "_default", "list.html"), "w") as f:
        f.write("<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}\n")
    for n in range(COUNT):
        year = 2000 + n // 100
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=n % 100)
        image = os.path.join(IMAGES, f"photo-{n:04d}.jpg")
        for root, front in (
            (gazette, f'+++\ntitle = "Photograph {n}"\ndate = {day}\nimage = {{ src = "photo.jpg", alt = "Photograph {n}" }}\n+++\n\n'),
            (hugo, f'+++\ntitle = "Photograph {n}"\ndate = {day}\n+++\n\n'),
        ):
            folder = os.path.join(root, "content", str(year), f"photo-{n:04d}")
            os.makedirs(folder)
            with open(os.path.join(folder, "index.md"), "w") as f:
                f.write(front + article(n))
            os.link(image, os.path.join(folder, "photo.jpg"))
    return gazette, hugo


def timed(command, cwd):
    """Runs `command` in `cwd`; its wall time and its CPU time (user + system), in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{command} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def clean(site, *folders):
    for folder in folders:
        shutil.rmtree(os.path.join(site, folder), ignore_errors=True)


def count_files(folder, suffix):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(suffix))


def hugo_version(hugo):
    out = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    return next((w.split("-")[0] for w in out.split() if w.startswith("v0.")), out.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--gazette", default=os.path.join(REPO, "target", "release", "gazette"))
    # The binary itself, not venv/bin/hugo: that is a Python wrapper whose start-up would be
    # counted as Hugo's.
    parser.add_argument("--hugo", default=os.path.join(
        DATA, "venv", "lib", "python3.11", "site-packages", "hugo", "binaries", "hugo"))
    parser.add_argument("--write", action="store_true", help="add the report to bench/RESULTS.md")
    args = parser.parse_args()
    make_images()
    gazette, hugo = make_sites()
    megapixels = []
    from PIL import Image
    for n in range(COUNT):
        with Image.open(os.path.join(IMAGES, f"photo-{n:04d}.jpg")) as image:
            megapixels.append(image.size[0] * image.size[1] / 1e6)
    runs = {"gazette": [], "hugo": []}
    files = {}
    unchanged = edited = None
    images_line = ""
    # Each side's output and cache are removed once measured: both at once do not fit on a
    # small disk (about 2 GB each).
    for run in range(args.runs):
        clean(gazette, "public", ".gazette-cache")
        wall, cpu, _ = timed([args.gazette, "build", "--quiet"], gazette)
        runs["gazette"].append((wall, cpu))
        print(f"run {run + 1}: gazette clean {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
        if run == args.runs - 1:
            # Rebuilds of the last clean output, with the image cache.
            unchanged, _, _ = timed([args.gazette, "build", "--quiet"], gazette)
            story = os.path.join(gazette, "content", "2005", "photo-0500", "index.md")
            original = open(story).read()
            with open(story, "w") as f:
                f.write(original.replace("closed the bridges", "closed every bridge"))
            edited, _, out = timed([args.gazette, "build", "--verbose"], gazette)
            images_line = next((l for l in out.splitlines() if "image cache" in l), "")
            with open(story, "w") as f:
                f.write(original)
            public = os.path.join(gazette, "public")
            files["gazette"] = (count_files(public, ".webp"), count_files(public, ".jpg"))
        clean(gazette, "public", ".gazette-cache")
        clean(hugo, "public", "resources", "cache")
        wall, cpu, _ = timed([args.hugo, "--quiet"], hugo)
        runs["hugo"].append((wall, cpu))
        print(f"run {run + 1}: hugo clean {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
        public = os.path.join(hugo, "public")
        files["hugo"] = (count_files(public, ".webp"), count_files(public, ".jpg"))
        clean(hugo, "public", "resources", "cache")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
    lines = [
        f"## Images: gazette against Hugo, {datetime.date.today()}",
        "",
        f"`bench/images.py --runs {args.runs}`: {COUNT} photographs of "
        f"{min(megapixels):.1f}-{max(megapixels):.1f} megapixels (median {statistics.median(megapixels):.1f}), "
        f"one per page bundle, each resized to {', '.join(map(str, WIDTHS))} (never upscaled) as WebP "
        f"and JPEG at quality {QUALITY}. Clean builds alternate, no output and no cache; "
        f"{os.cpu_count()} cores, shared with other work. Hugo {hugo_version(args.hugo)}.",
        "",
        "| | clean wall (median) | clean CPU (median) | runs (wall s) | WebP / JPEG files |",
        "|---|---|---|---|---|",
    ]
    for name in ("gazette", "hugo"):
        wall, cpu = med[name]
        each = ", ".join(f"{w:.1f}" for w, _ in runs[name])
        lines.append(f"| {name} | {wall:.1f} s | {cpu:.1f} s | {each} | {files[name][0]} / {files[name][1]} |")
    lines += [
        "",
        f"gazette rebuilds into the last clean output with its image cache: nothing changed "
        f"{unchanged:.2f} s; one article's body edited {edited:.2f} s ({images_line.strip()}).",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        results = os.path.join(REPO, "bench", "RESULTS.md")
        text = open(results).read()
        head, _, rest = text.partition("\n## ")
        with open(results, "w") as f:
            f.write(head + "\n" + report + "\n## " + rest)


if __name__ == "__main__":
    main()
