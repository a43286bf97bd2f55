"""Edit-to-page latency of `gazette serve`: how long after an article's file is written the
page served over HTTP shows the new text (issue 14, item 4: < 100 ms at 10,000 articles,
< 500 ms at 100,000, search off).

    bench/serve_latency.py SITE [--gazette BIN] [--edits 10] [--pause 1.0] [--poll MS]
                                [--keep-cache] [--url PATH] [--verbose] [--tmp DIR]

SITE is a site's folder, e.g. /work/bench-data/10000/gazette (made by bench/synth.rs). It is
never modified: the script copies its inputs (site.toml, content/, static/, templates/,
themes/) with `cp -al` (hard links; the site's .gazette-cache/ is left out, so serve starts
without a record cache, as after a fresh clone, unless --keep-cache) into a temporary folder on the same file system (--tmp, default
the system's), and edits the copy only by writing a new file and renaming it over the
article (as bench/compare.py does), so the hard-linked original keeps its bytes.

Then it starts `gazette serve --port 0` on the copy (BIN, default target/release/gazette),
waits for the first build (the "Serving ... at http://127.0.0.1:PORT/" line), connects to
the live-reload WebSocket (/__gazette/livereload, see src/serve/livereload.rs: the server
sends "build N" when a socket opens and after every build), and fetches the edited article's
page once to check its URL. Then, 1 + --edits times:

  1. waits --pause seconds, so the edits are separate bursts and serve is idle;
  2. appends a paragraph with a word never used before ("gzedit<run><k>") to the body of the
     first article in path order (the summary, title, date and URL stay: a body edit), and
     takes the time just before the new file is written;
  3. waits for the next "build N" message on the socket and then fetches the page over HTTP
     (as an open browser tab would: the message makes it reload), until the page holds the
     word; with --poll MS it instead fetches the page every MS milliseconds without the
     socket (the two agree within a few ms; polling adds load to a 2-core machine);
  4. records the time from the write to the response holding the word, and the build time
     serve printed for that rebuild ("Built ... in N ms").

The first edit after startup is reported on its own (before issue 14 it was a full build);
the others as median, quartiles, minimum and maximum. Nothing but 127.0.0.1 is contacted.
On exit (or Ctrl-C) serve is stopped with SIGINT, which removes its own temporary folder
(minutes at 100,000 articles: the script waits up to an hour, and deletes the folder itself
if serve had to be killed), and the copy is deleted.

Run it niced on a shared machine, as every timing here:
    nice -n 19 ionice -c 3 python3 bench/serve_latency.py /work/bench-data/10000/gazette
"""

import argparse
import base64
import datetime
import http.client
import os
import queue
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# How long serve may take to start (a cold first build of 100,000 articles on a busy 2-core
# machine takes about a minute) and how long one edit may take to show before giving up.
START_TIMEOUT = 600.0
# How long serve may take to stop: it deletes its output folder, 138,000 files at 100,000
# articles, which took more than 5 minutes on the busy benchmark machine.
STOP_TIMEOUT = 3600.0
# What a site is made of (src/config: site.toml and INPUT_DIRS); nothing else is copied.
INPUTS = ["site.toml", "content", "static", "templates", "themes"]
EDIT_TIMEOUT = 120.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("site", help="the site's folder (never modified: a hard-linked copy is edited)")
    p.add_argument("--gazette", default=os.path.join(REPO, "target", "release", "gazette"),
                   help="the gazette binary (default: target/release/gazette)")
    p.add_argument("--edits", type=int, default=10, help="edits after the first one (default 10)")
    p.add_argument("--pause", type=float, default=1.0,
                   help="seconds between edits (default 1.0)")
    p.add_argument("--poll", type=float, default=None, metavar="MS",
                   help="poll the page every MS milliseconds instead of waiting on the live-reload socket")
    p.add_argument("--keep-cache", action="store_true",
                   help="copy the site's .gazette-cache/ too (default: serve starts without one)")
    p.add_argument("--url", default=None,
                   help="the edited article's URL path, when it has no `slug` in its front matter")
    p.add_argument("--verbose", action="store_true",
                   help="print what serve printed for each edit, and the wall-clock time of each write")
    p.add_argument("--tmp", default=None,
                   help="where the copy goes (must be on the site's file system for cp -al)")
    return p.parse_args()


# --- the site -------------------------------------------------------------------------------

def copy_site(site, tmp, keep_cache):
    """A hard-linked copy of the site's inputs in a new folder under tmp; returns its path."""
    work = tempfile.mkdtemp(prefix="gazette-serve-latency-", dir=tmp)
    copy = os.path.join(work, "site")
    os.makedirs(copy)
    names = INPUTS + ([".gazette-cache"] if keep_cache else [])
    for name in names:
        if os.path.exists(os.path.join(site, name)):
            subprocess.run(["cp", "-al", os.path.join(site, name), os.path.join(copy, name)], check=True)
    return work, copy


