#!/usr/bin/env python3
"""Checks a built gazette site the way the web will read it.

  check.py feeds  PUBLIC_DIR    every Atom (feed.xml) and RSS (rss.xml) feed parses with feedparser (bozo false), every feed.json is JSON Feed 1.1,
                                and every entry has an id, a title, a link and a date
  check.py links  PUBLIC_DIR BASE_URL
                                every internal link and fragment in every HTML file
                                points at a file that exists (and an element with that id)
  check.py sizes  PUBLIC_DIR    no sitemap lists more than 50,000 URLs or passes 50 MB

Exits 1 with one line per problem.
"""

import os
import sys
import urllib.parse
from html.parser import HTMLParser


def html_files(root):
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                yield os.path.join(folder, name)


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if key in attrs and attrs[key] is not None:
                self.links.append((tag, key, attrs[key]))


def parse(path, cache={}):
    if path not in cache:
        page = Page()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        cache[path] = page
    return cache[path]


def check_links(root, base_url):
    base = urllib.parse.urlsplit(base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    problems = []
    checked = 0
    for path in html_files(root):
        page = parse(path)
        page_url = "/" + os.path.relpath(path, root).replace(os.sep, "/")
        for tag, attr, link in page.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            if parts.scheme or parts.netloc:
                if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
                    continue  # outbound
            target_path = parts.path
            if not target_path:
                target = path
            else:
                absolute = urllib.parse.urljoin(base_path + page_url.lstrip("/"), target_path)
                if not absolute.startswith(base_path):
                    problems.append(f"{page_url}: <{tag} {attr}={link!r}> leaves the site's path {base_path}")
                    continue
                relative = urllib.parse.unquote(absolute[len(base_path):])
                target = os.path.join(root, relative)
                if relative == "" or relative.endswith("/"):
                    target = os.path.join(target, "index.html")
                if not os.path.isfile(target):
                    problems.append(f"{page_url}: <{tag} {attr}={link!r}> points at nothing")
                    continue
            checked += 1
            if parts.fragment and target.endswith(".html"):
                if urllib.parse.unquote(parts.fragment) not in parse(target).ids:
                    problems.append(f"{page_url}: <{tag} {attr}={link!r}> has no element with id {parts.fragment!r}")
    return problems, checked


def check_feeds(root):
    import feedparser

    problems = []
    count = 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name not in ("feed.xml", "rss.xml", "feed.json"):
                continue
            path = os.path.join(folder, name)
            count += 1
            rel = os.path.relpath(path, root)
            if name == "feed.json":
                # JSON Feed 1.1: feedparser does not read it; its required members.
                import json
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
                if data.get("version") != "https://jsonfeed.org/version/1.1" or "title" not in data:
                    problems.append(f"{rel}: not a JSON Feed 1.1")
                for i, item in enumerate(data.get("items", [])):
                    if not item.get("id") or not (item.get("content_html") or item.get("content_text") is not None):
                        problems.append(f"{rel}: item {i} has no id or content")
                continue
            feed = feedparser.parse(path)
            if feed.bozo:
                problems.append(f"{rel}: feedparser: {feed.bozo_exception}")
            want = "atom10" if name == "feed.xml" else "rss20"
            if feed.version != want:
                problems.append(f"{rel}: not {want} ({feed.version!r})")
            for i, entry in enumerate(feed.entries):
                for key in ("id", "title", "link"):
                    if not entry.get(key):
                        problems.append(f"{rel}: entry {i} has no {key}")
                if not (entry.get("published_parsed") or entry.get("updated_parsed")):
                    problems.append(f"{rel}: entry {i} has no date")
    if count == 0:
        problems.append("no feed.xml found")
    return problems, count


def check_sizes(root):
    problems = []
    for name in os.listdir(root):
        if name.startswith("sitemap") and name.endswith(".xml"):
            path = os.path.join(root, name)
            size = os.path.getsize(path)
            with open(path, encoding="utf-8") as f:
                urls = f.read().count("<url>")
            if urls > 50000 or size > 50 * 1024 * 1024:
                problems.append(f"{name}: {urls} URLs, {size} bytes: over the sitemaps.org limits")
    return problems, 1


def main():
    command, root = sys.argv[1], sys.argv[2]
    if command == "feeds":
        problems, count = check_feeds(root)
        what = "feeds"
    elif command == "links":
        problems, count = check_links(root, sys.argv[3])
        what = "internal links"
    elif command == "sizes":
        problems, count = check_sizes(root)
        what = "sitemap sizes"
    else:
        sys.exit(f"unknown command {command}")
    for p in problems:
        print(p)
    print(f"{command}: {count} {what} checked, {len(problems)} problems in {root}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
