"""Builds sherlock-ner: CoNLL files of sentences from "The Adventures of Sherlock Holmes" with PER and LOC tags
assigned by the deterministic rules below (a silver standard: no person checked the tags).

Inputs, each fetched once with an ordinary package client (run from the repository root):

    apt-get download golang-github-jdkato-prose-dev python3-pattern
    dpkg-deb -x golang-github-jdkato-prose-dev_1.2.1-1_all.deb x
    dpkg-deb -x python3-pattern_2.6+git20180818-4_all.deb x
    python3 datasets/sherlock-ner/convert.py \
        x/usr/share/gocode/src/github.com/jdkato/prose/testdata/sherlock.txt \
        x/usr/lib/python3/dist-packages/pattern/text/en/en-entities.txt \
        datasets/names/names.csv datasets/sherlock-ner

Rules, in order (CoNLL-2003 conventions: titles are not part of a name; BIO tags):
  1. PER by title: the capitalised words right after Mr., Mrs., Miss, Dr., Sir, Lady, Lord, Colonel, Inspector,
     Captain, Major, Professor, Madame, Count or Monsieur (a name of one or more capitalised words, 'St.' and
     initials such as 'J.' included).
  2. PER by first name: a capitalised word that is a first name of datasets/names (not at the start of a
     sentence), with the capitalised words that follow it.
     A name from 1 or 2 is dropped when one of its words is also an ordinary word of the book (3 or more
     lower-case uses: 'My', 'King', 'May') or a street word (or 'Yard').
  3. PER by propagation: every name found by 1 or 2, and its last word alone (the surname), is PER wherever it
     occurs capitalised in the book ("one sense per discourse").
  4. LOC by gazetteer: the LOC entries of Pattern's en-entities.txt (London, England, Paris, ...).
  5. LOC by street: one or two capitalised words that are no ordinary words of the book followed by Street,
     Road, Square, Lane, Terrace, Place, Avenue or Bridge (the street word included): Baker Street, Saxe-Coburg
     Square.
A token keeps the first tag a rule gives it; rule 5 runs first (Baker Street is a street even though Henry
Baker is a person), then 1-3, then 4. Stories I-IX are train.conll, X
validation.conll, XI-XII test.conll; one sentence per block, -DOCSTART- between stories.
"""
import csv
import re
import sys
from pathlib import Path

TITLES = {"Mr.", "Mrs.", "Miss", "Dr.", "Sir", "Lady", "Lord", "Colonel", "Inspector", "Captain", "Major",
          "Professor", "Madame", "Count", "Monsieur"}
STREETS = {"Street", "Road", "Square", "Lane", "Terrace", "Place", "Avenue", "Bridge"}
ABBREVIATIONS = {"Mr.", "Mrs.", "Dr.", "St."}
TOKEN = re.compile(r"(?:Mr|Mrs|Dr|St)\.|[A-Z]\.(?=\s+[A-Z])|[A-Za-z]+(?:[-'][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")


def body(text):
    """The book between Project Gutenberg's header and footer, which are left out (they are not the book)."""
    start = text.index("ADVENTURE I. A SCANDAL IN BOHEMIA")
    end = text.index("End of the Project Gutenberg EBook")
    return text[start:end]


def stories(text):
    """(title, text) per adventure, split at the headings ('ADVENTURE II. THE RED-HEADED LEAGUE', 'VII. THE ...')."""
    parts = re.split(r"\n(?=(?:ADVENTURE )?[IVX]+\. [A-Z][A-Z' -]+\n)", "\n" + text)
    return [(p.split("\n", 1)[0].strip(), p.split("\n", 1)[1]) for p in parts if p.strip()]