def read_toml_string(path, key):
    """The string value of a top-level `key = "..."` line of a TOML file, or None."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("["):
                return None
            m = re.match(rf'\s*{re.escape(key)}\s*=\s*"([^"]*)"', line)
            if m:
                return m.group(1)
    return None


def first_article(site):
    """The first Markdown article in path order, relative to the site."""
    for dirpath, dirs, files in os.walk(os.path.join(site, "content")):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".md") and not f.startswith("."):
                return os.path.relpath(os.path.join(dirpath, f), site)
    sys.exit(f"no article under {site}/content")


def article_url(site, text):
    """The URL path of an article with TOML front matter and an explicit slug, from the site's
    permalink pattern (enough for the synthetic archives of bench/synth.rs). A date written
    with an offset keeps its own calendar date, as gazette (and Hugo, Zola, Jekyll) file it;
    one without is in the site's timezone, which needs no conversion either."""
    config = os.path.join(site, "site.toml")
    permalink = read_toml_string(config, "permalink") or "/:year/:month/:day/:slug/"
    front = text.split("+++")[1]
    fields = dict(re.findall(r'^(\w+)\s*=\s*"?([^"\n]*)"?\s*$', front, flags=re.M))
    if "slug" not in fields or "date" not in fields:
        sys.exit("the article has no `slug` and `date` in its front matter: give its URL with --url")
    date = datetime.datetime.fromisoformat(fields["date"])
    url = permalink
    for name, value in [("year", f"{date.year:04}"), ("month", f"{date.month:02}"),
                        ("day", f"{date.day:02}"), ("slug", fields["slug"])]:
        url = url.replace(f":{name}", value)
    return url


def replace_file(path, text):
    """Writes text to a new file and renames it over path: a hard-linked original keeps its
    bytes. Returns the time just before the write."""
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".latency-tmp")
    started = time.perf_counter()
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return started


# --- the server -----------------------------------------------------------------------------

class Serve:
    """A running `gazette serve --port 0`, its output lines read on a thread."""

    def __init__(self, gazette, site):
        self.process = subprocess.Popen(
            [gazette, "serve", "--port", "0", "--root", site],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            text=True, bufsize=1)
        self.lines = queue.Queue()
        self.workspace = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put((time.perf_counter(), None))

    def next_line(self, timeout):
        try:
            return self.lines.get(timeout=timeout)[1]
        except queue.Empty:
            return ""

    def wait_for_port(self):
        deadline = time.perf_counter() + START_TIMEOUT
        seen = []
        while time.perf_counter() < deadline:
            line = self.next_line(1.0)
            if line is None:
                sys.exit("gazette serve exited:\n" + "\n".join(seen))
            if line:
                seen.append(line)
                m = re.search(r"^Serving .* at http://127\.0\.0\.1:(\d+)/", line)
                if m:
                    folder = re.search(r"\(building into (.*)\)", line)
                    self.workspace = folder.group(1) if folder else None
                    return int(m.group(1)), seen
        sys.exit("gazette serve did not start in time:\n" + "\n".join(seen))

    def lines_until(self, pattern, timeout):
        """The lines printed until one matching pattern (included), or for timeout seconds."""
        out = []
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            line = self.next_line(max(0.0, deadline - time.perf_counter()))
            if line is None:
                break
            if line:
                out.append(line)
                if re.search(pattern, line):
                    break
        return out

    def build_lines(self):
        """The lines printed since the last call."""
        out = []
        while True:
            try:
                _, line = self.lines.get_nowait()
            except queue.Empty:
                return out
            if line:
                out.append(line)

    def stop(self):
        """Stops serve as Ctrl-C does, which deletes its folder; if it has to be killed, the
        folder is deleted here."""
        if self.process.poll() is None:
            log("stopping serve (it deletes its output folder: minutes at 100,000 articles)")
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workspace and os.path.basename(self.workspace).startswith("gazette-serve-"):
            shutil.rmtree(self.workspace, ignore_errors=True)


