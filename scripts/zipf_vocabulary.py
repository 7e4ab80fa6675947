"""The Zipf-distributed vocabulary the generators share: the words of the bundled playbook by
frequency (stop words left out), padded to 30,000 with made-up three-syllable words, drawn with
probability 1 / (rank + 3)."""
import bisect, glob, itertools, os, re

STOP = {"the", "and", "for", "that", "with", "are", "this", "from", "you", "your", "they", "their", "was", "were", "has",
        "have", "not", "but", "can", "will", "our", "its", "all", "more", "one", "which", "what", "when", "how", "who"}
SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "vo", "shi", "ber", "dan", "el", "fu", "gar", "ho", "ix", "jun", "pel", "qua",
             "sor", "tri", "zen"]


def word_drawer(rng, extra_stop=()):
    """A function words(k) drawing k words with `rng`."""
    here = os.path.dirname(os.path.abspath(__file__))
    counts = {}
    for path in glob.glob(os.path.join(here, "..", "playbooks", "**", "*.y*ml"), recursive=True):
        for word in re.findall(r"[a-z]{3,}", open(path, encoding="utf-8", errors="ignore").read().lower()):
            counts[word] = counts.get(word, 0) + 1
    stop = STOP | set(extra_stop)
    vocabulary = [w for w, _ in sorted(counts.items(), key=lambda x: -x[1]) if w not in stop]
    for combo in itertools.product(SYLLABLES, repeat=3):
        if len(vocabulary) >= 30000:
            break
        vocabulary.append("".join(combo))
    cumulative = list(itertools.accumulate(1 / (rank + 3) for rank in range(len(vocabulary))))

    def words(k):
        return [vocabulary[bisect.bisect(cumulative, rng.random() * cumulative[-1])] for _ in range(k)]
    return words
