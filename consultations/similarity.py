"""How alike two comments are, for finding campaigns: the same text, or the same text lightly
edited, sent by many accounts.

A text is normalised (Unicode NFC, case folded, punctuation and spacing dropped, Arabic
diacritics and tatweel removed, Arabic alef forms unified; Chinese and Japanese characters are
words by themselves, since those scripts write no spaces), cut into overlapping word pairs, and
summed up by a MinHash signature (`datasketch`): the share of equal values in two signatures
estimates the share of word pairs the two texts have in common (Jaccard similarity). Added
sentences, changed words, a signature appended or sentences in another order keep most pairs.

Locality-sensitive hashing finds candidates without comparing every pair: the signature is
cut into BANDS bands of ROWS values; two texts share a band key when a whole band is equal,
which happens often for alike texts and rarely for others (with 32 bands of 4: a 0.6 similar
text shares a key with probability 0.99, a 0.2 similar one 0.05). Only texts sharing a key
are compared."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 32, 4
SEED = 20170  # fixed: signatures stored in the database stay comparable

# Arabic: the harakat, superscript alef and Quranic marks (U+064B–U+065F, U+0670, U+06D6–U+06ED)
# and the tatweel (U+0640) are dropped; hamzated and madda alefs become the bare alef.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEFS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627"})
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def words(text: str) -> list[str]:
    """The text's words after normalisation (a Chinese character is a word)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ALEFS)
    return _TOKEN.findall(text)


def _int64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class Print:
    """What is kept of a text to find its likes: its word count, a key equal for texts equal
    after normalisation, its MinHash signature and its band keys (scoped to a provision)."""

    length: int
    exact: int
    signature: numpy.ndarray

    def band_keys(self, scope: int) -> list[int]:
        prefix = scope.to_bytes(8, "big", signed=True)
        bands = self.signature.reshape(BANDS, ROWS)
        return [_int64(prefix + band.to_bytes(1, "big") + bands[band].tobytes()) for band in range(BANDS)]

    def similarity(self, other: "Print") -> float:
        return float(numpy.count_nonzero(self.signature == other.signature)) / NUM_PERM

    @property
    def signature_bytes(self) -> bytes:
        return self.signature.tobytes()


def text_print(text: str) -> Print:
    tokens = words(text)
    pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)] or tokens
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([pair.encode() for pair in pairs])
    return Print(
        length=len(tokens),
        exact=_int64(" ".join(tokens).encode()),
        signature=minhash.hashvalues.astype(numpy.uint32),
    )


def print_from_stored(*, length: int, exact: int, signature: bytes) -> Print:
    return Print(length=length, exact=exact, signature=numpy.frombuffer(bytes(signature), dtype=numpy.uint32))