def sentences(text):
    """Token lists, one per sentence: paragraphs joined, split after . ! ? (not after an abbreviation or initial)."""
    result = []
    for paragraph in re.split(r"\n\s*\n", text):
        words = TOKEN.findall(" ".join(paragraph.split()))
        if not words or re.fullmatch(r"[IVX]+\.?", "".join(words)) or paragraph.isupper():
            continue  # section numbers and headings
        sentence = []
        for i, w in enumerate(words):
            sentence.append(w)
            ends = w in {".", "!", "?"}
            closing = i + 1 < len(words) and words[i + 1] in {'"', "'"}
            if ends and not closing or (w in {'"', "'"} and len(sentence) > 1 and sentence[-2] in {".", "!", "?"}):
                result.append(sentence)
                sentence = []
        if sentence:
            result.append(sentence)
    return [s for s in result if 3 <= len(s) <= 80]


def capitalised(word):
    return word[:1].isupper() and not word.isupper() or re.fullmatch(r"[A-Z]\.|St\.", word) is not None


def name_after(tokens, i):
    """The end (exclusive) of the run of capitalised words starting at i."""
    j = i
    while j < len(tokens) and capitalised(tokens[j]) and tokens[j] not in TITLES:
        j += 1
    return j


def common(word, lowercase):
    """Whether a capitalised word is also an ordinary word of the book (3+ lower-case uses: 'My', 'King', 'May')."""
    return lowercase.get(word.lower(), 0) >= 3


def find_names(all_sentences, first_names, lowercase):
    names = set()
    for tokens in all_sentences:
        for i, w in enumerate(tokens):
            if w in TITLES or (i > 0 and w in first_names and capitalised(w) and tokens[i - 1] not in TITLES):
                start = i + 1 if w in TITLES else i
                end = name_after(tokens, start)
                name = tokens[start:end]
                if (name and not name[-1].endswith(".") and not any(t in STREETS or t == "Yard" for t in name)
                        and not any(common(t, lowercase) for t in name)):
                    names.add(tuple(name))
                    names.add((name[-1],))
    return names


def tag(tokens, names, places, lowercase):
    tags = ["O"] * len(tokens)

    def mark(start, end, kind):
        if all(t == "O" for t in tags[start:end]):
            tags[start] = "B-" + kind
            for k in range(start + 1, end):
                tags[k] = "I-" + kind

    for i, w in enumerate(tokens):
        if w in STREETS and i > 0 and capitalised(tokens[i - 1]) and not common(tokens[i - 1], lowercase):
            start = i - 1
            while (start > 1 and i - start < 3 and capitalised(tokens[start - 1]) and tokens[start - 1] not in TITLES
                   and not common(tokens[start - 1], lowercase)):
                start -= 1
            mark(start, i + 1, "LOC")
    longest = max(len(n) for n in names | places)
    for kind, gazetteer in (("PER", names), ("LOC", places)):
        i = 0
        while i < len(tokens):
            for n in range(min(longest, len(tokens) - i), 0, -1):
                if tuple(tokens[i:i + n]) in gazetteer and (i > 0 or kind == "LOC" or n > 1 or tokens[i] in
                                                            {t for name in names for t in name[-1:]}):
                    mark(i, i + n, kind)
                    i += n - 1
                    break
            i += 1
    return tags


def main(book, entities, names_csv, out):
    text = body(Path(book).read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
    with open(names_csv, encoding="utf-8") as f:
        first_names = {row["name"] for row in csv.DictReader(f)}
    places = set()
    for line in Path(entities).read_text(encoding="utf-8").splitlines():
        if line.endswith(" LOC"):
            places.add(tuple(TOKEN.findall(line[:-4])))
    split = [(title, sentences(story)) for title, story in stories(text)]
    lowercase = {}
    for _, ss in split:
        for tokens in ss:
            for t in tokens:
                if t.islower():
                    lowercase[t] = lowercase.get(t, 0) + 1
    names = find_names([s for _, ss in split for s in ss], first_names, lowercase)
    files = {"train.conll": split[:9], "validation.conll": split[9:10], "test.conll": split[10:]}
    for name, parts in files.items():
        with open(Path(out) / name, "w", encoding="utf-8") as f:
            for title, ss in parts:
                f.write("-DOCSTART- O\n\n")
                for tokens in ss:
                    for token, t in zip(tokens, tag(tokens, names, places, lowercase)):
                        f.write(f"{token} {t}\n")
                    f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
