#!/usr/bin/env python3
"""Writes a synthetic gazette site of N articles for the conformance check.

Deterministic (seeded): articles over 25 years with times and offsets, 1-4 topics drawn
Zipf-like from 300, 1-2 authors of 60, one outlet of 12, Markdown with headings, quotes,
lists, tables, footnotes, links to other articles, some raw HTML (sanitised by gazette),
some aliases and drafts, in TOML and YAML front matter.

Usage: generate.py SITE_DIR N [BASE_URL]
"""

import os
import random
import sys

WORDS = ("the minister said government coalition defence canada forces mission training "
         "airstrikes allies meeting paris ottawa report security policy parliament budget "
         "election refugees province council court justice climate energy trade health "
         "hospital school city police fire storm river bridge highway market jobs").split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 20)
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def zipf(rng, n):
    return min(int((n + 1) ** rng.random()) - 1, n - 1)


def main():
    site, count = sys.argv[1], int(sys.argv[2])
    base_url = sys.argv[3] if len(sys.argv) > 3 else "https://example.org/"
    rng = random.Random(20160119)
    topics = [f"Topic {i}" for i in range(300)]
    authors = [f"Author {i}" for i in range(60)]
    outlets = [f"Outlet {i}" for i in range(12)]
    os.makedirs(os.path.join(site, "content"), exist_ok=True)
    with open(os.path.join(site, "site.toml"), "w") as f:
        f.write(f'title = "Generated Archive"\ndescription = "A synthetic news archive."\n'
                f'base_url = "{base_url}"\ntimezone = "America/Toronto"\npaginate = 20\n\n'
                '[topics.topic-0]\nname = "Topic 0"\nkind = "subject"\naliases = ["Topic Zero"]\n'
                'description = "The biggest story."\n\n'
                '[topics.topic-1]\nname = "Topic 1"\nkind = "place"\nauto = true\n')
    paths = []
    for i in range(count):
        year = 2000 + rng.randrange(25)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        hour, minute = rng.randrange(24), rng.randrange(60)
        slug = f"story-{i}"
        rel = f"{year}/{month:02d}/{slug}.md"
        draft = rng.random() < 0.01
        chosen = sorted({topics[zipf(rng, len(topics))] for _ in range(rng.randint(1, 4))})
        writers = sorted({rng.choice(authors) for _ in range(rng.randint(1, 2))})
        outlet = rng.choice(outlets)
        title = sentence(rng, rng.randint(5, 12))[:-1].replace('"', "")
        body = [paragraph(rng)]
        if rng.random() < 0.5:
            body.append(f"## {sentence(rng, 4)[:-1]}")
        body.append(paragraph(rng))
        if rng.random() < 0.3:
            body.append("> " + sentence(rng))
        if rng.random() < 0.3:
            body.append("\n".join(f"- {sentence(rng, 5)}" for _ in range(3)))
        if rng.random() < 0.1:
            body.append("| Riding | Votes |\n|---|---|\n| Ottawa Centre | 12,345 |\n| Papineau | 23,456 |")
        if rng.random() < 0.2:
            body.append("A claim that needs a source.[^1]\n\n[^1]: " + sentence(rng))
        if paths and rng.random() < 0.3:
            other = paths[rng.randrange(len(paths))]
            body.append(f"See also [an earlier story](@/{other}) and [the minister's office](https://example.com/office).")
        if rng.random() < 0.05:
            body.append('<div class="embed" onclick="track()">Embedded <script>alert(1)</script> content</div>')
        body.append(paragraph(rng))
        extra = ""
        if rng.random() < 0.02:
            extra += f'aliases = ["/old/{slug}/"]\n'
        if not draft:
            paths.append(rel)  # drafts are left out of the build, so never link to one
        date = f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00-05:00"
        if i % 4 == 0:
            front = (f"---\ntitle: \"{title}\"\ndate: {date}\ntopics: [{', '.join(chosen)}]\n"
                     f"authors: [{', '.join(writers)}]\nsource: {outlet}\nslug: {slug}\n"
                     f"draft: {'true' if draft else 'false'}\n---\n")
        else:
            quoted = ", ".join(f'"{t}"' for t in chosen)
            front = (f'+++\ntitle = "{title}"\ndate = {date}\ntopics = [{quoted}]\n'
                     f'authors = [{", ".join(repr(w).replace(chr(39), chr(34)) for w in writers)}]\n'
                     f'source = {{ name = "{outlet}", url = "https://{outlet.lower().replace(" ", "")}.example/" }}\n'
                     f'slug = "{slug}"\ndraft = {"true" if draft else "false"}\n{extra}+++\n')
        path = os.path.join(site, "content", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(front + "\n" + "\n\n".join(body) + "\n")


if __name__ == "__main__":
    main()