def fetch(port, path):
    """GET path from 127.0.0.1:port: (status, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        reply = conn.getresponse()
        return reply.status, reply.read().decode("utf-8", "replace")
    finally:
        conn.close()


class LiveReload:
    """A minimal WebSocket client (RFC 6455) for serve's live-reload socket: text messages
    only, which is all the server sends."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((
            "GET /__gazette/livereload HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                sys.exit("the live-reload socket closed during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            sys.exit(f"no WebSocket upgrade: {head.decode(errors='replace')}")

    def _need(self, n, deadline):
        while len(self.buffer) < n:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                return False
            chunk = self.sock.recv(65536)
            if not chunk:
                sys.exit("the live-reload socket closed")
            self.buffer += chunk
        return True

    def message(self, timeout):
        """The next text message, or None after timeout seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            if not self._need(2, deadline):
                return None
            opcode, length = self.buffer[0] & 0x0F, self.buffer[1] & 0x7F
            at = 2
            if length == 126:
                if not self._need(4, deadline):
                    return None
                length, at = int.from_bytes(self.buffer[2:4], "big"), 4
            elif length == 127:
                if not self._need(10, deadline):
                    return None
                length, at = int.from_bytes(self.buffer[2:10], "big"), 10
            if not self._need(at + length, deadline):
                return None
            payload, self.buffer = self.buffer[at:at + length], self.buffer[at + length:]
            if opcode == 1:
                return payload.decode()
            if opcode == 8:
                sys.exit("the server closed the live-reload socket")

    def drain(self):
        """Drops the messages already received."""
        while self.message(0.0) is not None:
            pass


# --- measuring ------------------------------------------------------------------------------

def wait_visible(port, url, word, started, socket_, poll_ms):
    """Seconds from `started` until the page at url holds word."""
    deadline = started + EDIT_TIMEOUT
    while time.perf_counter() < deadline:
        if socket_ is not None:
            if socket_.message(deadline - time.perf_counter()) is None:
                break
        status, body = fetch(port, url)
        if status == 200 and word in body:
            return time.perf_counter() - started
        if socket_ is None:
            time.sleep(poll_ms / 1000)
    sys.exit(f"{url} did not show {word!r} within {EDIT_TIMEOUT:.0f} s")


def build_ms(lines):
    """The build times serve printed ("Built ... in N ms")."""
    return [int(m.group(1)) for line in lines for m in [re.search(r" in (\d+) ms", line)] if m]


def describe(values):
    values = sorted(values)
    if len(values) >= 4:
        q1, _, q3 = statistics.quantiles(values, n=4)
    else:
        q1, q3 = values[0], values[-1]
    return (f"median {statistics.median(values) * 1000:.0f} ms, quartiles {q1 * 1000:.0f}–"
            f"{q3 * 1000:.0f} ms, range {values[0] * 1000:.0f}–{values[-1] * 1000:.0f} ms")


def main():
    args = parse_args()
    site = os.path.abspath(args.site)
    if not os.path.isfile(os.path.join(site, "site.toml")):
        sys.exit(f"{site} has no site.toml")
    if not os.access(args.gazette, os.X_OK):
        sys.exit(f"{args.gazette} is not an executable: cargo build --release first")
    work, copy = copy_site(site, args.tmp, args.keep_cache)
    serve = None
    try:
        article = os.path.join(copy, first_article(copy))
        with open(article, encoding="utf-8") as f:
            original = f.read()
        url = args.url or article_url(copy, original)
        log(f"site {site} (copy in {copy}); editing {os.path.relpath(article, copy)}, page {url}")

        started = time.perf_counter()
        serve = Serve(args.gazette, copy)
        port, printed = serve.wait_for_port()
        log(f"serve started in {time.perf_counter() - started:.1f} s: {printed[-2] if len(printed) > 1 else printed[-1]}")
        status, body = fetch(port, url)
        title = re.search(r'^title = "(.*)"$', original, flags=re.M)
        if status != 200 or (title and title.group(1) not in body):
            sys.exit(f"{url} is not the article's page (status {status})")
        live = None if args.poll else LiveReload(port)
        if live is not None:
            live.message(10.0)  # "build N" on connect

        run = f"{os.getpid():x}"
        results = []  # (seconds, [build ms])
        for k in range(args.edits + 1):
            time.sleep(args.pause)
            serve.build_lines()
            if live is not None:
                live.drain()
            word = f"gzedit{run}x{k}"
            text = original.rstrip("\n") + f"\n\nEdited for the latency benchmark: {word}.\n"
            wall = time.time()
            at = replace_file(article, text)
            took = wait_visible(port, url, word, at, live, args.poll or 2.0)
            # serve prints its line once the build has also saved its caches, after the page
            # is served.
            lines = serve.lines_until(r"^Built |^error", 60.0)
            ms = build_ms(lines)
            results.append((took, ms))
            if args.verbose:
                log(f"edit {k} written at {wall:.4f}:\n  " + "\n  ".join(lines))
            log(f"edit {k}: visible after {took * 1000:.0f} ms (serve's build: {', '.join(map(str, ms)) or '?'} ms)")

        first, rest = results[0], results[1:]
        how = f"polling every {args.poll:g} ms" if args.poll else "live-reload socket, then GET"
        print(f"gazette serve edit-to-page latency, {site}, {how}")
        print(f"  first edit after startup: {first[0] * 1000:.0f} ms (build {', '.join(map(str, first[1]))} ms)")
        if rest:
            print(f"  next {len(rest)} edits: {describe([r[0] for r in rest])}")
            builds = [b for r in rest for b in r[1]]
            if builds:
                print(f"  serve's own build times for them: median {statistics.median(builds):.0f} ms, "
                      f"range {min(builds)}–{max(builds)} ms")
            print("  every edit, ms: " + " ".join(f"{r[0] * 1000:.0f}" for r in rest))
    finally:
        if serve is not None:
            serve.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
